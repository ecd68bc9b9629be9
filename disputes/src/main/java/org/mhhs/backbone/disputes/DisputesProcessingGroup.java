package org.mhhs.backbone.disputes;

/** The event processor that keeps the disputes read model; replaying it rebuilds it. */
final class DisputesProcessingGroup {

    static final String NAME = "disputes";

    private DisputesProcessingGroup() {}
}
