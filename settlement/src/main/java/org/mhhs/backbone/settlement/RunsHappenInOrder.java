package org.mhhs.backbone.settlement;

import java.time.LocalDate;
import java.util.Set;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.RuleViolation;

/**
 * Runs of a day happen in the order SF, R1, R2, R3, RF, DF: each needs the one before it, so RF comes only after SF
 * (and the reconciliation runs), DF only after RF. With {@link RunHappensOnce}, no run can come after a later one.
 */
final class RunsHappenInOrder {

    static final String RULE = "RunsHappenInOrder";

    private RunsHappenInOrder() {}

    static void check(LocalDate settlementDate, SettlementRunType runType, Set<SettlementRunType> completed) {
        SettlementRunType[] order = SettlementRunType.values();
        int index = runType.ordinal();
        if (index > 0 && !completed.contains(order[index - 1])) {
            throw RuleViolation.precondition(
                    RULE,
                    order[index - 1] + " " + settlementDate,
                    "the " + runType + " run of " + settlementDate + " needs its " + order[index - 1] + " run first");
        }
    }
}
