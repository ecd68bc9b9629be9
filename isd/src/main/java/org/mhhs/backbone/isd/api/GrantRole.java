package org.mhhs.backbone.isd.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;

public record GrantRole(
        @TargetAggregateIdentifier ParticipantId participantId, MarketRole role, EffectivePeriod period) {}
