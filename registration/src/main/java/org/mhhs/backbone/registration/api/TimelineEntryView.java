package org.mhhs.backbone.registration.api;

import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;

public record TimelineEntryView(MarketRole role, ParticipantId participant, EffectivePeriod period) {}
