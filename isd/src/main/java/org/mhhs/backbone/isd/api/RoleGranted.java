package org.mhhs.backbone.isd.api;

import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;

public record RoleGranted(ParticipantId participantId, MarketRole role, EffectivePeriod period)
        implements ParticipantEvent {}
