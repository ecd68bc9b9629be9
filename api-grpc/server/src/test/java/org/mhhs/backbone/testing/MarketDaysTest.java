package org.mhhs.backbone.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.hub.HubClock;
import org.mhhs.backbone.kernel.SettlementDate;

/** The tests' calendar derives from the hub's today, whatever day the suite runs on (hub.test.today). */
class MarketDaysTest {

    @Test
    void todayIsTheRequestedDayOrTheRealOne() {
        String requested = System.getProperty(HubClock.TEST_TODAY, System.getenv("HUB_TEST_TODAY"));
        LocalDate expected = requested == null || requested.isBlank()
                ? SettlementDate.today(java.time.Clock.systemUTC()).date()
                : LocalDate.parse(requested.strip());

        // a run started just before midnight may already be on the next day
        assertThat(ChronoUnit.DAYS.between(expected, MarketDays.today())).isBetween(0L, 1L);
        assertThat(MarketDays.daysAgo(3)).isEqualTo(MarketDays.today().minusDays(3));
        assertThat(MarketDays.daysAhead(14)).isEqualTo(MarketDays.today().plusDays(14));
    }

    @Test
    void theClockMovesAtThePaceOfTheSystemClock() throws InterruptedException {
        Duration offset = Duration.between(java.time.Instant.now(), MarketDays.now());
        Thread.sleep(50);
        Duration later = Duration.between(java.time.Instant.now(), MarketDays.now());

        assertThat(later.minus(offset).abs()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void theClockChangeDaysAreTheLastSundaysOfMarchAndOctoberBeforeToday() {
        LocalDate spring = MarketDays.lastSpringClockChange();
        LocalDate autumn = MarketDays.lastAutumnClockChange();

        assertThat(spring.getMonth()).isEqualTo(Month.MARCH);
        assertThat(autumn.getMonth()).isEqualTo(Month.OCTOBER);
        assertThat(spring.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(autumn.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(spring.plusWeeks(1).getMonth()).isEqualTo(Month.APRIL);
        assertThat(autumn.plusWeeks(1).getMonth()).isEqualTo(Month.NOVEMBER);
        assertThat(spring)
                .isBefore(MarketDays.today())
                .isAfter(MarketDays.today().minusYears(1));
        assertThat(autumn)
                .isBefore(MarketDays.today())
                .isAfter(MarketDays.today().minusYears(1));
        assertThat(SettlementDate.of(spring).periodCount()).isEqualTo(46);
        assertThat(SettlementDate.of(autumn).periodCount()).isEqualTo(50);
    }

    @Test
    void lastYearsDaysHaveEndedAndAreWithinTheDefaultDisputeWindow() {
        LocalDate today = MarketDays.today();

        assertThat(MarketDays.meteringFrom()).isEqualTo(LocalDate.of(today.getYear() - 1, 1, 1));
        assertThat(MarketDays.meteringFrom()).isAfter(today.minusMonths(28));
        assertThat(MarketDays.lastYear(Month.NOVEMBER, 30)).isBefore(today.minusMonths(1));
        assertThat(MarketDays.longAgo()).isBefore(today.minusYears(9));
    }
}
