package org.mhhs.backbone.settlement.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.ParticipantId;

public record SettlementRunView(
        LocalDate settlementDate,
        SettlementRunType runType,
        long position,
        List<Long> excludedPositions,
        String contentHash,
        int cellCount,
        int supplierCount,
        Energy total,
        ParticipantId requestedBy,
        RunTrigger trigger,
        Instant completedAt) {

    public SettlementRunView {
        excludedPositions = List.copyOf(excludedPositions);
    }
}
