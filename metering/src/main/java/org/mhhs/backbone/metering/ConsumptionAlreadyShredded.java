package org.mhhs.backbone.metering;

import java.util.OptionalInt;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/** An MPAN's consumption is shredded again only when some was recorded since the last shred. */
final class ConsumptionAlreadyShredded {

    static final String RULE = "ConsumptionAlreadyShredded";

    private ConsumptionAlreadyShredded() {}

    static void check(OptionalInt activeKey, int lastShreddedVersion, Mpan mpan) {
        if (activeKey.isEmpty() && lastShreddedVersion > 0) {
            throw RuleViolation.precondition(
                    RULE,
                    mpan.value(),
                    "the consumption of " + mpan + " was shredded already (key version " + lastShreddedVersion
                            + ") and none was recorded since");
        }
    }
}
