package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import java.util.UUID;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/** The appointment that started on effectiveFrom ends on lastDay: de-appointed, or replaced by a new one. */
public record ServiceAppointmentEnded(
        Mpan mpan,
        UUID appointmentId,
        ServiceRole role,
        ParticipantId service,
        LocalDate effectiveFrom,
        LocalDate lastDay,
        ParticipantId endedBy)
        implements MeteringPointEvent {}
