package org.mhhs.backbone.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettlementDateTest {

    private static final SettlementDate SPRING_CLOCK_CHANGE_2026 = SettlementDate.parse("2026-03-29");
    private static final SettlementDate AUTUMN_CLOCK_CHANGE_2026 = SettlementDate.parse("2026-10-25");
    private static final SettlementDate SUMMER_DAY_2026 = SettlementDate.parse("2026-06-01");

    @ParameterizedTest
    @CsvSource({
        "2026-03-29, 46",
        "2026-10-25, 50",
        "2026-06-01, 48",
        "2026-01-15, 48",
        "2025-03-30, 46",
        "2025-10-26, 50",
        "2026-03-28, 48",
        "2026-03-30, 48",
    })
    void aSettlementDayHasOnePeriodPerElapsedHalfHour(String day, int periods) {
        assertThat(SettlementDate.parse(day).periodCount()).isEqualTo(periods);
    }

    @Test
    void onlyTheSpringAndAutumnClockChangeDaysAreClockChangeDays() {
        assertThat(SPRING_CLOCK_CHANGE_2026.isClockChangeDay()).isTrue();
        assertThat(AUTUMN_CLOCK_CHANGE_2026.isClockChangeDay()).isTrue();
        assertThat(SUMMER_DAY_2026.isClockChangeDay()).isFalse();
    }

    @Test
    void periodOneStartsAtLondonMidnight() {
        assertThat(SettlementDate.parse("2026-01-15").periodStart(SettlementPeriod.of(1)))
                .isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
        assertThat(SUMMER_DAY_2026.periodStart(SettlementPeriod.of(1)))
                .isEqualTo(Instant.parse("2026-05-31T23:00:00Z"));
        assertThat(SUMMER_DAY_2026.startOfDay()).isEqualTo(Instant.parse("2026-05-31T23:00:00Z"));
    }

    @Test
    void onTheSpringClockChangeDayPeriodThreeStartsAtTwoInTheMorningSummerTime() {
        assertThat(SPRING_CLOCK_CHANGE_2026.periodStart(SettlementPeriod.of(3)))
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(SPRING_CLOCK_CHANGE_2026.periodEnd(SettlementPeriod.of(46)))
                .isEqualTo(Instant.parse("2026-03-29T23:00:00Z"));
    }

    @Test
    void onTheAutumnClockChangeDayPeriodFiftyStartsTwentyFourAndAHalfHoursAfterMidnight() {
        Instant midnight = Instant.parse("2026-10-24T23:00:00Z");

        assertThat(AUTUMN_CLOCK_CHANGE_2026.startOfDay()).isEqualTo(midnight);
        assertThat(AUTUMN_CLOCK_CHANGE_2026.periodStart(SettlementPeriod.of(50)))
                .isEqualTo(midnight.plus(Duration.ofMinutes(24 * 60 + 30)))
                .isEqualTo(Instant.parse("2026-10-25T23:30:00Z"));
        assertThat(AUTUMN_CLOCK_CHANGE_2026.periodEnd(SettlementPeriod.of(50)))
                .isEqualTo(Instant.parse("2026-10-26T00:00:00Z"));
    }

    @Test
    void theLastPeriodOfADayEndsWhenTheNextDayStarts() {
        for (SettlementDate day :
                new SettlementDate[] {SPRING_CLOCK_CHANGE_2026, SUMMER_DAY_2026, AUTUMN_CLOCK_CHANGE_2026}) {
            SettlementPeriod last = SettlementPeriod.of(day.periodCount());
            assertThat(day.periodEnd(last)).isEqualTo(day.plusDays(1).startOfDay());
        }
    }

    @Test
    void aPeriodBeyondTheEndOfAShortDayIsRejected() {
        assertThatThrownBy(() -> SPRING_CLOCK_CHANGE_2026.periodStart(SettlementPeriod.of(47)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("47")
                .hasMessageContaining("2026-03-29")
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("SettlementPeriodRange");
        assertThatThrownBy(() -> SUMMER_DAY_2026.periodEnd(SettlementPeriod.of(49)))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aDayListsEachOfItsPeriodsInOrder() {
        assertThat(SPRING_CLOCK_CHANGE_2026.periods())
                .hasSize(46)
                .startsWith(SettlementPeriod.of(1))
                .endsWith(SettlementPeriod.of(46))
                .isSorted();
    }

    @Test
    void todayIsTheLondonCalendarDayJustAfterMidnightInSummer() {
        Clock clock = Clock.fixed(Instant.parse("2026-06-30T23:30:00Z"), ZoneOffset.UTC);

        assertThat(SettlementDate.today(clock)).isEqualTo(SettlementDate.of(LocalDate.of(2026, 7, 1)));
    }

    @Test
    void todayIsTheSameAsUtcInWinter() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-31T23:30:00Z"), ZoneOffset.UTC);

        assertThat(SettlementDate.today(clock)).hasToString("2026-12-31");
    }

    @Test
    void settlementDateIsWrittenAsAnIsoDate() {
        assertThat(SettlementDate.of(LocalDate.of(2026, 3, 9))).hasToString("2026-03-09");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-02-30", "29/03/2026", "2026-3-29", "2026-03-29T00:00"})
    void badlyWrittenSettlementDateIsRejected(String text) {
        assertThatThrownBy(() -> SettlementDate.parse(text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining(text)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("SettlementDateFormat");
    }

    @Test
    void missingSettlementDateTextIsRejected() {
        assertThatThrownBy(() -> SettlementDate.parse(null))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("SettlementDateFormat");
    }

    @Test
    void missingSettlementDayIsRejected() {
        assertThatThrownBy(() -> SettlementDate.of(null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void settlementDatesMoveByWholeDaysAndCompareInCalendarOrder() {
        SettlementDate day = SettlementDate.parse("2026-03-28");
        SettlementDate next = day.plusDays(1);

        assertThat(next).isEqualTo(SPRING_CLOCK_CHANGE_2026);
        assertThat(next.minusDays(1)).isEqualTo(day);
        assertThat(day.isBefore(next)).isTrue();
        assertThat(next.isAfter(day)).isTrue();
        assertThat(day.isAfter(day)).isFalse();
        assertThat(day.isBefore(day)).isFalse();
        assertThat(day).isLessThan(next);
        assertThat(day.compareTo(SettlementDate.parse("2026-03-28"))).isZero();
    }
}
