package org.mhhs.backbone.settlement;

/** The event processors of settlement; replaying one rebuilds its read models. */
final class SettlementProcessingGroups {

    /**
     * Allocated volumes. It runs with one segment: its one token is then the exact position a run freezes at
     * (docs/adr/0006).
     */
    static final String ALLOCATION = "settlement-allocation";

    /** Run history and the figures each run froze. */
    static final String RUNS = "settlement-runs";

    private SettlementProcessingGroups() {}
}
