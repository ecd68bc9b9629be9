package org.mhhs.backbone.settlement;

import org.mhhs.backbone.kernel.RuleViolation;

/**
 * A run freezes the allocation only as a whole and up to date: one processor segment, no rebuild under way, and no
 * event parked by the allocation processor (a dead letter is an event its token has passed without allocating it).
 */
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

    /** Events the allocation processor parked as dead letters: the operator retries or evicts them first. */
    static void checkNothingParked(long parked) {
        if (parked > 0) {
            throw RuleViolation.precondition(
                    RULE,
                    SettlementProcessingGroups.ALLOCATION,
                    "the allocation processor has " + parked + " parked events (dead letters) its position has passed;"
                            + " runs wait until the operator retried or evicted them");
        }
    }
}
