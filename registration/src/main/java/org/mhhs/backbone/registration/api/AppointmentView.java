package org.mhhs.backbone.registration.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/** An appointment request and its state; only a rejected one has the service's reason. */
public record AppointmentView(
        UUID appointmentId,
        Mpan mpan,
        ServiceRole role,
        ParticipantId service,
        ParticipantId supplier,
        LocalDate effectiveFrom,
        AppointmentState state,
        Instant respondBy,
        @Nullable String reason) {

    public enum AppointmentState {
        REQUESTED,
        ACCEPTED,
        REJECTED,
        TIMED_OUT,
        ENDED
    }
}
