package org.mhhs.backbone.settlement.api;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

/** One cell of the allocation: a supplier's volume and MPAN count in a GSP group for one settlement period. */
public record AllocatedVolumeView(
        LocalDate settlementDate,
        int period,
        GspGroupId gspGroupId,
        ParticipantId supplier,
        Energy energy,
        int mpanCount) {}
