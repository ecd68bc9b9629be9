package org.mhhs.backbone.metering;

import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.EASTERN;
import static org.mhhs.backbone.kernel.testing.MarketFixture.LONDON;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.day;
import static org.mhhs.backbone.metering.ConsumptionFixtures.LATE_NOVEMBER_2026;
import static org.mhhs.backbone.metering.ConsumptionFixtures.MPAN;
import static org.mhhs.backbone.metering.ConsumptionFixtures.aDayOf;
import static org.mhhs.backbone.metering.ConsumptionFixtures.consumptionDayFixture;
import static org.mhhs.backbone.metering.ConsumptionFixtures.readings;
import static org.mhhs.backbone.metering.ConsumptionFixtures.theMarket;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.registration.testing.FakeRegistrationQueries;

/** Consumption is recorded with whoever and whatever the register has in force on the settlement day itself. */
class SupplierAndGspGroupOfTheDayTest {

    /** Supplier B gains the metering point on 11 November; on 16 November it moves from GSP group _A to _C. */
    private final FakeRegistrationQueries register = new FakeRegistrationQueries()
            .responsible(MPAN, day("2026-01-01"), day("2026-11-10"), SUPPLIER_A, DATA_SERVICE_A, EASTERN)
            .responsible(MPAN, day("2026-11-11"), day("2026-11-15"), SUPPLIER_B, DATA_SERVICE_A, EASTERN)
            .responsible(MPAN, day("2026-11-16"), day("2030-12-31"), SUPPLIER_B, DATA_SERVICE_A, LONDON);

    private FixtureConfiguration<ConsumptionDay> fixture;

    @BeforeEach
    void setUp() {
        fixture = consumptionDayFixture(register, theMarket(), LATE_NOVEMBER_2026);
    }

    @Test
    void theLosingSuppliersLastDayIsRecordedUnderTheLosingSupplier() {
        var lastDayOfSupplierA = aDayOf(readings(48)).on("2026-11-10");

        fixture.givenNoPriorActivity()
                .when(lastDayOfSupplierA.submission())
                .expectEvents(lastDayOfSupplierA.recorded(1, SUPPLIER_A, EASTERN));
    }

    @Test
    void theChangeOfSupplierDayIsRecordedUnderTheGainingSupplier() {
        var firstDayOfSupplierB = aDayOf(readings(48)).on("2026-11-11");

        fixture.givenNoPriorActivity()
                .when(firstDayOfSupplierB.submission())
                .expectEvents(firstDayOfSupplierB.recorded(1, SUPPLIER_B, EASTERN));
    }

    @Test
    void aDayIsRecordedInTheGspGroupTheMeteringPointWasInThatDay() {
        var lastDayInEastern = aDayOf(readings(48)).on("2026-11-15");

        fixture.givenNoPriorActivity()
                .when(lastDayInEastern.submission())
                .expectEvents(lastDayInEastern.recorded(1, SUPPLIER_B, EASTERN));
    }

    @Test
    void aDayAfterAChangeOfGspGroupIsRecordedInTheNewGspGroup() {
        var firstDayInLondon = aDayOf(readings(48)).on("2026-11-16");

        fixture.givenNoPriorActivity()
                .when(firstDayInLondon.submission())
                .expectEvents(firstDayInLondon.recorded(1, SUPPLIER_B, LONDON));
    }
}
