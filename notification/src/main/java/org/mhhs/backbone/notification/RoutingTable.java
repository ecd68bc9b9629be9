package org.mhhs.backbone.notification;

import static org.mhhs.backbone.kernel.MarketRole.CENTRAL_SETTLEMENT;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.mhhs.backbone.isd.api.AppointmentResponseTimeoutChanged;
import org.mhhs.backbone.isd.api.BankHolidayAdded;
import org.mhhs.backbone.isd.api.BankHolidayRemoved;
import org.mhhs.backbone.isd.api.FinalDisputeWindowChanged;
import org.mhhs.backbone.isd.api.GspGroupDnoChanged;
import org.mhhs.backbone.isd.api.GspGroupRegistered;
import org.mhhs.backbone.isd.api.ParticipantRegistered;
import org.mhhs.backbone.isd.api.RoleGranted;
import org.mhhs.backbone.isd.api.RoleRevoked;
import org.mhhs.backbone.isd.api.RunScheduleChanged;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.ConsumptionShredded;
import org.mhhs.backbone.registration.api.MeteringPointDetailsChanged;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.ServiceAppointmentAccepted;
import org.mhhs.backbone.registration.api.ServiceAppointmentEnded;
import org.mhhs.backbone.registration.api.ServiceAppointmentRejected;
import org.mhhs.backbone.registration.api.ServiceAppointmentRequested;
import org.mhhs.backbone.registration.api.ServiceAppointmentTimedOut;
import org.mhhs.backbone.registration.api.SupplierRegistered;
import org.mhhs.backbone.settlement.api.DnoTotalsPublished;
import org.mhhs.backbone.settlement.api.SettlementRunCompleted;
import org.mhhs.backbone.settlement.api.SupplierAllocationPublished;

/**
 * The routing table: for every event type of the market, who receives it. AUDITOR and OPERATOR read every event and
 * are not listed. An event type without a row reaches nobody but them (and a test fails: see
 * {@code EveryEventHasAnAudienceTest}), so a new context cannot leak its events by omission.
 */
final class RoutingTable {

    private static final Map<Class<?>, Route<?>> ROUTES = new LinkedHashMap<>();

    static {
        // ---- ISD: standing data is broadcast to every participant.
        everyone(ParticipantRegistered.class);
        everyone(RoleGranted.class);
        everyone(RoleRevoked.class);
        everyone(GspGroupRegistered.class);
        everyone(GspGroupDnoChanged.class);
        everyone(BankHolidayAdded.class);
        everyone(BankHolidayRemoved.class);
        everyone(RunScheduleChanged.class);
        everyone(AppointmentResponseTimeoutChanged.class);
        everyone(FinalDisputeWindowChanged.class);

        // ---- Registration: the metering point's registration service and the DNO of its GSP group, plus the
        // suppliers (gaining and losing) and services the event names.
        route(
                MeteringPointRegistered.class,
                (e, parties) -> Audience.of(e.registrationService()).and(parties.dnoOf(e.gspGroupId())));
        route(
                MeteringPointDetailsChanged.class,
                (e, parties) -> meteringPoint(e.mpan(), parties)
                        .and(e.changedBy())
                        .and(parties.dnoOf(e.gspGroupId()))
                        .and(parties.meteringPoint(e.mpan()).flatMap(MarketParties.MeteringPointParties::supplier)));
        route(
                SupplierRegistered.class,
                (e, parties) ->
                        meteringPoint(e.mpan(), parties).and(e.supplier()).and(e.losingSupplier()));
        route(
                ServiceAppointmentRequested.class,
                (e, parties) ->
                        meteringPoint(e.mpan(), parties).and(e.supplier()).and(e.service()));
        route(
                ServiceAppointmentAccepted.class,
                (e, parties) ->
                        meteringPoint(e.mpan(), parties).and(e.supplier()).and(e.service()));
        route(
                ServiceAppointmentRejected.class,
                (e, parties) ->
                        meteringPoint(e.mpan(), parties).and(e.supplier()).and(e.service()));
        route(
                ServiceAppointmentTimedOut.class,
                (e, parties) ->
                        meteringPoint(e.mpan(), parties).and(e.supplier()).and(e.service()));
        route(
                ServiceAppointmentEnded.class,
                (e, parties) -> meteringPoint(e.mpan(), parties)
                        .and(parties.supplierOfAppointment(e.appointmentId()))
                        .and(e.service())
                        .and(e.endedBy()));

        // ---- Metering: the supplier of that day, the DNO of the GSP group, central settlement, and the data
        // service that submitted it.
        route(
                ConsumptionRecorded.class,
                (e, parties) -> Audience.of(e.supplier(), e.dataService())
                        .and(parties.dnoOf(e.gspGroupId()))
                        .andEvery(CENTRAL_SETTLEMENT));
        // a shred: the metering point's current supplier and DNO (the routing data knows no more of its history)
        // and central settlement, which held the readings
        route(ConsumptionShredded.class, (e, parties) -> {
            Audience.Builder audience = Audience.of().andEvery(CENTRAL_SETTLEMENT);
            parties.meteringPoint(e.mpan())
                    .ifPresent(point -> audience.and(point.supplier()).and(parties.dnoOf(point.gspGroup())));
            return audience;
        });

        // ---- Settlement: each supplier its own allocation, each DNO its GSP groups' totals; the run's summary
        // (positions, content hash, market totals) to central settlement.
        route(SupplierAllocationPublished.class, (e, parties) -> Audience.of(e.supplier()));
        route(DnoTotalsPublished.class, (e, parties) -> Audience.of(e.dno()));
        route(SettlementRunCompleted.class, (e, parties) -> Audience.of().andEvery(CENTRAL_SETTLEMENT));
    }

    private RoutingTable() {}

    /** Every event type that has a row. */
    static Set<Class<?>> routedTypes() {
        return Collections.unmodifiableSet(ROUTES.keySet());
    }

    /** The audience of an event, or empty when its type has no row. */
    static Optional<Audience> audienceOf(Object event, MarketParties parties) {
        Route<?> route = ROUTES.get(event.getClass());
        return route == null ? Optional.empty() : Optional.of(route.audienceOf(event, parties));
    }

    private static Audience.Builder meteringPoint(Mpan mpan, MarketParties parties) {
        Audience.Builder audience = Audience.of();
        parties.meteringPoint(mpan)
                .ifPresent(point -> audience.and(point.registrationService()).and(parties.dnoOf(point.gspGroup())));
        return audience;
    }

    private static void everyone(Class<?> type) {
        ROUTES.put(type, new Route<>(type, (event, parties) -> Audience.everyone()));
    }

    private static <E> void route(Class<E> type, BiFunction<E, MarketParties, Audience.Builder> rule) {
        ROUTES.put(
                type,
                new Route<>(type, (event, parties) -> rule.apply(event, parties).build()));
    }

    private record Route<E>(Class<E> type, BiFunction<E, MarketParties, Audience> rule) {

        Audience audienceOf(Object event, MarketParties parties) {
            return rule.apply(type.cast(event), parties);
        }
    }
}
