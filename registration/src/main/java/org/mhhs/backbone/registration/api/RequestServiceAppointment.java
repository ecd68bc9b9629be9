package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

public record RequestServiceAppointment(
        @TargetAggregateIdentifier Mpan mpan,
        UUID appointmentId,
        ServiceRole role,
        ParticipantId service,
        LocalDate effectiveFrom,
        ParticipantId requestedBy) {}
