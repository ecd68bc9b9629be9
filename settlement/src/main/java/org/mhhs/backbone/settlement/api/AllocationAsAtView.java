package org.mhhs.backbone.settlement.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A day's allocation re-derived from the event store as at a global position, with its content hash. */
public record AllocationAsAtView(
        UUID auditId, LocalDate settlementDate, long position, String contentHash, List<AllocatedVolumeView> volumes) {

    public AllocationAsAtView {
        volumes = List.copyOf(volumes);
    }
}
