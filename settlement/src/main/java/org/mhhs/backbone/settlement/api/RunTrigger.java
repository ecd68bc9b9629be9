package org.mhhs.backbone.settlement.api;

/** Who started a run: an operator's request, or the hub's scheduler because the run fell due. */
public enum RunTrigger {
    OPERATOR,
    SCHEDULER
}
