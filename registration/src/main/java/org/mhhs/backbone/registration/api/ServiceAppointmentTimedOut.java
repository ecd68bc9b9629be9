package org.mhhs.backbone.registration.api;

import java.util.UUID;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/** The requested service did not answer within the ISD appointment response time-out. */
public record ServiceAppointmentTimedOut(
        Mpan mpan, UUID appointmentId, ServiceRole role, ParticipantId service, ParticipantId supplier)
        implements MeteringPointEvent {}
