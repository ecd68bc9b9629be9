package org.mhhs.backbone.grpc.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhhs.backbone.testing.Deliveries.accepted;
import static org.mhhs.backbone.testing.Deliveries.consumption;
import static org.mhhs.backbone.testing.Deliveries.detailsChanged;
import static org.mhhs.backbone.testing.Deliveries.ended;
import static org.mhhs.backbone.testing.Deliveries.pointRegistered;
import static org.mhhs.backbone.testing.Deliveries.requested;
import static org.mhhs.backbone.testing.Deliveries.supplier;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.MarketDays.daysAhead;
import static org.mhhs.backbone.testing.MarketDays.lastYear;
import static org.mhhs.backbone.testing.MarketDays.longAgo;
import static org.mhhs.backbone.testing.MarketDays.meteringFrom;
import static org.mhhs.backbone.testing.MarketDays.today;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AnswerServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.ChangeMeteringPointDetailsRequest;
import org.mhhs.backbone.grpc.v1.EndServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.EnergisationStatus;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.backbone.testing.Deliveries;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.Registrations;
import org.mhhs.backbone.testing.SettlementMarket;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each participant's subscription from the beginning holds exactly the events of the days it was a party to, through
 * the real gRPC API: the supplier, services and DNO in force on each event's settlement day, the CENTRAL_SETTLEMENT
 * holders of that day. (A change of DNO, which changes the market of every test, is proven on a hub of its own by
 * DeliveryEntitlementPropertyTest.)
 */
@HubIntegrationTest
class DatedDeliveryIntegrationTest {

    @Autowired
    HubClient hub;

