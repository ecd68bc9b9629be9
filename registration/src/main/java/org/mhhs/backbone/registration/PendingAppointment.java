package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.UUID;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.registration.api.ServiceRole;

record PendingAppointment(
        UUID appointmentId, ServiceRole role, ParticipantId service, ParticipantId supplier, LocalDate effectiveFrom) {}
