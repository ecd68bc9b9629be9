package org.mhhs.backbone.isd.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.ParticipantId;

public record RegisterParticipant(@TargetAggregateIdentifier ParticipantId participantId, String name) {}
