package org.mhhs.backbone.metering;

import java.util.OptionalInt;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/** Only an MPAN with recorded consumption, and so an active data key, has consumption to shred. */
final class ConsumptionMustBeRecorded {

    static final String RULE = "ConsumptionMustBeRecorded";

    private ConsumptionMustBeRecorded() {}

    /** The key version to shred: the MPAN's active one. */
    static int check(OptionalInt activeKey, Mpan mpan) {
        if (activeKey.isEmpty()) {
            throw RuleViolation.notFound(RULE, mpan.value(), "no consumption is recorded for " + mpan);
        }
        return activeKey.getAsInt();
    }
}
