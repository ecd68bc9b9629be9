package org.mhhs.backbone.isd.api;

import java.util.List;

/** The settlement runs in the order they happen; DF is never scheduled, only run on an operator's request. */
public enum SettlementRunType {
    SF,
    R1,
    R2,
    R3,
    RF,
    DF;

    public static final List<SettlementRunType> SCHEDULED = List.of(SF, R1, R2, R3, RF);

    public boolean isScheduled() {
        return this != DF;
    }
}
