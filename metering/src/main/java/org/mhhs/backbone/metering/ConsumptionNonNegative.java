package org.mhhs.backbone.metering;

import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.metering.api.SubmitConsumption;

/** Consumption is never negative: a half-hour reading is zero or more. */
final class ConsumptionNonNegative {

    static final String RULE = "ConsumptionNonNegative";

    private ConsumptionNonNegative() {}

    static void check(SubmitConsumption.Reading reading) {
        if (reading.energy().isNegative()) {
            throw RuleViolation.invalid(
                    RULE,
                    "readings",
                    "period " + reading.period() + " has " + reading.energy() + " kWh; consumption is never negative");
        }
    }
}
