package org.mhhs.backbone.notification;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * What routing needs to know beyond the event itself, effective-dated: each GSP group's DNO periods, each metering
 * point's GSP group (details) periods, supplier periods and accepted service appointments, and the first day each
 * appointment request asked for. Kept from the events by the notification processor, so it is exactly as current as
 * the event being routed (never ahead, never behind another context's read model); the questions are asked for the
 * event's settlement day.
 */
interface MarketParties {

    /** The DNO of the GSP group on the day. */
    Optional<ParticipantId> dnoOn(GspGroupId gspGroup, LocalDate day);

    /** Who is responsible for the metering point on the day; empty when it is not registered. */
    Optional<MeteringPointParties> meteringPointOn(Mpan mpan, LocalDate day);

    /** The first day the appointment request asked for. */
    Optional<LocalDate> appointmentFrom(UUID appointmentId);

    /**
     * Takes in what an event changes about the parties; called after the event has been routed.
     *
     * @param recordedOn the day the event was recorded (a DNO change recorded without a first day took effect then)
     */
    void apply(Object event, LocalDate recordedOn);

    /**
     * A metering point's parties on one day: its registration service, and what was in force that day: its GSP group
     * and that group's DNO, its supplier, its appointed data and metering services.
     */
    record MeteringPointParties(
            ParticipantId registrationService,
            Optional<GspGroupId> gspGroup,
            Optional<ParticipantId> dno,
            Optional<ParticipantId> supplier,
            List<ParticipantId> services) {

        public MeteringPointParties {
            services = List.copyOf(services);
        }
    }
}
