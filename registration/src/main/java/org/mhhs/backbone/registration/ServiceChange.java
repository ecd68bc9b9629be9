package org.mhhs.backbone.registration;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.registration.api.ServiceRole;

/**
 * A change a supplier made to who serves a metering point: an appointment it requested starting on {@code day} was
 * accepted, or it ended an appointment on {@code day}.
 */
record ServiceChange(ParticipantId supplier, ServiceRole role, Change change, LocalDate day) {

    enum Change {
        APPOINTED_FROM,
        ENDED_ON
    }

    @Override
    public String toString() {
        return role + (change == Change.APPOINTED_FROM ? " appointed from " : " ended on ") + day;
    }
}
