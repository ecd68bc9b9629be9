package org.mhhs.backbone.isd.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;

public record RevokeRole(@TargetAggregateIdentifier ParticipantId participantId, MarketRole role, LocalDate lastDay) {}
