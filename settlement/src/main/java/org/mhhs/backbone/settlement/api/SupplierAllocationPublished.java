package org.mhhs.backbone.settlement.api;

import java.time.LocalDate;
import java.util.List;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * One supplier's frozen allocation in a run, for that supplier only: its volume and MPAN count per GSP group and
 * settlement period, ordered by GSP group, then period.
 */
public record SupplierAllocationPublished(
        String settlementDayId,
        LocalDate settlementDate,
        SettlementRunType runType,
        ParticipantId supplier,
        List<Volume> volumes)
        implements SettlementRunEvent {

    public SupplierAllocationPublished {
        volumes = List.copyOf(volumes);
    }

    public record Volume(GspGroupId gspGroupId, int period, Energy energy, int mpanCount) {}
}
