package org.mhhs.backbone.metering;

import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.metering.api.SubmitConsumption;

/** A half-hour reading of one metering point is at most 10,000 kWh; anything more is taken for an error. */
final class ConsumptionPlausible {

    static final String RULE = "ConsumptionPlausible";

    /** Above this a half-hour reading of one MPAN is taken for an error (a large site draws a few MWh at most). */
    static final Energy MAX_PLAUSIBLE_PER_PERIOD = Energy.ofKwh("10000");

    private ConsumptionPlausible() {}

    static void check(SubmitConsumption.Reading reading) {
        if (reading.energy().compareTo(MAX_PLAUSIBLE_PER_PERIOD) > 0) {
            throw RuleViolation.invalid(
                    RULE,
                    "readings",
                    "period " + reading.period() + " has "
                            + reading.energy() + " kWh; more than " + MAX_PLAUSIBLE_PER_PERIOD
                            + " kWh in half an hour "
                            + "is not plausible for one metering point");
        }
    }
}
