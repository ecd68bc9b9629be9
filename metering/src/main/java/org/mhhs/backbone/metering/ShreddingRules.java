package org.mhhs.backbone.metering;

import java.util.OptionalInt;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/** What shredding an MPAN's consumption requires. */
final class ShreddingRules {

    static final String CONSUMPTION_MUST_BE_RECORDED = "ConsumptionMustBeRecorded";
    static final String ALREADY_SHREDDED = "ConsumptionAlreadyShredded";

    private ShreddingRules() {}

    /** The key version to shred: the MPAN's active one. No active key: never recorded, or shredded already. */
    static int somethingToShred(OptionalInt activeKey, int lastShreddedVersion, Mpan mpan) {
        if (activeKey.isPresent()) {
            return activeKey.getAsInt();
        }
        if (lastShreddedVersion > 0) {
            throw RuleViolation.precondition(
                    ALREADY_SHREDDED,
                    mpan.value(),
                    "the consumption of " + mpan + " was shredded already (key version " + lastShreddedVersion
                            + ") and none was recorded since");
        }
        throw RuleViolation.notFound(
                CONSUMPTION_MUST_BE_RECORDED, mpan.value(), "no consumption is recorded for " + mpan);
    }
}
