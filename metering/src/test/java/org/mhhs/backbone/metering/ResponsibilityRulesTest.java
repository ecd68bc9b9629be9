package org.mhhs.backbone.metering;

import static org.hamcrest.Matchers.equalTo;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.FORBIDDEN;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.NOT_FOUND;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.PRECONDITION;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.EASTERN;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.day;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;
import static org.mhhs.backbone.metering.ConsumptionFixtures.LATE_NOVEMBER_2026;
import static org.mhhs.backbone.metering.ConsumptionFixtures.MPAN;
import static org.mhhs.backbone.metering.ConsumptionFixtures.YESTERDAY;
import static org.mhhs.backbone.metering.ConsumptionFixtures.aDayOf;
import static org.mhhs.backbone.metering.ConsumptionFixtures.consumptionDayFixture;
import static org.mhhs.backbone.metering.ConsumptionFixtures.readings;
import static org.mhhs.backbone.metering.ConsumptionFixtures.theMarket;
import static org.mhhs.backbone.metering.ConsumptionFixtures.theRegister;

import org.junit.jupiter.api.Test;
import org.mhhs.backbone.registration.testing.FakeRegistrationQueries;

class ResponsibilityRulesTest {

    private static final String MPAN_YESTERDAY = MPAN.value() + "/" + YESTERDAY;

    @Test
    void consumptionOfAMeteringPointTheRegisterDoesNotKnowIsRefused() {
        consumptionDayFixture(new FakeRegistrationQueries(), theMarket(), LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(aDayOf(readings(48)).submission())
                .expectNoEvents()
                .expectException(aViolationOf(MeteringPointRegisteredOnDay.RULE, NOT_FOUND)
                        .about(equalTo(MPAN.value())));
    }

    @Test
    void consumptionOfADayBeforeTheMeteringPointWasRegisteredIsRefused() {
        var registeredToday = new FakeRegistrationQueries()
                .responsible(MPAN, day("2026-11-22"), day("2030-12-31"), SUPPLIER_A, DATA_SERVICE_A, EASTERN);

        consumptionDayFixture(registeredToday, theMarket(), LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(aDayOf(readings(48)).on(YESTERDAY).submission())
                .expectNoEvents()
                .expectException(aViolationOf(MeteringPointRegisteredOnDay.RULE, NOT_FOUND));
    }

    @Test
    void aDataServiceNotAppointedForTheMeteringPointCannotSubmit() {
        consumptionDayFixture(theRegister(), theMarket(), LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(aDayOf(readings(48)).by(DATA_SERVICE_B).submission())
                .expectNoEvents()
                .expectException(aViolationOf(OnlyTheAppointedDataServiceMaySubmit.RULE, FORBIDDEN)
                        .about(equalTo(MPAN_YESTERDAY)));
    }

    @Test
    void noDataServiceCanSubmitForADayWithoutAnAppointedDataService() {
        var noDataService = new FakeRegistrationQueries()
                .responsible(MPAN, day("2020-01-01"), day("2030-12-31"), SUPPLIER_A, null, EASTERN);

        consumptionDayFixture(noDataService, theMarket(), LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(aDayOf(readings(48)).by(DATA_SERVICE_A).submission())
                .expectNoEvents()
                .expectException(aViolationOf(OnlyTheAppointedDataServiceMaySubmit.RULE, FORBIDDEN));
    }

    @Test
    void aDataServiceCannotSubmitForTheDayAfterItsAppointmentEnded() {
        var appointmentEndedTheDayBefore = new FakeRegistrationQueries()
                .responsible(MPAN, day("2020-01-01"), YESTERDAY.minusDays(1), SUPPLIER_A, DATA_SERVICE_A, EASTERN)
                .responsible(MPAN, YESTERDAY, day("2030-12-31"), SUPPLIER_A, null, EASTERN);

        consumptionDayFixture(appointmentEndedTheDayBefore, theMarket(), LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(aDayOf(readings(48)).on(YESTERDAY).by(DATA_SERVICE_A).submission())
                .expectNoEvents()
                .expectException(aViolationOf(OnlyTheAppointedDataServiceMaySubmit.RULE, FORBIDDEN));
    }

    @Test
    void aDataServiceMayStillSubmitForTheLastDayOfItsAppointment() {
        var lastDay = aDayOf(readings(48)).on(YESTERDAY.minusDays(1)).by(DATA_SERVICE_A);
        var appointmentEndedTheDayBefore = new FakeRegistrationQueries()
                .responsible(MPAN, day("2020-01-01"), YESTERDAY.minusDays(1), SUPPLIER_A, DATA_SERVICE_A, EASTERN)
                .responsible(MPAN, YESTERDAY, day("2030-12-31"), SUPPLIER_A, null, EASTERN);

        consumptionDayFixture(appointmentEndedTheDayBefore, theMarket(), LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(lastDay.submission())
                .expectEvents(lastDay.recorded(1));
    }

    @Test
    void consumptionOfADayWithoutASupplierInForceCannotBeRecorded() {
        var noSupplier = new FakeRegistrationQueries()
                .responsible(MPAN, day("2020-01-01"), day("2030-12-31"), null, DATA_SERVICE_A, EASTERN);

        consumptionDayFixture(noSupplier, theMarket(), LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(aDayOf(readings(48)).submission())
                .expectNoEvents()
                .expectException(
                        aViolationOf(SupplierInForceOnDay.RULE, PRECONDITION).about(equalTo(MPAN_YESTERDAY)));
    }
}
