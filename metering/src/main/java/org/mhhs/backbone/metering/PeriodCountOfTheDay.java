package org.mhhs.backbone.metering;

import java.time.LocalDate;
import java.util.List;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.metering.api.SubmitConsumption;

/** A day's submission has one reading for each settlement period of that day: 48, or 46 and 50 on clock changes. */
final class PeriodCountOfTheDay {

    static final String RULE = "PeriodCountOfTheDay";

    private PeriodCountOfTheDay() {}

    static void check(LocalDate day, List<SubmitConsumption.Reading> readings) {
        int expected = SettlementDate.of(day).periodCount();
        if (readings.size() != expected) {
            throw RuleViolation.invalid(
                    RULE,
                    "readings",
                    day + " has " + expected + " settlement periods" + (expected == 48 ? "" : " (a clock change day)")
                            + "; " + readings.size() + " readings were sent");
        }
    }
}
