package org.mhhs.backbone.notification;

import java.util.Optional;
import java.util.UUID;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * What routing needs to know beyond the event itself: the DNO of each GSP group, the parties of each metering point,
 * the supplier behind each appointment. Kept from the events by the notification processor, so it is exactly as
 * current as the event being routed (never ahead, never behind another context's read model).
 */
interface MarketParties {

    Optional<ParticipantId> dnoOf(GspGroupId gspGroup);

    Optional<MeteringPointParties> meteringPoint(Mpan mpan);

    Optional<ParticipantId> supplierOfAppointment(UUID appointmentId);

    /** Takes in what an event changes about the parties; called after the event has been routed. */
    void apply(Object event);

    record MeteringPointParties(
            GspGroupId gspGroup, ParticipantId registrationService, Optional<ParticipantId> supplier) {}
}
