package org.mhhs.backbone.testing;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Hostile requests for any RPC, derived from its protobuf request type alone, so that an RPC added later is swept
 * without an edit: a plausible request filled in by field name ({@link #template}), then mutations of it (fields
 * missing, absurd lengths, unknown enum numbers, extreme numbers, malformed identifiers, dates and decimals, unicode
 * and control characters, huge or duplicated repeated fields), and random bytes.
 */
public final class HostileRequests {

    /** Values that look like identifiers, dates, decimals and numbers but are not valid ones. */
    private static final List<String> MALFORMED = List.of(
            "",
            " ",
            "ABC",
            "abcd",
            "ABCDE",
            "AB D",
            "ab12",
            "A-B1",
            "1234567890123",
            "123456789012",
            "12345678901234",
            "0000000000000",
            "1200000000000",
            "12345678901２3",
            "_Z",
            "_",
            "A",
            "__A",
            // malformed on purpose, whatever today is: no such day, another form, out of range, extremes
            "2026-02-30",
            "2026-13-01",
            "2026-11-31",
            "26-11-01",
            "2026/11/01",
            "20261101",
            "9999-12-31",
            "0000-01-01",
            "-2026-11-01",
            "2026-11-01T00:00:00Z",
            "1970-01-01",
            "2200-01-01",
            "-1",
            "0",
            "-0.001",
            "1.2345",
            "1e3",
            "NaN",
            "Infinity",
            "0x10",
            "10000.001",
            "99999999999999999999999999999",
            "1,5",
            ".5",
            "5.",
            "+1",
            "00000000-0000-0000-0000-000000000000",
            "not-a-uuid",
            "ffffffff-ffff-ffff-ffff-ffffffffffffff",
            "' OR '1'='1",
            "%s%n%x",
            "${jndi:ldap://x}",
            "../../etc/passwd",
            "\u0000",
            "A\u0000B",
            "\t\r\n",
            "\u202Eevil",
            "\uFEFF",
            "\uD83D\uDE00\uD83D\uDE00",
            "É",
            "ÄÖÜ1");

    private static final List<Long> EXTREME_NUMBERS = List.of(
            -1L,
            0L,
            1L,
            51L,
            1000L,
            (long) Integer.MAX_VALUE,
            (long) Integer.MIN_VALUE,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            1L << 32);
    private static final int MAX_DEPTH = 4;

    /** One change to a request: which field, what kind of damage, and the raw material for it. */
    public record Mutation(int field, int kind, String text, long number, int count) {}

    private HostileRequests() {}

    /** The protobuf type of the method's requests. */
    public static Descriptor requestType(MethodDescriptor<?, ?> method) {
        if (!(method.getSchemaDescriptor() instanceof ProtoMethodDescriptorSupplier schema)) {
            throw new IllegalStateException(
                    method.getFullMethodName() + " has no protobuf schema to derive requests " + "from");
        }
        return schema.getMethodDescriptor().getInputType();
    }

    /**
     * A plausible request: identifiers of the given participant, a valid MPAN, a past settlement day, a fresh command
     * id, the first real value of each enum, one element in each repeated field (48 readings), the first field of
     * each oneof.
     */
    public static DynamicMessage template(Descriptor type, String participant) {
        return template(type, participant, 0);
    }

    private static DynamicMessage template(Descriptor type, String participant, int depth) {
        DynamicMessage.Builder request = DynamicMessage.newBuilder(type);
        Set<OneofDescriptor> oneofsSet = new HashSet<>();
        for (FieldDescriptor field : type.getFields()) {
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof != null && !oneofsSet.add(oneof)) {
                continue;
            }
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth >= MAX_DEPTH) {
                continue;
            }
            int elements = field.isRepeated() && field.getName().equals("readings") ? 48 : 1;
            for (int i = 0; i < elements; i++) {
                Object value = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                        ? reading(template(field.getMessageType(), participant, depth + 1), i)
                        : plausible(field, participant);
                if (field.isRepeated()) {
                    request.addRepeatedField(field, value);
                } else {
                    request.setField(field, value);
                }
            }
        }
        return request.build();
    }

    /** The i-th of a day's readings is for period i + 1; any other message is left as it is. */
    private static DynamicMessage reading(DynamicMessage message, int index) {
        FieldDescriptor period = message.getDescriptorForType().findFieldByName("period");
        return period == null
                ? message
                : message.toBuilder().setField(period, index + 1).build();
    }

    private static Object plausible(FieldDescriptor field, String participant) {
        String name = field.getName();
        return switch (field.getJavaType()) {
            case STRING -> {
                if (name.contains("mpan")) {
                    yield validMpan();
                } else if (name.equals("gsp_group_id")) {
                    yield "_A";
                } else if (name.equals("command_id")
                        || name.equals("token_id")
                        || name.endsWith("appointment_id")
                        || name.equals("audit_id")) {
                    yield UUID.randomUUID().toString();
                } else if (name.endsWith("participant_id")
                        || name.endsWith("supplier_id")
                        || name.endsWith("dno_id")
                        || name.endsWith("service_id")
                        || name.equals("requested_by")) {
                    yield participant;
                } else if (name.contains("date")
                        || name.startsWith("effective_")
                        || name.equals("last_day")
                        || name.equals("as_at")) {
                    yield MarketDays.daysAgo(30).toString();
                } else if (name.contains("kwh")) {
                    yield "0.250";
                } else if (name.equals("event_types")) {
                    yield "ConsumptionRecorded";
                } else if (name.equals("page_token")) {
                    yield "";
                }
                yield "sweep";
            }
            case ENUM ->
                field.getEnumType().getValues().stream()
                        .filter(v -> v.getNumber() != 0)
                        .findFirst()
                        .orElse(field.getEnumType().getValues().getFirst());
            case INT -> name.equals("page_size") ? 10 : name.equals("months") ? 12 : 1;
            case LONG -> name.contains("position") ? 0L : 1L;
            case BOOLEAN -> true;
            case DOUBLE -> 1.0;
            case FLOAT -> 1.0f;
            case BYTE_STRING -> com.google.protobuf.ByteString.copyFromUtf8("sweep");
            case MESSAGE -> throw new IllegalArgumentException("messages are built by template()");
        };
    }

    private static String validMpan() {
        String prefix = "120000000000";
        return prefix + org.mhhs.backbone.kernel.Mpan.checkDigitOf(prefix);
    }

    /** Every field path of the type (fields of nested messages too, down to a few levels). */
    public static List<List<FieldDescriptor>> fieldPaths(Descriptor type) {
        List<List<FieldDescriptor>> paths = new ArrayList<>();
        collect(type, new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(Descriptor type, List<FieldDescriptor> prefix, List<List<FieldDescriptor>> paths) {
        for (FieldDescriptor field : type.getFields()) {
            List<FieldDescriptor> path = new ArrayList<>(prefix);
            path.add(field);
            paths.add(path);
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && path.size() < MAX_DEPTH) {
                collect(field.getMessageType(), path, paths);
            }
        }
    }

    /** Mutations of any request: a field (by index into its paths), a kind of damage and its material. */
    public static Arbitrary<Mutation> mutations() {
        Arbitrary<String> hostileText = Arbitraries.oneOf(
                Arbitraries.of(MALFORMED),
                Arbitraries.strings().all().ofMaxLength(80),
                Arbitraries.strings()
                        .withCharRange('\u0000', '\u001f')
                        .ofMinLength(1)
                        .ofMaxLength(10),
                Arbitraries.integers().between(1_000, 100_000).map("A"::repeat),
                Arbitraries.just("9".repeat(100_000)));
        return Combinators.combine(
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.integers().between(0, 5),
                        hostileText,
                        Arbitraries.oneOf(Arbitraries.of(EXTREME_NUMBERS), Arbitraries.longs()),
                        Arbitraries.integers().between(2, 20_000))
                .as(Mutation::new);
    }

    /** The request with one mutation applied to one of its fields. */
    public static DynamicMessage mutate(DynamicMessage request, Mutation mutation) {
        List<List<FieldDescriptor>> paths = fieldPaths(request.getDescriptorForType());
        if (paths.isEmpty()) {
            return request;
        }
        return (DynamicMessage) apply(request, paths.get(mutation.field() % paths.size()), 0, mutation);
    }

    private static Message apply(Message message, List<FieldDescriptor> path, int depth, Mutation mutation) {
        FieldDescriptor field = path.get(depth);
        Message.Builder builder = message.toBuilder();
        if (depth < path.size() - 1) {
            if (field.isRepeated()) {
                if (message.getRepeatedFieldCount(field) == 0) {
                    return message;
                }
                builder.setRepeatedField(
                        field, 0, apply((Message) message.getRepeatedField(field, 0), path, depth + 1, mutation));
            } else {
                builder.setField(field, apply((Message) message.getField(field), path, depth + 1, mutation));
            }
            return builder.build();
        }
        damage(builder, message, field, mutation);
        return builder.build();
    }

    private static void damage(Message.Builder builder, Message message, FieldDescriptor field, Mutation mutation) {
        List<BooleanSupplier> kinds = List.of(
                () -> {
                    builder.clearField(field);
                    return true;
                },
                () -> field.getJavaType() == FieldDescriptor.JavaType.STRING && set(builder, field, mutation.text()),
                () -> number(field, mutation.number()) != null && set(builder, field, number(field, mutation.number())),
                () -> field.getJavaType() == FieldDescriptor.JavaType.ENUM
                        && set(builder, field, unknownEnum(field, mutation.number())),
                () -> field.isRepeated()
                        && message.getRepeatedFieldCount(field) > 0
                        && repeat(builder, message, field, mutation.count()),
                () -> field.isRepeated()
                        && message.getRepeatedFieldCount(field) > 0
                        && repeat(builder, message, field, 2));
        // the chosen kind when it fits the field, else the first that does (clearing always fits)
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get((mutation.kind() + i) % kinds.size()).getAsBoolean()) {
                return;
            }
        }
    }

    private static boolean set(Message.Builder builder, FieldDescriptor field, Object value) {
        if (field.isRepeated()) {
            builder.clearField(field);
            builder.addRepeatedField(field, value);
        } else {
            builder.setField(field, value);
        }
        return true;
    }

    private static Object number(FieldDescriptor field, long number) {
        return switch (field.getJavaType()) {
            case INT -> (int) number;
            case LONG -> number;
            case DOUBLE -> number % 3 == 0 ? Double.NaN : number % 3 == 1 ? Double.POSITIVE_INFINITY : (double) number;
            case FLOAT -> (float) number;
            default -> null;
        };
    }

    private static EnumValueDescriptor unknownEnum(FieldDescriptor field, long number) {
        int unknown = (int) (number % 2 == 0 ? -1 - Math.abs(number % 1000) : 100 + Math.abs(number % 1000));
        return field.getEnumType().findValueByNumberCreatingIfUnknown(unknown);
    }

    /** The field's first element many times over: absurd lengths, or duplicates (a period twice). */
    private static boolean repeat(Message.Builder builder, Message message, FieldDescriptor field, int times) {
        Object first = message.getRepeatedField(field, 0);
        for (int i = 1; i < times; i++) {
            builder.addRepeatedField(field, first);
        }
        return true;
    }
}
