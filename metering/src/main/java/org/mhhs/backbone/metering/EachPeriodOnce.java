package org.mhhs.backbone.metering;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.metering.api.SubmitConsumption;

/** Each reading of a day is for a settlement period that exists on that day, and no period has two readings. */
final class EachPeriodOnce {

    static final String RULE = "EachPeriodOnce";

    private EachPeriodOnce() {}

    static void check(LocalDate day, List<SubmitConsumption.Reading> readings) {
        int expected = SettlementDate.of(day).periodCount();
        BitSet seen = new BitSet(expected + 1);
        for (SubmitConsumption.Reading reading : readings) {
            if (reading.period() < 1 || reading.period() > expected) {
                throw RuleViolation.invalid(
                        RULE,
                        "readings",
                        "period " + reading.period() + " does not exist on " + day + " (1 to " + expected + ")");
            }
            if (seen.get(reading.period())) {
                throw RuleViolation.invalid(
                        RULE, "readings", "period " + reading.period() + " has more than one reading");
            }
            seen.set(reading.period());
        }
    }
}
