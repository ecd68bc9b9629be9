package org.mhhs.backbone.isd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhhs.backbone.isd.RunScheduleBuilder.theUsualRunSchedule;
import static org.mhhs.backbone.isd.SettlementCalendarBuilder.BANK_HOLIDAYS_2026;
import static org.mhhs.backbone.isd.SettlementCalendarBuilder.aCalendar;
import static org.mhhs.backbone.isd.api.SettlementRunType.DF;
import static org.mhhs.backbone.isd.api.SettlementRunType.R1;
import static org.mhhs.backbone.isd.api.SettlementRunType.SF;
import static org.mhhs.backbone.kernel.testing.MarketFixture.day;

import java.time.LocalDate;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.isd.api.RunDueView;
import org.mhhs.backbone.isd.api.SettlementCalendarView;
import org.mhhs.backbone.isd.api.SettlementRunType;

class SettlementCalendarViewTest {

    private static final LocalDate FRIDAY_5_JUNE = day("2026-06-05");

    @Test
    void sfFallsDueFiveWorkingDaysAfterTheSettlementDaySkippingTheWeekend() {
        SettlementCalendarView calendar = aCalendar().withRun(SF, 5).build();

        assertThat(calendar.dueDate(FRIDAY_5_JUNE, SF)).contains(day("2026-06-12"));
    }

    @Test
    void aBankHolidayBeforeTheDueDatePushesItOnByOneWorkingDay() {
        SettlementCalendarView calendar =
                aCalendar().withRun(SF, 5).withBankHolidays("2026-06-10").build();

        assertThat(calendar.dueDate(FRIDAY_5_JUNE, SF)).contains(day("2026-06-15"));
    }

    @Test
    void aBankHolidayOnTheDueDateItselfPushesItToTheNextWorkingDay() {
        SettlementCalendarView calendar =
                aCalendar().withRun(SF, 1).withBankHolidays("2026-05-25").build();

        assertThat(calendar.dueDate(day("2026-05-22"), SF)).contains(day("2026-05-26"));
    }

    @Test
    void weekendSettlementDaysCountTheirWorkingDaysFromMonday() {
        SettlementCalendarView calendar = aCalendar().withRun(SF, 1).build();

        assertThat(calendar.dueDate(day("2026-06-06"), SF)).contains(day("2026-06-08"));
        assertThat(calendar.dueDate(day("2026-06-07"), SF)).contains(day("2026-06-08"));
    }

    @Test
    void aRunOutsideTheScheduleHasNoDueDate() {
        SettlementCalendarView calendar =
                aCalendar().withRunSchedule(theUsualRunSchedule()).build();

        assertThat(calendar.dueDate(FRIDAY_5_JUNE, DF)).isEmpty();
    }

    @Test
    void onMondayTheRunsOneWorkingDayAfterFridayAndTheWeekendFallDue() {
        SettlementCalendarView calendar = aCalendar().withRun(SF, 1).build();

        assertThat(calendar.runsDueOn(day("2026-06-08")))
                .containsExactly(
                        new RunDueView(day("2026-06-05"), SF),
                        new RunDueView(day("2026-06-06"), SF),
                        new RunDueView(day("2026-06-07"), SF));
    }

    @Test
    void onTheDayAfterABankHolidayMondayTheRunsOfTheLongWeekendFallDue() {
        SettlementCalendarView calendar =
                aCalendar().withRun(SF, 1).withBankHolidays("2026-05-25").build();

        assertThat(calendar.runsDueOn(day("2026-05-26")))
                .containsExactly(
                        new RunDueView(day("2026-05-22"), SF),
                        new RunDueView(day("2026-05-23"), SF),
                        new RunDueView(day("2026-05-24"), SF),
                        new RunDueView(day("2026-05-25"), SF));
    }

    @Test
    void runsDueOnADayAreOrderedBySettlementDayThenRun() {
        SettlementCalendarView calendar =
                aCalendar().withRunSchedule(Map.of(SF, 1, R1, 2)).build();

        assertThat(calendar.runsDueOn(day("2026-06-10")))
                .containsExactly(new RunDueView(day("2026-06-08"), R1), new RunDueView(day("2026-06-09"), SF));
    }

    @Test
    void noRunFallsDueOnASaturday() {
        SettlementCalendarView calendar =
                aCalendar().withRunSchedule(theUsualRunSchedule()).build();

        assertThat(calendar.runsDueOn(day("2026-06-06"))).isEmpty();
    }

    @Test
    void noRunFallsDueOnABankHoliday() {
        SettlementCalendarView calendar = aCalendar()
                .withRunSchedule(theUsualRunSchedule())
                .withBankHolidays(BANK_HOLIDAYS_2026)
                .build();

        assertThat(calendar.runsDueOn(day("2026-08-31"))).isEmpty();
    }

    @Test
    void withoutARunScheduleNothingFallsDue() {
        SettlementCalendarView calendar = aCalendar().build();

        assertThat(calendar.runsDueOn(day("2026-06-08"))).isEmpty();
        assertThat(calendar.dueDate(FRIDAY_5_JUNE, SF)).isEmpty();
    }

    @Test
    void everySettlementDayOf2026IsAmongTheRunsDueOnEachOfItsDueDates() {
        SettlementCalendarView calendar = aCalendar()
                .withRunSchedule(theUsualRunSchedule())
                .withBankHolidays(BANK_HOLIDAYS_2026)
                .build();
        SoftAssertions softly = new SoftAssertions();

        for (LocalDate settlementDay = day("2026-01-01");
                settlementDay.getYear() == 2026;
                settlementDay = settlementDay.plusDays(1)) {
            for (SettlementRunType runType : SettlementRunType.SCHEDULED) {
                LocalDate due = calendar.dueDate(settlementDay, runType).orElseThrow();
                softly.assertThat(calendar.runsDueOn(due))
                        .as("runs due on %s, the %s due date of %s", due, runType, settlementDay)
                        .contains(new RunDueView(settlementDay, runType));
            }
        }
        softly.assertAll();
    }

    @Test
    void everyRunDueOnADayOf2026HasThatDayAsItsDueDate() {
        SettlementCalendarView calendar = aCalendar()
                .withRunSchedule(theUsualRunSchedule())
                .withBankHolidays(BANK_HOLIDAYS_2026)
                .build();
        SoftAssertions softly = new SoftAssertions();

        for (LocalDate day = day("2026-01-01"); day.getYear() == 2026; day = day.plusDays(1)) {
            for (RunDueView run : calendar.runsDueOn(day)) {
                softly.assertThat(calendar.dueDate(run.settlementDate(), run.runType()))
                        .as("due date of %s", run)
                        .contains(day);
            }
        }
        softly.assertAll();
    }
}
