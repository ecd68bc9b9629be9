package org.mhhs.backbone.isd.api;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;

/** The role period {@code period} now ends on {@code lastDay}. */
public record RoleRevoked(ParticipantId participantId, MarketRole role, EffectivePeriod period, LocalDate lastDay)
        implements ParticipantEvent {}
