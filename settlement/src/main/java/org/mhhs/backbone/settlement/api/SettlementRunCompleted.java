package org.mhhs.backbone.settlement.api;

import java.time.LocalDate;
import java.util.List;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * The summary of a run, for central settlement, operators and auditors. The figures reflect exactly the consumption
 * events at global positions up to {@code position}, except the {@code excludedPositions} that were not yet visible
 * when the run froze them; {@code contentHash} is the SHA-256 of every figure in canonical form (see
 * AllocationHash).
 */
public record SettlementRunCompleted(
        String settlementDayId,
        LocalDate settlementDate,
        SettlementRunType runType,
        long position,
        List<Long> excludedPositions,
        String contentHash,
        int cellCount,
        int supplierCount,
        Energy total,
        ParticipantId requestedBy,
        RunTrigger trigger)
        implements SettlementRunEvent {

    public SettlementRunCompleted {
        excludedPositions = List.copyOf(excludedPositions);
    }
}
