package org.mhhs.backbone.registration.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

public record ServiceAppointmentRequested(
        Mpan mpan,
        UUID appointmentId,
        ServiceRole role,
        ParticipantId service,
        ParticipantId supplier,
        LocalDate effectiveFrom,
        Instant respondBy)
        implements MeteringPointEvent {}
