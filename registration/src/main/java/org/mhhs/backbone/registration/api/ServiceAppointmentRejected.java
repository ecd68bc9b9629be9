package org.mhhs.backbone.registration.api;

import java.util.UUID;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

public record ServiceAppointmentRejected(
        Mpan mpan, UUID appointmentId, ServiceRole role, ParticipantId service, ParticipantId supplier, String reason)
        implements MeteringPointEvent {}
