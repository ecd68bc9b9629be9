package org.mhhs.backbone.metering;

import static org.hamcrest.Matchers.equalTo;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.INVALID;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;
import static org.mhhs.backbone.metering.ConsumptionFixtures.LATE_NOVEMBER_2026;
import static org.mhhs.backbone.metering.ConsumptionFixtures.aDayOf;
import static org.mhhs.backbone.metering.ConsumptionFixtures.consumptionDayFixture;
import static org.mhhs.backbone.metering.ConsumptionFixtures.readings;
import static org.mhhs.backbone.metering.ConsumptionFixtures.theMarket;
import static org.mhhs.backbone.metering.ConsumptionFixtures.theRegister;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.kernel.testing.RuleViolationMatcher;

class DayReadingsRulesTest {

    private static final String SPRING_CLOCK_CHANGE = "2026-03-29";
    private static final String AUTUMN_CLOCK_CHANGE = "2026-10-25";

    private FixtureConfiguration<ConsumptionDay> fixture;

    @BeforeEach
    void setUp() {
        fixture = consumptionDayFixture(theRegister(), theMarket(), LATE_NOVEMBER_2026);
    }

    @Test
    void anOrdinaryDayNeedsFortyEightReadings() {
        fixture.givenNoPriorActivity()
                .when(aDayOf(readings(47)).submission())
                .expectNoEvents()
                .expectException(aViolationOf(PeriodCountOfTheDay.RULE, INVALID).about(equalTo("readings")));
    }

    @Test
    void theSpringClockChangeDayCannotHaveFortyEightReadings() {
        fixture.givenNoPriorActivity()
                .when(aDayOf(readings(48)).on(SPRING_CLOCK_CHANGE).submission())
                .expectNoEvents()
                .expectException(aViolationOf(PeriodCountOfTheDay.RULE, INVALID));
    }

    @Test
    void theSpringClockChangeDayIsRecordedWithItsFortySixReadings() {
        var springDay = aDayOf(readings(46)).on(SPRING_CLOCK_CHANGE);

        fixture.givenNoPriorActivity()
                .when(springDay.submission())
                .expectEvents(springDay.recorded(1))
                .expectResultMessagePayload(1);
    }

    @Test
    void theAutumnClockChangeDayCannotHaveFortyEightReadings() {
        fixture.givenNoPriorActivity()
                .when(aDayOf(readings(48)).on(AUTUMN_CLOCK_CHANGE).submission())
                .expectNoEvents()
                .expectException(aViolationOf(PeriodCountOfTheDay.RULE, INVALID));
    }

    @Test
    void theAutumnClockChangeDayIsRecordedWithItsFiftyReadings() {
        var autumnDay = aDayOf(readings(50)).on(AUTUMN_CLOCK_CHANGE);

        fixture.givenNoPriorActivity()
                .when(autumnDay.submission())
                .expectEvents(autumnDay.recorded(1))
                .expectResultMessagePayload(1);
    }

    @Test
    void aPeriodCannotHaveTwoReadings() {
        fixture.givenNoPriorActivity()
                .when(aDayOf(readings(48).withPeriodSentAs(48, 2)).submission())
                .expectNoEvents()
                .expectException(eachPeriodOnceViolated());
    }

    @Test
    void thereIsNoPeriodZero() {
        fixture.givenNoPriorActivity()
                .when(aDayOf(readings(48).withPeriodSentAs(48, 0)).submission())
                .expectNoEvents()
                .expectException(eachPeriodOnceViolated());
    }

    @Test
    void theSpringClockChangeDayHasNoPeriodFortySeven() {
        fixture.givenNoPriorActivity()
                .when(aDayOf(readings(46).withPeriodSentAs(46, 47))
                        .on(SPRING_CLOCK_CHANGE)
                        .submission())
                .expectNoEvents()
                .expectException(eachPeriodOnceViolated());
    }

    @Test
    void consumptionIsNeverNegative() {
        fixture.givenNoPriorActivity()
                .when(aDayOf(readings(48).withPeriod(5, "-0.001")).submission())
                .expectNoEvents()
                .expectException(
                        aViolationOf(ConsumptionNonNegative.RULE, INVALID).about(equalTo("readings")));
    }

    @Test
    void tenThousandKwhInAHalfHourIsStillPlausible() {
        var largeSite = aDayOf(readings(48).withPeriod(20, "10000.000"));

        fixture.givenNoPriorActivity().when(largeSite.submission()).expectEvents(largeSite.recorded(1));
    }

    @Test
    void moreThanTenThousandKwhInAHalfHourIsNotPlausible() {
        fixture.givenNoPriorActivity()
                .when(aDayOf(readings(48).withPeriod(20, "10000.001")).submission())
                .expectNoEvents()
                .expectException(
                        aViolationOf(ConsumptionPlausible.RULE, INVALID).about(equalTo("readings")));
    }

    private static RuleViolationMatcher eachPeriodOnceViolated() {
        return aViolationOf(EachPeriodOnce.RULE, INVALID).about(equalTo("readings"));
    }
}
