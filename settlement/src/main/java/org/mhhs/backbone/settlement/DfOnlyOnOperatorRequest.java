package org.mhhs.backbone.settlement;

import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.settlement.api.RunTrigger;

/** The dispute final run is never scheduled: only an operator's request starts it. */
final class DfOnlyOnOperatorRequest {

    static final String RULE = "DfOnlyOnOperatorRequest";

    private DfOnlyOnOperatorRequest() {}

    static void check(SettlementRunType runType, RunTrigger trigger) {
        if (runType == SettlementRunType.DF && trigger != RunTrigger.OPERATOR) {
            throw RuleViolation.precondition(RULE, "DF", "a DF run happens only on an operator's request");
        }
    }
}
