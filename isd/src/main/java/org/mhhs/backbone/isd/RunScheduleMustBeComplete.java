package org.mhhs.backbone.isd;

import java.util.Map;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.RuleViolation;

/**
 * The schedule names SF, R1, R2, R3 and RF once each, 1 to 1000 working days after the settlement day, each run
 * strictly later than the one before it; DF is never scheduled.
 */
final class RunScheduleMustBeComplete {

    static final String RULE = "RunScheduleMustBeComplete";
    static final int MAX_WORKING_DAYS = 1000;

    private RunScheduleMustBeComplete() {}

    static void check(Map<SettlementRunType, Integer> schedule) {
        if (schedule.containsKey(SettlementRunType.DF)) {
            throw RuleViolation.invalid(RULE, "offsets", "DF is run only on an operator's request and has no schedule");
        }
        int previous = 0;
        SettlementRunType previousType = null;
        for (SettlementRunType type : SettlementRunType.SCHEDULED) {
            Integer days = schedule.get(type);
            if (days == null) {
                throw RuleViolation.invalid(RULE, "offsets", "the schedule has no offset for " + type);
            }
            if (days < 1 || days > MAX_WORKING_DAYS) {
                throw RuleViolation.invalid(
                        RULE,
                        "offsets",
                        type + " is " + days + " working days after the settlement day; it must be 1 to "
                                + MAX_WORKING_DAYS);
            }
            if (days <= previous) {
                throw RuleViolation.invalid(
                        RULE,
                        "offsets",
                        type + " (" + days + " working days) must fall due after " + previousType + " (" + previous
                                + " working days)");
            }
            previous = days;
            previousType = type;
        }
    }
}
