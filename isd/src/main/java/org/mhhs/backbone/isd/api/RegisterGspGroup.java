package org.mhhs.backbone.isd.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

public record RegisterGspGroup(@TargetAggregateIdentifier GspGroupId gspGroupId, String name, ParticipantId dnoId) {}
