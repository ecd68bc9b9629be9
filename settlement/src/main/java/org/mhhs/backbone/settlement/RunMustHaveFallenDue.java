package org.mhhs.backbone.settlement;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.isd.api.SettlementCalendarView;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.RuleViolation;

/**
 * A scheduled run (SF to RF) happens on or after the working day the ISD calendar makes it due, never before. DF has
 * no due date.
 */
final class RunMustHaveFallenDue {

    static final String RULE = "RunMustHaveFallenDue";

    private RunMustHaveFallenDue() {}

    static void check(
            LocalDate settlementDate, SettlementRunType runType, SettlementCalendarView calendar, LocalDate today) {
        if (!runType.isScheduled()) {
            return;
        }
        Optional<LocalDate> due = calendar.dueDate(settlementDate, runType);
        if (due.isEmpty()) {
            throw RuleViolation.precondition(
                    RULE,
                    runType + " " + settlementDate,
                    "the ISD settlement calendar has " + "no schedule for " + runType);
        }
        if (today.isBefore(due.get())) {
            throw RuleViolation.precondition(
                    RULE,
                    runType + " " + settlementDate,
                    "the " + runType + " run of " + settlementDate + " falls due on " + due.get() + ", not before");
        }
    }
}
