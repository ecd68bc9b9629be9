package org.mhhs.backbone.notification;

import org.mhhs.backbone.registration.api.MeteringPointDetailsChanged;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.ServiceAppointmentAccepted;
import org.mhhs.backbone.registration.api.ServiceAppointmentEnded;
import org.mhhs.backbone.registration.api.ServiceAppointmentRejected;
import org.mhhs.backbone.registration.api.ServiceAppointmentRequested;
import org.mhhs.backbone.registration.api.ServiceAppointmentTimedOut;
import org.mhhs.backbone.registration.api.SupplierRegistered;
import org.mhhs.backbone.registration.api.SupplierRegistrationWithdrawn;
import org.springframework.stereotype.Component;

/**
 * Registration's rows of the routing table. Each event is about a day: the effective date of a registration, details
 * change or appointment, the last day of an appointment's end. It reaches the metering point's registration service
 * and the parties in force on that day (the DNO of its GSP group, its data and metering services), plus the suppliers
 * and services the event names; a supplier that starts later, or an appointment that ended before, learns nothing.
 */
@Component
class RegistrationRoutes implements ContextRoutes {

    @Override
    public void addTo(Routes routes) {
        routes.route(
                MeteringPointRegistered.class,
                (e, parties) -> Audience.on(e.effectiveFrom())
                        .and(e.registrationService())
                        .and(parties.dnoOn(e.gspGroupId(), e.effectiveFrom())));
        // routed before it is applied: the parties are those of the details it replaces (a move of GSP group tells
        // the DNOs of both groups)
        routes.route(
                MeteringPointDetailsChanged.class,
                (e, parties) -> Routes.meteringPointAndSupplier(e.mpan(), e.effectiveFrom(), parties)
                        .and(e.changedBy())
                        .and(parties.dnoOn(e.gspGroupId(), e.effectiveFrom())));
        routes.route(
                SupplierRegistered.class,
                (e, parties) -> Routes.meteringPoint(e.mpan(), e.effectiveFrom(), parties)
                        .and(e.supplier())
                        .and(e.losingSupplier()));
        // about the first day of the withdrawn registration: the withdrawing supplier and the supplier that stays
        // responsible, and the parties in force that day
        routes.route(
                SupplierRegistrationWithdrawn.class,
                (e, parties) -> Routes.meteringPoint(e.mpan(), e.effectiveFrom(), parties)
                        .and(e.supplier())
                        .and(e.restoredSupplier()));
        routes.route(
                ServiceAppointmentRequested.class,
                (e, parties) -> Routes.meteringPoint(e.mpan(), e.effectiveFrom(), parties)
                        .and(e.supplier())
                        .and(e.service()));
        routes.route(
                ServiceAppointmentAccepted.class,
                (e, parties) -> Routes.meteringPoint(e.mpan(), e.effectiveFrom(), parties)
                        .and(e.supplier())
                        .and(e.service()));
        // an answer is about the first day the request asked for (a request this processor never saw, only
        // possible in a store it did not read from the start, reaches the two parties it names)
        routes.route(
                ServiceAppointmentRejected.class,
                (e, parties) -> parties.appointmentFrom(e.appointmentId())
                        .map(day -> Routes.meteringPoint(e.mpan(), day, parties))
                        .orElseGet(Audience::onRecordedDay)
                        .and(e.supplier())
                        .and(e.service()));
        routes.route(
                ServiceAppointmentTimedOut.class,
                (e, parties) -> parties.appointmentFrom(e.appointmentId())
                        .map(day -> Routes.meteringPoint(e.mpan(), day, parties))
                        .orElseGet(Audience::onRecordedDay)
                        .and(e.supplier())
                        .and(e.service()));
        // the supplier in force on the appointment's last day, and whoever ended it (a gaining supplier replacing
        // the service from its own first day)
        routes.route(
                ServiceAppointmentEnded.class,
                (e, parties) -> Routes.meteringPointAndSupplier(e.mpan(), e.lastDay(), parties)
                        .and(e.service())
                        .and(e.endedBy()));
    }
}
