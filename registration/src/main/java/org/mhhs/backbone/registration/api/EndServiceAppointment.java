package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/** De-appointment: the appointment of the role in force on lastDay ends on lastDay. */
public record EndServiceAppointment(
        @TargetAggregateIdentifier Mpan mpan, ServiceRole role, LocalDate lastDay, ParticipantId requestedBy) {}
