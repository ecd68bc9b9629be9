package org.mhhs.backbone.registration.api;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

public record RejectServiceAppointment(
        @TargetAggregateIdentifier Mpan mpan, UUID appointmentId, ParticipantId answeredBy, String reason) {}
