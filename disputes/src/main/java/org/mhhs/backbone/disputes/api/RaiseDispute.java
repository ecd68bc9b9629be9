package org.mhhs.backbone.disputes.api;

import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.ParticipantId;

/** A supplier disputes the figures of a settlement day; the dispute's id is chosen by the hub, unguessable. */
public record RaiseDispute(
        @TargetAggregateIdentifier UUID disputeId, LocalDate settlementDate, ParticipantId supplier, String reason) {}
