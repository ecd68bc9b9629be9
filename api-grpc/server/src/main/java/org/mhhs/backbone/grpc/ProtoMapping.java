package org.mhhs.backbone.grpc;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.Quality;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.registration.api.EnergisationStatus;
import org.mhhs.backbone.registration.api.MarketSegment;
import org.mhhs.backbone.registration.api.ServiceRole;

/** Between the contract's messages and the domain's values; proto enum names are the domain names with a prefix. */
public final class ProtoMapping {

    private static final String ROLE_PREFIX = "MARKET_ROLE_";
    private static final String RUN_TYPE_PREFIX = "SETTLEMENT_RUN_TYPE_";

    private ProtoMapping() {}

    public static MarketRole role(org.mhhs.backbone.grpc.v1.MarketRole role) {
        return MarketRole.valueOf(role.name().substring(ROLE_PREFIX.length()));
    }

    public static org.mhhs.backbone.grpc.v1.MarketRole role(MarketRole role) {
        return org.mhhs.backbone.grpc.v1.MarketRole.valueOf(ROLE_PREFIX + role.name());
    }

    public static SettlementRunType runType(org.mhhs.backbone.grpc.v1.SettlementRunType runType) {
        return SettlementRunType.valueOf(runType.name().substring(RUN_TYPE_PREFIX.length()));
    }

    public static org.mhhs.backbone.grpc.v1.SettlementRunType runType(SettlementRunType runType) {
        return org.mhhs.backbone.grpc.v1.SettlementRunType.valueOf(RUN_TYPE_PREFIX + runType.name());
    }

    public static MarketSegment segment(org.mhhs.backbone.grpc.v1.MarketSegment segment) {
        return MarketSegment.valueOf(segment.name().substring("MARKET_SEGMENT_".length()));
    }

    public static org.mhhs.backbone.grpc.v1.MarketSegment segment(MarketSegment segment) {
        return org.mhhs.backbone.grpc.v1.MarketSegment.valueOf("MARKET_SEGMENT_" + segment.name());
    }

    public static EnergisationStatus energisation(org.mhhs.backbone.grpc.v1.EnergisationStatus status) {
        return EnergisationStatus.valueOf(status.name().substring("ENERGISATION_STATUS_".length()));
    }

    public static org.mhhs.backbone.grpc.v1.EnergisationStatus energisation(EnergisationStatus status) {
        return org.mhhs.backbone.grpc.v1.EnergisationStatus.valueOf("ENERGISATION_STATUS_" + status.name());
    }

    public static ServiceRole serviceRole(org.mhhs.backbone.grpc.v1.ServiceRole role) {
        return ServiceRole.valueOf(role.name().substring("SERVICE_ROLE_".length()));
    }

    public static org.mhhs.backbone.grpc.v1.ServiceRole serviceRole(ServiceRole role) {
        return org.mhhs.backbone.grpc.v1.ServiceRole.valueOf("SERVICE_ROLE_" + role.name());
    }

    public static org.mhhs.backbone.grpc.v1.PeriodReading periodReading(SubmitConsumption.Reading reading) {
        return org.mhhs.backbone.grpc.v1.PeriodReading.newBuilder()
                .setPeriod(reading.period())
                .setKwh(reading.energy().toString())
                .setQuality(
                        reading.quality() == Quality.ESTIMATED
                                ? org.mhhs.backbone.grpc.v1.Quality.QUALITY_ESTIMATED
                                : org.mhhs.backbone.grpc.v1.Quality.QUALITY_ACTUAL)
                .build();
    }

    public static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    public static org.mhhs.backbone.grpc.v1.RolePeriod rolePeriod(MarketRole role, EffectivePeriod period) {
        return org.mhhs.backbone.grpc.v1.RolePeriod.newBuilder()
                .setRole(role(role))
                .setEffectiveFrom(date(period.from()))
                .setEffectiveTo(date(period.to()))
                .build();
    }

    /** A participant on the wire; none is the empty string. */
    public static String id(ParticipantId participant) {
        return participant == null ? "" : participant.value();
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
