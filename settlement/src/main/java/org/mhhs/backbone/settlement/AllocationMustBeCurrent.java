package org.mhhs.backbone.settlement;

import org.mhhs.backbone.kernel.RuleViolation;

/** A run freezes the allocation only as a whole and up to date: one processor segment, and no rebuild under way. */
final class AllocationMustBeCurrent {

    static final String RULE = "AllocationMustBeCurrent";

    private AllocationMustBeCurrent() {}

    /** The allocation processor's token rows: one, so that one position stands for all of its cells. */
    static void checkOneSegment(int segments) {
        if (segments != 1) {
            throw RuleViolation.precondition(
                    RULE,
                    SettlementProcessingGroups.ALLOCATION,
                    "the allocation processor must run with exactly one segment to freeze a run, it has " + segments);
        }
    }

    /** A rebuild of the allocation has caught up when it reached the position the processor was reset at. */
    static void checkNotRebuilding(long reached, long resetAt) {
        if (reached < resetAt) {
            throw RuleViolation.precondition(
                    RULE,
                    SettlementProcessingGroups.ALLOCATION,
                    "the allocation is being rebuilt; runs wait until the rebuild has finished");
        }
    }
}
