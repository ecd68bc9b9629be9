package org.mhhs.backbone.metering.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * An operator's order to make an MPAN's recorded consumption unreadable for good (crypto-shredding): its data key is
 * destroyed. Answers "keyVersion versions shreddedAt" (the key destroyed, the versions made unreadable, when).
 */
public record ShredConsumption(
        @TargetAggregateIdentifier String consumptionKeyId, Mpan mpan, String reason, ParticipantId requestedBy) {

    public ShredConsumption {
        if (!consumptionKeyId.equals(idOf(mpan))) {
            throw new IllegalArgumentException(consumptionKeyId + " is not the consumption key of " + mpan);
        }
    }

    public static ShredConsumption of(Mpan mpan, String reason, ParticipantId requestedBy) {
        return new ShredConsumption(idOf(mpan), mpan, reason, requestedBy);
    }

    /** The identifier of an MPAN's consumption key history, distinct from every other aggregate's. */
    public static String idOf(Mpan mpan) {
        return "consumption-key/" + mpan.value();
    }
}
