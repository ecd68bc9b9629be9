package org.mhhs.backbone.grpc;

import com.google.rpc.BadRequest.FieldViolation;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.mhhs.backbone.grpc.v1.CommandHeader;
import org.mhhs.backbone.grpc.v1.PeriodReading;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.InvalidValueException;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.Quality;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.registration.api.EnergisationStatus;
import org.mhhs.backbone.registration.api.MarketSegment;
import org.mhhs.backbone.registration.api.ServiceRole;

/**
 * Reads the fields of a request into domain values, collecting every violation, so that a caller learns all that
 * is wrong with a request in one answer. Call {@link #validate()} before using any value read.
 */
public final class RequestFields {

    public static final int MAX_TEXT = 200;
    public static final int MAX_READINGS = 50;
    private static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern SUBSCRIPTION_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final List<FieldViolation> violations = new ArrayList<>();

    /** The fields of a command: its header's command id is read first. */
    public static RequestFields ofCommand(CommandHeader header) {
        RequestFields fields = new RequestFields();
        fields.commandId("header.command_id", header.getCommandId());
        return fields;
    }

    public void violation(String field, String description) {
        violations.add(FieldViolation.newBuilder()
                .setField(field)
                .setDescription(description)
                .build());
    }

    public void validate() {
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
    }

    public String commandId(String field, String value) {
        if (!COMMAND_ID.matcher(value).matches()) {
            violation(
                    field,
                    value.isEmpty()
                            ? "a command id is required"
                            : "a command id has 1 to 64 characters from [A-Za-z0-9._:-]");
        }
        return value;
    }

    public String subscriptionName(String field, String value) {
        if (!SUBSCRIPTION_NAME.matcher(value).matches()) {
            violation(
                    field,
                    value.isEmpty()
                            ? "a subscription name is required"
                            : "a subscription name has 1 to 64 characters from [A-Za-z0-9._-]");
        }
        return value;
    }

    public ParticipantId participantId(String field, String value) {
        return parse(field, value, ParticipantId::of);
    }

    public Mpan mpan(String field, String value) {
        return parse(field, value, Mpan::of);
    }

    public GspGroupId gspGroupId(String field, String value) {
        return parse(field, value, GspGroupId::of);
    }

    public LocalDate date(String field, String value) {
        if (value.isEmpty()) {
            violation(field, "a date (YYYY-MM-DD) is required");
            return null;
        }
        return optionalDate(field, value);
    }

    /** An optional date: null when empty. */
    public LocalDate optionalDate(String field, String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() != 10) {
            violation(field, "'" + shown(value) + "' is not a date of the form YYYY-MM-DD");
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            violation(field, "'" + shown(value) + "' is not a date of the form YYYY-MM-DD");
            return null;
        }
    }

    /** A page size: 0 means the default; anything beyond 0 to {@code max} is a violation. The size to use. */
    public int pageSize(String field, int requested, int defaultSize, int max) {
        if (requested < 0 || requested > max) {
            violation(field, "must be 0 (the default of " + defaultSize + ") to " + max);
        }
        return requested == 0 ? defaultSize : requested;
    }

    public String text(String field, String value, int maxLength, boolean required) {
        if (required && value.isBlank()) {
            violation(field, "must not be blank");
        } else if (value.length() > maxLength) {
            violation(field, "has " + value.length() + " characters; at most " + maxLength + " are allowed");
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            // PostgreSQL text cannot hold NUL, and no name or description needs a control character
            violation(field, "must not contain control characters");
        }
        return value;
    }

    public MarketRole role(String field, org.mhhs.backbone.grpc.v1.MarketRole role) {
        return switch (role) {
            case MARKET_ROLE_UNSPECIFIED -> missing(field, "a market role is required");
            case UNRECOGNIZED -> missing(field, "unknown market role");
            default -> ProtoMapping.role(role);
        };
    }

    public SettlementRunType runType(String field, org.mhhs.backbone.grpc.v1.SettlementRunType runType) {
        return switch (runType) {
            case SETTLEMENT_RUN_TYPE_UNSPECIFIED -> missing(field, "a settlement run type is required");
            case UNRECOGNIZED -> missing(field, "unknown settlement run type");
            default -> ProtoMapping.runType(runType);
        };
    }

    public MarketSegment segment(String field, org.mhhs.backbone.grpc.v1.MarketSegment segment, boolean required) {
        return switch (segment) {
            case MARKET_SEGMENT_UNSPECIFIED -> required ? missing(field, "a market segment is required") : null;
            case UNRECOGNIZED -> missing(field, "unknown market segment");
            default -> ProtoMapping.segment(segment);
        };
    }

    public EnergisationStatus energisation(
            String field, org.mhhs.backbone.grpc.v1.EnergisationStatus status, boolean required) {
        return switch (status) {
            case ENERGISATION_STATUS_UNSPECIFIED ->
                required ? missing(field, "an energisation status is required") : null;
            case UNRECOGNIZED -> missing(field, "unknown energisation status");
            default -> ProtoMapping.energisation(status);
        };
    }

    /** The readings of a consumption submission; the day's rules (count, each period once) are the aggregate's. */
    public List<SubmitConsumption.Reading> readings(String field, List<PeriodReading> readings) {
        if (readings.size() > MAX_READINGS) {
            violation(field, readings.size() + " readings; a day has at most " + MAX_READINGS + " settlement periods");
            return List.of();
        }
        List<SubmitConsumption.Reading> parsed = new ArrayList<>(readings.size());
        for (int i = 0; i < readings.size(); i++) {
            PeriodReading reading = readings.get(i);
            String at = field + "[" + i + "]";
            if (reading.getPeriod() < 1 || reading.getPeriod() > MAX_READINGS) {
                violation(at + ".period", "period " + reading.getPeriod() + " is not 1 to " + MAX_READINGS);
            }
            Energy energy = reading.getKwh().isEmpty()
                    ? missing(at + ".kwh", "a kWh value is required")
                    : parse(at + ".kwh", reading.getKwh(), Energy::ofKwh);
            Quality quality = switch (reading.getQuality()) {
                case QUALITY_ACTUAL -> Quality.ACTUAL;
                case QUALITY_ESTIMATED -> Quality.ESTIMATED;
                case QUALITY_UNSPECIFIED -> missing(at + ".quality", "a quality (ACTUAL or ESTIMATED) is required");
                case UNRECOGNIZED -> missing(at + ".quality", "unknown quality");
            };
            parsed.add(new SubmitConsumption.Reading(reading.getPeriod(), energy, quality));
        }
        return parsed;
    }

    public ServiceRole serviceRole(String field, org.mhhs.backbone.grpc.v1.ServiceRole role) {
        return switch (role) {
            case SERVICE_ROLE_UNSPECIFIED ->
                missing(field, "a service role (DATA_SERVICE or METERING_SERVICE) is required");
            case UNRECOGNIZED -> missing(field, "unknown service role");
            default -> ProtoMapping.serviceRole(role);
        };
    }

    private <T> T missing(String field, String description) {
        violation(field, description);
        return null;
    }

    public UUID uuid(String field, String value) {
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        violation(field, "'" + shown(value) + "' is not a UUID");
        return null;
    }

    private <T> T parse(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (InvalidValueException e) {
            violation(field, e.getMessage());
            return null;
        }
    }

    public static String shown(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
