package org.mhhs.backbone.grpc.registration;

import static java.time.Month.JANUARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.preconditionViolations;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.MarketDays.lastYear;
import static org.mhhs.backbone.testing.TestSubscriber.from;

import io.grpc.Status;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.GetResponsibilityRequest;
import org.mhhs.backbone.grpc.v1.GetSettlementCalendarRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.SetChangeOfSupplierHorizonRequest;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.Registrations;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A supplier registers at most the ISD change of supplier horizon ahead (28 days while the operator sets none), so
 * that no registration far in the future holds up every switch of a metering point. The hub is closed afterwards:
 * one test changes the horizon, which no other test may find on the hub it runs on; it sets the default back, so
 * that the tests here pass in any order.
 */
@HubIntegrationTest
@DirtiesContext
class ChangeOfSupplierHorizonApiIntegrationTest {

    private static final int DEFAULT_HORIZON_DAYS = 28;

    @Autowired
    HubClient hub;

    Market market;
    String supplier;
    String gaining;
    String mpan;

    @BeforeEach
    void aMeteringPointWithItsSupplier() {
        market = new Market(hub);
        market.gspGroup("_A");
        String registrationService = market.participant('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        gaining = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        mpan = Market.newMpan();
        market.registration(registrationService)
                .registerMeteringPoint(Registrations.meteringPoint(
                        mpan, "_A", lastYear(JANUARY, 1).toString()));
        market.registration(supplier)
                .registerSupplier(
                        Registrations.supplier(mpan, lastYear(JANUARY, 1).toString()));
    }

    @Test
    void everyParticipantReadsTheDefaultHorizonInTheSettlementCalendar() {
        String withoutRole = market.participant('N');

        var calendar = hub.isd(market.token(withoutRole))
                .getSettlementCalendar(GetSettlementCalendarRequest.getDefaultInstance());

        assertThat(calendar.getChangeOfSupplierHorizonDays()).isEqualTo(DEFAULT_HORIZON_DAYS);
    }

    @Test
    void aChangeOfSupplierOneDayBeyondTheHorizonIsRefusedNamingNoSupplierAndOnItsLastDayAccepted() {
        LocalDate lastDay = MarketDays.daysAhead(DEFAULT_HORIZON_DAYS);
        long before = hub.storedEvents();

        var refusal = refused(() -> register(gaining, lastDay.plusDays(1)));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("ChangeOfSupplierWithinHorizon");
        assertThat(refusal.getStatus().getDescription())
                .contains("at most " + DEFAULT_HORIZON_DAYS + " days after today")
                .contains("on " + lastDay + " at the latest")
                .doesNotContain(supplier)
                .doesNotContain(gaining);
        assertThat(preconditionViolations(refusal))
                .singleElement()
                .satisfies(v -> assertThat(v.getSubject()).isEqualTo(mpan + "/" + lastDay.plusDays(1)));
        assertThat(hub.storedEvents()).isEqualTo(before);

        register(gaining, lastDay);
        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(supplierOn(lastDay)).isEqualTo(gaining));
        assertThat(supplierOn(lastDay.minusDays(1))).isEqualTo(supplier);
    }

    @Test
    void theOperatorSetsAShorterHorizonEveryoneIsToldAndRegistrationFollowsIt() {
        try (TestSubscriber told = TestSubscriber.open(
                hub.channel(),
                market.token(gaining),
                from("horizon", StartFrom.START_FROM_LATEST).build())) {
            told.opened();

            setHorizon(7);

            EventEnvelope changed = told.awaitEvent(EventEnvelope::hasChangeOfSupplierHorizonChanged);
            assertThat(changed.getChangeOfSupplierHorizonChanged().getDays()).isEqualTo(7);
        }
        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(hub.isd(market.token(gaining))
                                .getSettlementCalendar(GetSettlementCalendarRequest.getDefaultInstance())
                                .getChangeOfSupplierHorizonDays())
                        .isEqualTo(7));
        var refusal = refused(() -> register(gaining, MarketDays.daysAhead(8)));
        assertThat(reason(refusal)).isEqualTo("ChangeOfSupplierWithinHorizon");
        assertThat(refusal.getStatus().getDescription()).contains("at most 7 days after today");
        register(gaining, MarketDays.daysAhead(7));

        setHorizon(DEFAULT_HORIZON_DAYS);
        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(hub.operatorIsd()
                                .getSettlementCalendar(GetSettlementCalendarRequest.getDefaultInstance())
                                .getChangeOfSupplierHorizonDays())
                        .isEqualTo(DEFAULT_HORIZON_DAYS));
    }

    private void setHorizon(int days) {
        hub.operatorIsd()
                .setChangeOfSupplierHorizon(SetChangeOfSupplierHorizonRequest.newBuilder()
                        .setHeader(newCommand())
                        .setDays(days)
                        .build());
    }

    private void register(String who, LocalDate from) {
        market.registration(who).registerSupplier(Registrations.supplier(mpan, from.toString()));
    }

    /** As the operator, who reads every day (a supplier reads only the days it supplies). */
    private String supplierOn(LocalDate date) {
        return market.registration("OPER")
                .getResponsibility(GetResponsibilityRequest.newBuilder()
                        .setMpan(mpan)
                        .setDate(date.toString())
                        .build())
                .getSupplierId();
    }
}
