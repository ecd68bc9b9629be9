package org.mhhs.backbone.isd.api;

import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

public record GspGroupRegistered(GspGroupId gspGroupId, String name, ParticipantId dnoId) implements GspGroupEvent {}
