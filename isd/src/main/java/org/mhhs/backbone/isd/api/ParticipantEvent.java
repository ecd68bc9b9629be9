package org.mhhs.backbone.isd.api;

import org.mhhs.backbone.kernel.ParticipantId;

public sealed interface ParticipantEvent extends IsdEvent permits ParticipantRegistered, RoleGranted, RoleRevoked {

    ParticipantId participantId();
}
