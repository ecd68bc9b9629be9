package org.mhhs.backbone.disputes.api;

import java.time.LocalDate;
import java.util.UUID;
import org.mhhs.backbone.kernel.ParticipantId;

public record DisputeResolved(
        UUID disputeId, LocalDate settlementDate, ParticipantId supplier, String resolution, ParticipantId resolvedBy)
        implements DisputeEvent {}
