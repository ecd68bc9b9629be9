package org.mhhs.backbone.metering.api;

import java.time.Instant;
import java.util.Optional;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

/** A recorded version; its total is empty once the MPAN's data key has been shredded. */
public record ConsumptionVersionView(
        int version,
        int replacesVersion,
        Instant recordedAt,
        ParticipantId dataService,
        ParticipantId supplier,
        GspGroupId gspGroupId,
        Optional<Energy> total) {

    public boolean shredded() {
        return total.isEmpty();
    }
}
