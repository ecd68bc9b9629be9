package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/** The registration timeline: who is responsible for a metering point on a day. Reflects events processed so far. */
public interface RegistrationQueries {

    /** Who and what is in force for the metering point on the day: the lookup metering makes on every submission. */
    Optional<ResponsibilityView> findResponsibility(Mpan mpan, LocalDate day);

    Optional<MeteringPointView> findMeteringPoint(Mpan mpan);

    /** Every supplier, data service and metering service period of the metering point, oldest first. */
    List<TimelineEntryView> findTimeline(Mpan mpan);

    /** The metering points a participant serves in a role on a day, ordered, after {@code after} when given. */
    List<Mpan> findServedBy(ParticipantId participant, MarketRole role, LocalDate day, Optional<Mpan> after, int limit);

    Optional<AppointmentView> findAppointment(UUID appointmentId);
}
