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

/** Registration's rows of the routing table. */
@Component
class RegistrationRoutes implements ContextRoutes {

    @Override
    public void addTo(Routes routes) {
        // The metering point's registration service and the DNO of its GSP group, plus the
        // suppliers (gaining and losing) and services the event names.
        routes.route(
                MeteringPointRegistered.class,
                (e, parties) -> Audience.of(e.registrationService()).and(parties.dnoOf(e.gspGroupId())));
        routes.route(
                MeteringPointDetailsChanged.class,
                (e, parties) -> Routes.meteringPoint(e.mpan(), parties)
                        .and(e.changedBy())
                        .and(parties.dnoOf(e.gspGroupId()))
                        .and(parties.meteringPoint(e.mpan()).flatMap(MarketParties.MeteringPointParties::supplier)));
        routes.route(
                SupplierRegistered.class,
                (e, parties) -> Routes.meteringPoint(e.mpan(), parties)
                        .and(e.supplier())
                        .and(e.losingSupplier()));
        // the withdrawing supplier and the supplier that stays responsible
        routes.route(
                SupplierRegistrationWithdrawn.class,
                (e, parties) -> Routes.meteringPoint(e.mpan(), parties)
                        .and(e.supplier())
                        .and(e.restoredSupplier()));
        routes.route(
                ServiceAppointmentRequested.class,
                (e, parties) -> Routes.meteringPoint(e.mpan(), parties)
                        .and(e.supplier())
                        .and(e.service()));
        routes.route(
                ServiceAppointmentAccepted.class,
                (e, parties) -> Routes.meteringPoint(e.mpan(), parties)
                        .and(e.supplier())
                        .and(e.service()));
        routes.route(
                ServiceAppointmentRejected.class,
                (e, parties) -> Routes.meteringPoint(e.mpan(), parties)
                        .and(e.supplier())
                        .and(e.service()));
        routes.route(
                ServiceAppointmentTimedOut.class,
                (e, parties) -> Routes.meteringPoint(e.mpan(), parties)
                        .and(e.supplier())
                        .and(e.service()));
        routes.route(
                ServiceAppointmentEnded.class,
                (e, parties) -> Routes.meteringPoint(e.mpan(), parties)
                        .and(parties.supplierOfAppointment(e.appointmentId()))
                        .and(e.service())
                        .and(e.endedBy()));
    }
}
