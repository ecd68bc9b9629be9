package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import java.util.UUID;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

public record ServiceAppointmentAccepted(
        Mpan mpan,
        UUID appointmentId,
        ServiceRole role,
        ParticipantId service,
        ParticipantId supplier,
        LocalDate effectiveFrom)
        implements MeteringPointEvent {}
