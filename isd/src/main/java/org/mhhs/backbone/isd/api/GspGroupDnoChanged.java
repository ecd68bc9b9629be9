package org.mhhs.backbone.isd.api;

import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

public record GspGroupDnoChanged(GspGroupId gspGroupId, ParticipantId previousDnoId, ParticipantId dnoId)
        implements GspGroupEvent {}
