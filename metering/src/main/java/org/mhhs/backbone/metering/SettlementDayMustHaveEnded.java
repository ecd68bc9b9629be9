package org.mhhs.backbone.metering;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.RuleViolation;

/** Consumption is submitted for a settlement day only once that day has ended. */
final class SettlementDayMustHaveEnded {

    static final String RULE = "SettlementDayMustHaveEnded";

    private SettlementDayMustHaveEnded() {}

    static void check(LocalDate day, LocalDate today) {
        if (!day.isBefore(today)) {
            throw RuleViolation.invalid(
                    RULE,
                    "settlement_date",
                    "the settlement day " + day + " has not ended yet (today is " + today + ")");
        }
    }
}
