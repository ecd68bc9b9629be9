package org.mhhs.backbone.isd;

/** The event processor that keeps every ISD read model; replaying it rebuilds them all. */
final class IsdProcessingGroup {

    static final String NAME = "isd";

    private IsdProcessingGroup() {}
}
