package org.mhhs.backbone.metering;

import static org.hamcrest.Matchers.equalTo;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.INVALID;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;
import static org.mhhs.backbone.metering.ConsumptionFixtures.LATE_NOVEMBER_2026;
import static org.mhhs.backbone.metering.ConsumptionFixtures.TODAY;
import static org.mhhs.backbone.metering.ConsumptionFixtures.YESTERDAY;
import static org.mhhs.backbone.metering.ConsumptionFixtures.aDayOf;
import static org.mhhs.backbone.metering.ConsumptionFixtures.consumptionDayFixture;
import static org.mhhs.backbone.metering.ConsumptionFixtures.readings;
import static org.mhhs.backbone.metering.ConsumptionFixtures.theMarket;
import static org.mhhs.backbone.metering.ConsumptionFixtures.theRegister;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SettlementDayWindowTest {

    private static final String SETTLEMENT_DATE = "settlement_date";

    /** 28 months before 2026-11-22, the default final dispute window. */
    private static final String OLDEST_DAY_OPEN_BY_DEFAULT = "2024-07-22";

    @Test
    void todayCannotBeSubmittedBeforeItHasEnded() {
        consumptionDayFixture(theRegister(), theMarket(), LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(aDayOf(readings(48)).on(TODAY).submission())
                .expectNoEvents()
                .expectException(
                        aViolationOf(SettlementDayMustHaveEnded.RULE, INVALID).about(equalTo(SETTLEMENT_DATE)));
    }

    @Test
    void aFutureDayCannotBeSubmitted() {
        consumptionDayFixture(theRegister(), theMarket(), LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(aDayOf(readings(48)).on("2026-12-01").submission())
                .expectNoEvents()
                .expectException(
                        aViolationOf(SettlementDayMustHaveEnded.RULE, INVALID).about(equalTo(SETTLEMENT_DATE)));
    }

    @Test
    void yesterdayCanBeSubmitted() {
        var yesterday = aDayOf(readings(48)).on(YESTERDAY);

        consumptionDayFixture(theRegister(), theMarket(), LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(yesterday.submission())
                .expectEvents(yesterday.recorded(1))
                .expectResultMessagePayload(1);
    }

    @Test
    void aDayHasEndedOnceItIsPastMidnightInLondonThoughNotYetInUtc() {
        // 23:30 UTC on 1 July is 00:30 on 2 July in London (BST).
        Clock justAfterLondonMidnight = Clock.fixed(Instant.parse("2026-07-01T23:30:00Z"), ZoneOffset.UTC);
        var firstOfJuly = aDayOf(readings(48)).on("2026-07-01");

        consumptionDayFixture(theRegister(), theMarket(), justAfterLondonMidnight)
                .givenNoPriorActivity()
                .when(firstOfJuly.submission())
                .expectEvents(firstOfJuly.recorded(1));
    }

    @Test
    void aDayBeforeTheDefaultFinalDisputeWindowOfTwentyEightMonthsIsClosed() {
        consumptionDayFixture(theRegister(), theMarket(), LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(aDayOf(readings(48)).on("2024-07-21").submission())
                .expectNoEvents()
                .expectException(
                        aViolationOf(WithinFinalDisputeWindow.RULE, INVALID).about(equalTo(SETTLEMENT_DATE)));
    }

    @Test
    void theOldestDayOfTheDefaultFinalDisputeWindowIsStillOpen() {
        var oldestOpenDay = aDayOf(readings(48)).on(OLDEST_DAY_OPEN_BY_DEFAULT);

        consumptionDayFixture(theRegister(), theMarket(), LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(oldestOpenDay.submission())
                .expectEvents(oldestOpenDay.recorded(1));
    }

    @Test
    void aShorterFinalDisputeWindowSetInIsdClosesDaysTheDefaultWouldLeaveOpen() {
        var fourteenMonths = theMarket().withFinalDisputeWindow(14);

        consumptionDayFixture(theRegister(), fourteenMonths, LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(aDayOf(readings(48)).on("2025-09-21").submission())
                .expectNoEvents()
                .expectException(
                        aViolationOf(WithinFinalDisputeWindow.RULE, INVALID).about(equalTo(SETTLEMENT_DATE)));
    }

    @Test
    void theOldestDayOfTheFinalDisputeWindowSetInIsdIsStillOpen() {
        var fourteenMonths = theMarket().withFinalDisputeWindow(14);
        var oldestOpenDay = aDayOf(readings(48)).on("2025-09-22");

        consumptionDayFixture(theRegister(), fourteenMonths, LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(oldestOpenDay.submission())
                .expectEvents(oldestOpenDay.recorded(1));
    }

    @Test
    void aLongerFinalDisputeWindowSetInIsdOpensDaysTheDefaultWouldClose() {
        var thirtySixMonths = theMarket().withFinalDisputeWindow(36);
        var beyondTheDefaultWindow = aDayOf(readings(48)).on("2024-07-21");

        consumptionDayFixture(theRegister(), thirtySixMonths, LATE_NOVEMBER_2026)
                .givenNoPriorActivity()
                .when(beyondTheDefaultWindow.submission())
                .expectEvents(beyondTheDefaultWindow.recorded(1));
    }
}
