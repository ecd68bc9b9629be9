package org.mhhs.backbone.hub;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.util.function.Function;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * Stores the market's identifiers as their plain text ("1200000000002", "SUPA", "_A"): compact, readable, and
 * typed back on reading. Where Axon keeps an identifier as a bare Object (a deadline's aggregate scope), a plain
 * string is also what finds the aggregate again after a restart.
 */
final class KernelValuesModule extends SimpleModule {

    KernelValuesModule() {
        super("mhhs-kernel-values");
        identifier(Mpan.class, Mpan::of);
        identifier(ParticipantId.class, ParticipantId::of);
        identifier(GspGroupId.class, GspGroupId::of);
    }

    private <T> void identifier(Class<T> type, Function<String, T> parse) {
        addSerializer(type, ToStringSerializer.instance);
        addDeserializer(type, new FromStringDeserializer<>(type) {
            @Override
            protected T _deserialize(String value, DeserializationContext context) {
                return parse.apply(value);
            }
        });
    }
}
