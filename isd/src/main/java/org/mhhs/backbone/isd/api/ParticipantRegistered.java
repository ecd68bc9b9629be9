package org.mhhs.backbone.isd.api;

import org.mhhs.backbone.kernel.ParticipantId;

public record ParticipantRegistered(ParticipantId participantId, String name) implements ParticipantEvent {}
