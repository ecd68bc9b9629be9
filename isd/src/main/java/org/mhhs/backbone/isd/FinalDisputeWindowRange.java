package org.mhhs.backbone.isd;

import org.mhhs.backbone.kernel.RuleViolation;

/** Data may be submitted or disputed for 1 to 120 months after its settlement day. */
final class FinalDisputeWindowRange {

    static final String RULE = "FinalDisputeWindowRange";

    private FinalDisputeWindowRange() {}

    static void check(int months) {
        if (months < 1 || months > 120) {
            throw RuleViolation.invalid(
                    RULE, "months", "the final dispute window is " + months + " months; it must be 1 to 120");
        }
    }
}
