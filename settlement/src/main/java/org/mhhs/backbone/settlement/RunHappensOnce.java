package org.mhhs.backbone.settlement;

import java.time.LocalDate;
import java.util.Set;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.RuleViolation;

/** Each run type happens at most once per settlement day: a published result is never replaced by a rerun. */
final class RunHappensOnce {

    static final String RULE = "RunHappensOnce";

    private RunHappensOnce() {}

    static void check(LocalDate settlementDate, SettlementRunType runType, Set<SettlementRunType> completed) {
        if (completed.contains(runType)) {
            throw RuleViolation.precondition(
                    RULE,
                    runType + " " + settlementDate,
                    "the " + runType + " run of " + settlementDate + " has already happened");
        }
    }
}
