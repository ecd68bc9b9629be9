package org.mhhs.backbone.settlement.api;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * The reproducibility audit: re-derives allocations from the event store alone, never from the live read model.
 * Every request and its outcome is recorded.
 */
public interface SettlementAudits {

    /** Empty when the day has no such run. */
    Optional<AuditView> auditRun(LocalDate settlementDate, SettlementRunType runType, ParticipantId auditor);

    AllocationAsAtView allocationAsAt(LocalDate settlementDate, long position, ParticipantId auditor);
}
