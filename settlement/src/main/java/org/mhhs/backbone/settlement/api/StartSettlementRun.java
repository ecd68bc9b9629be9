package org.mhhs.backbone.settlement.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * Run {@code runType} for a settlement day: freeze the day's allocated volumes and publish them. Answers the run's
 * content hash.
 */
public record StartSettlementRun(
        @TargetAggregateIdentifier String settlementDayId,
        LocalDate settlementDate,
        SettlementRunType runType,
        ParticipantId requestedBy,
        RunTrigger trigger) {

    public StartSettlementRun {
        if (!settlementDayId.equals(SettlementDayId.of(settlementDate))) {
            throw new IllegalArgumentException(settlementDayId + " is not the settlement day " + settlementDate);
        }
    }

    public static StartSettlementRun of(
            LocalDate settlementDate, SettlementRunType runType, ParticipantId requestedBy, RunTrigger trigger) {
        return new StartSettlementRun(
                SettlementDayId.of(settlementDate), settlementDate, runType, requestedBy, trigger);
    }
}
