package org.mhhs.backbone.metering;

/** The event processor that keeps the metering read models; replaying it rebuilds them. */
final class MeteringProcessingGroup {

    static final String NAME = "metering";

    private MeteringProcessingGroup() {}
}
