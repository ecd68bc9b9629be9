package org.mhhs.backbone.disputes;

import java.time.Clock;
import java.time.LocalDate;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.kernel.SettlementDate;

/** Only a settlement day that has ended (in London) has figures to dispute. */
final class DisputedDayMustHaveEnded {

    static final String RULE = "DisputedDayMustHaveEnded";

    private DisputedDayMustHaveEnded() {}

    static void check(LocalDate settlementDate, Clock clock) {
        LocalDate today = SettlementDate.today(clock).date();
        if (!settlementDate.isBefore(today)) {
            throw RuleViolation.invalid(
                    RULE, "settlement_date", settlementDate + " has not ended yet (today is " + today + ")");
        }
    }
}
