package org.mhhs.backbone.metering;

import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.EASTERN;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.metering.ConsumptionFixtures.LATE_NOVEMBER_2026;
import static org.mhhs.backbone.metering.ConsumptionFixtures.MPAN;
import static org.mhhs.backbone.metering.ConsumptionFixtures.YESTERDAY;
import static org.mhhs.backbone.metering.ConsumptionFixtures.aDayOf;
import static org.mhhs.backbone.metering.ConsumptionFixtures.consumptionDayFixture;
import static org.mhhs.backbone.metering.ConsumptionFixtures.readings;
import static org.mhhs.backbone.metering.ConsumptionFixtures.theMarket;
import static org.mhhs.backbone.metering.ConsumptionFixtures.theRegister;
import static org.mhhs.backbone.metering.api.Quality.ESTIMATED;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;

class ConsumptionVersionsTest {

    private FixtureConfiguration<ConsumptionDay> fixture;

    @BeforeEach
    void setUp() {
        fixture = consumptionDayFixture(theRegister(), theMarket(), LATE_NOVEMBER_2026);
    }

    @Test
    void theFirstSubmissionOfADayIsRecordedAsVersionOneUnderTheSupplierAndGspGroupOfThatDay() {
        var readings = readings(48).withPeriod(3, "1.250", ESTIMATED);

        fixture.givenNoPriorActivity()
                .when(aDayOf(readings).submission())
                .expectEvents(new ConsumptionRecorded(
                        MPAN,
                        YESTERDAY,
                        1,
                        DATA_SERVICE_A,
                        SUPPLIER_A,
                        EASTERN,
                        48,
                        1,
                        "sealed readings are compared by opening them"))
                .expectResultMessagePayload(1);
    }

    @Test
    void readingsSentOutOfOrderAreRecordedInPeriodOrder() {
        var inOrder = readings(48).withPeriod(3, "1.250", ESTIMATED);

        fixture.givenNoPriorActivity()
                .when(aDayOf(inOrder.inReverseOrder()).submission())
                .expectEvents(aDayOf(inOrder).recorded(1))
                .expectResultMessagePayload(1);
    }

    @Test
    void aChangedResubmissionRecordsTheNextVersionReplacingTheLatest() {
        var first = aDayOf(readings(48));
        var second = aDayOf(readings(48).withPeriod(10, "2.000"));
        var third = aDayOf(readings(48).withPeriod(10, "2.500"));

        fixture.given(first.recorded(1), second.recorded(2))
                .when(third.submission())
                .expectEvents(third.recorded(3))
                .expectResultMessagePayload(3);
    }

    @Test
    void anIdenticalResubmissionRecordsNothingAndAnswersTheVersionItRepeats() {
        var first = aDayOf(readings(48));
        var second = aDayOf(readings(48).withPeriod(10, "2.000", ESTIMATED));

        fixture.given(first.recorded(1), second.recorded(2))
                .when(second.submission())
                .expectNoEvents()
                .expectResultMessagePayload(2);
    }

    @Test
    void theSameReadingsSentInAnotherOrderAreAnIdenticalResubmission() {
        var readings = readings(48).withPeriod(10, "2.000", ESTIMATED);

        fixture.given(aDayOf(readings).recorded(1))
                .when(aDayOf(readings.inReverseOrder()).submission())
                .expectNoEvents()
                .expectResultMessagePayload(1);
    }

    @Test
    void replacingAnEstimateByAnActualReadingOfTheSameValueIsAChange() {
        var estimated = aDayOf(readings(48).estimatedIn(7));
        var actual = aDayOf(readings(48));

        fixture.given(estimated.recorded(1))
                .when(actual.submission())
                .expectEvents(actual.recorded(2))
                .expectResultMessagePayload(2);
    }

    @Test
    void markingAnActualReadingAsEstimatedIsAChange() {
        var actual = aDayOf(readings(48));
        var estimated = aDayOf(readings(48).estimatedIn(48));

        fixture.given(actual.recorded(1))
                .when(estimated.submission())
                .expectEvents(estimated.recorded(2))
                .expectResultMessagePayload(2);
    }

    @Test
    void goingBackToAnOlderVersionsReadingsRecordsANewVersion() {
        var first = aDayOf(readings(48));
        var second = aDayOf(readings(48).withPeriod(10, "2.000"));

        fixture.given(first.recorded(1), second.recorded(2))
                .when(first.submission())
                .expectEvents(first.recorded(3))
                .expectResultMessagePayload(3);
    }
}
