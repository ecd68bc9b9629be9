package org.mhhs.backbone.disputes.api;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.ParticipantId;

/** The operator closes a dispute, saying how it was resolved. */
public record ResolveDispute(@TargetAggregateIdentifier UUID disputeId, String resolution, ParticipantId resolvedBy) {}