    @Test
    void eachPartyReceivesTheEventsOfTheDaysItWasAPartyToAndNoOthers() {
        Market market = new Market(hub);
        SettlementMarket settlementMarket = new SettlementMarket(hub, market);
        String dno = market.gspGroup("_C").getDnoId();
        String registrationService = market.participant('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        String firstSupplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String gainingSupplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String dataService = market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE);
        String nextDataService = market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE);
        String meteringService = market.participant('M', MarketRole.MARKET_ROLE_METERING_SERVICE);
        String auditor = market.participant('U', MarketRole.MARKET_ROLE_AUDITOR);
        String settlementSinceToday = centralSettlement('C', today(), null);
        String settlementUntilMarch = centralSettlement('C', meteringFrom(), lastYear(Month.MARCH, 31));
        String settlementAlways = centralSettlement('C', longAgo(), null);
        LocalDate march3 = lastYear(Month.MARCH, 3);
        LocalDate april5 = lastYear(Month.APRIL, 5);
        LocalDate june1 = lastYear(Month.JUNE, 1);

        String mpan = settlementMarket.meteringPoint(
                "_C",
                registrationService,
                firstSupplier,
                dataService,
                meteringFrom().toString());
        appoint(market, mpan, firstSupplier, ServiceRole.SERVICE_ROLE_METERING_SERVICE, meteringService, june1);
        settlementMarket.submit(dataService, mpan, march3.toString(), "0.100");
        settlementMarket.submit(dataService, mpan, april5.toString(), "0.100");
        settlementMarket.submit(dataService, mpan, march3.toString(), "0.200");
        market.registration(gainingSupplier)
                .registerSupplier(Registrations.supplier(mpan, daysAhead(10).toString()));
        // before the gaining supplier's first day, then after it
        changeEnergisation(market, registrationService, mpan, daysAhead(5), false);
        changeEnergisation(market, registrationService, mpan, daysAhead(12), true);
        // the gaining supplier ends the metering service's appointment within its own days
        market.registration(gainingSupplier)
                .endServiceAppointment(EndServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setRole(ServiceRole.SERVICE_ROLE_METERING_SERVICE)
                        .setLastDay(daysAhead(20).toString())
                        .build());
        // and replaces the data service from its first day: the data service's appointment ends the day before
        appoint(market, mpan, gainingSupplier, ServiceRole.SERVICE_ROLE_DATA_SERVICE, nextDataService, daysAhead(10));

        Map<String, List<String>> received = Deliveries.fromBeginning(
                hub.channel(),
                hub.operatorIsd(),
                market::token,
                List.of(
                        dno,
                        registrationService,
                        firstSupplier,
                        gainingSupplier,
                        dataService,
                        nextDataService,
                        meteringService,
                        auditor,
                        settlementSinceToday,
                        settlementUntilMarch,
                        settlementAlways),
                Set.of(mpan));

        String registered = pointRegistered(mpan);
        String firstSupplied = supplier(mpan, firstSupplier, meteringFrom());
        String dataRequested = requested(mpan, dataService, meteringFrom());
        String dataAccepted = accepted(mpan, dataService, meteringFrom());
        String meteringRequested = requested(mpan, meteringService, june1);
        String meteringAccepted = accepted(mpan, meteringService, june1);
        String march3First = consumption(mpan, march3, 1);
        String april5First = consumption(mpan, april5, 1);
        String march3Restated = consumption(mpan, march3, 2);
        String gained = supplier(mpan, gainingSupplier, daysAhead(10));
        String deEnergised = detailsChanged(mpan, daysAhead(5));
        String energised = detailsChanged(mpan, daysAhead(12));
        String meteringEnded = ended(mpan, meteringService, daysAhead(20));
        String nextDataRequested = requested(mpan, nextDataService, daysAhead(10));
        String dataEnded = ended(mpan, dataService, daysAhead(9));
        String nextDataAccepted = accepted(mpan, nextDataService, daysAhead(10));
        List<String> everything = List.of(
                registered,
                firstSupplied,
                dataRequested,
                dataAccepted,
                meteringRequested,
                meteringAccepted,
                march3First,
                april5First,
                march3Restated,
                gained,
                deEnergised,
                energised,
                meteringEnded,
                nextDataRequested,
                dataEnded,
                nextDataAccepted);

        assertThat(received.get(dno)).as("the DNO of every day").containsExactlyElementsOf(everything);
        assertThat(received.get(auditor)).as("an auditor reads all").containsExactlyElementsOf(everything);
        assertThat(received.get(registrationService))
                .as("the registration service: every registration event")
                .containsExactlyElementsOf(everything.stream()
                        .filter(e -> !e.startsWith("ConsumptionRecorded"))
                        .toList());
        assertThat(received.get(firstSupplier))
                .as("the first supplier: its days, not the details change or endings after them")
                .containsExactly(
                        firstSupplied,
                        dataRequested,
                        dataAccepted,
                        meteringRequested,
                        meteringAccepted,
                        march3First,
                        april5First,
                        march3Restated,
                        gained,
                        deEnergised,
                        dataEnded);
        assertThat(received.get(gainingSupplier))
                .as("the gaining supplier: from its first day on, not the details change the day before")
                .containsExactly(gained, energised, meteringEnded, nextDataRequested, dataEnded, nextDataAccepted);
        assertThat(received.get(dataService))
                .as("the data service: the days of its appointment, up to its last")
                .containsExactly(
                        dataRequested,
                        dataAccepted,
                        meteringRequested,
                        meteringAccepted,
                        march3First,
                        april5First,
                        march3Restated,
                        gained,
                        deEnergised,
                        energised,
                        meteringEnded,
                        nextDataRequested,
                        dataEnded);
        assertThat(received.get(nextDataService))
                .as("the next data service: its own appointment")
                .containsExactly(nextDataRequested, nextDataAccepted);
        assertThat(received.get(meteringService))
                .as("the metering service: the registration events of its days, no consumption")
                .containsExactly(
                        meteringRequested,
                        meteringAccepted,
                        gained,
                        deEnergised,
                        energised,
                        meteringEnded,
                        nextDataRequested,
                        dataEnded,
                        nextDataAccepted);
        assertThat(received.get(settlementSinceToday))
                .as("central settlement granted today: no earlier day's consumption")
                .isEmpty();
        assertThat(received.get(settlementUntilMarch))
                .as("central settlement until March: March's consumption, not April's")
                .containsExactly(march3First, march3Restated);
        assertThat(received.get(settlementAlways))
                .as("central settlement on every day")
                .containsExactly(march3First, april5First, march3Restated);
    }

    private String centralSettlement(char letter, LocalDate from, @Nullable LocalDate to) {
        return Market.register(
                hub.operatorIsd(), MarketIds.mpid(letter), MarketRole.MARKET_ROLE_CENTRAL_SETTLEMENT, from, to);
    }

    private static void appoint(
            Market market, String mpan, String supplier, ServiceRole role, String service, LocalDate from) {
        String appointment = market.registration(supplier)
                .requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setRole(role)
                        .setServiceId(service)
                        .setEffectiveFrom(from.toString())
                        .build())
                .getAppointmentId();
        market.registration(service)
                .acceptServiceAppointment(AnswerServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setAppointmentId(appointment)
                        .build());
    }

    private static void changeEnergisation(
            Market market, String registrationService, String mpan, LocalDate from, boolean energised) {
        market.registration(registrationService)
                .changeMeteringPointDetails(ChangeMeteringPointDetailsRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setEnergisation(
                                energised
                                        ? EnergisationStatus.ENERGISATION_STATUS_ENERGISED
                                        : EnergisationStatus.ENERGISATION_STATUS_DE_ENERGISED)
                        .setEffectiveFrom(from.toString())
                        .build());
    }
}
