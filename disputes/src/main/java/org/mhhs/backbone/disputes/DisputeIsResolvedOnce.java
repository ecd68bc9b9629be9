package org.mhhs.backbone.disputes;

import java.util.UUID;
import org.mhhs.backbone.kernel.RuleViolation;

/** A resolution is final: a resolved dispute is not resolved again (a new dispute is raised instead). */
final class DisputeIsResolvedOnce {

    static final String RULE = "DisputeIsResolvedOnce";

    private DisputeIsResolvedOnce() {}

    static void check(UUID disputeId, boolean resolved) {
        if (resolved) {
            throw RuleViolation.precondition(RULE, disputeId.toString(), "dispute " + disputeId + " is resolved");
        }
    }
}
