package org.mhhs.backbone.isd;

import static org.mhhs.backbone.isd.RunScheduleBuilder.aRunSchedule;
import static org.mhhs.backbone.isd.RunScheduleBuilder.theUsualRunSchedule;
import static org.mhhs.backbone.isd.api.SettlementRunType.DF;
import static org.mhhs.backbone.isd.api.SettlementRunType.R1;
import static org.mhhs.backbone.isd.api.SettlementRunType.R2;
import static org.mhhs.backbone.isd.api.SettlementRunType.RF;
import static org.mhhs.backbone.isd.api.SettlementRunType.SF;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.ALREADY_EXISTS;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.INVALID;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.NOT_FOUND;
import static org.mhhs.backbone.kernel.testing.MarketFixture.day;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;

import java.time.Duration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mhhs.backbone.isd.api.AddBankHoliday;
import org.mhhs.backbone.isd.api.AppointmentResponseTimeoutChanged;
import org.mhhs.backbone.isd.api.BankHolidayAdded;
import org.mhhs.backbone.isd.api.BankHolidayRemoved;
import org.mhhs.backbone.isd.api.ChangeAppointmentResponseTimeout;
import org.mhhs.backbone.isd.api.ChangeFinalDisputeWindow;
import org.mhhs.backbone.isd.api.ChangeOfSupplierHorizonChanged;
import org.mhhs.backbone.isd.api.ChangeRunSchedule;
import org.mhhs.backbone.isd.api.FinalDisputeWindowChanged;
import org.mhhs.backbone.isd.api.MarketCalendar;
import org.mhhs.backbone.isd.api.RemoveBankHoliday;
import org.mhhs.backbone.isd.api.RunScheduleChanged;
import org.mhhs.backbone.isd.api.SetChangeOfSupplierHorizon;

class SettlementCalendarTest {

    private static final String CALENDAR = MarketCalendar.ID;
    private static final BankHolidayAdded NEW_YEARS_DAY =
            new BankHolidayAdded(CALENDAR, day("2026-01-01"), "New Year's Day");

    private FixtureConfiguration<SettlementCalendar> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SettlementCalendar.class);
    }

    @Test
    void theFirstBankHolidayListedStartsTheMarketCalendar() {
        fixture.givenNoPriorActivity()
                .when(new AddBankHoliday(day("2026-01-01"), " New Year's Day "))
                .expectEvents(NEW_YEARS_DAY);
    }

    @Test
    void operatorListsABankHolidayOnAWeekday() {
        fixture.given(NEW_YEARS_DAY)
                .when(new AddBankHoliday(day("2026-04-03"), "Good Friday"))
                .expectEvents(new BankHolidayAdded(CALENDAR, day("2026-04-03"), "Good Friday"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-26", "2026-12-27"})
    void aBankHolidayFallingAtTheWeekendCannotBeListed(String weekendDay) {
        fixture.given(NEW_YEARS_DAY)
                .when(new AddBankHoliday(day(weekendDay), "Boxing Day"))
                .expectNoEvents()
                .expectException(aViolationOf(BankHolidayOnWeekday.RULE, INVALID));
    }

    @Test
    void aBankHolidayCannotBeListedWithoutAName() {
        fixture.given(NEW_YEARS_DAY)
                .when(new AddBankHoliday(day("2026-04-03"), " "))
                .expectNoEvents()
                .expectException(aViolationOf(BankHolidayName.RULE, INVALID));
    }

    @Test
    void aBankHolidayIsListedOnlyOnce() {
        fixture.given(NEW_YEARS_DAY)
                .when(new AddBankHoliday(day("2026-01-01"), "New Year"))
                .expectNoEvents()
                .expectException(aViolationOf(BankHolidayListedOnce.RULE, ALREADY_EXISTS));
    }

    @Test
    void operatorRemovesAListedBankHoliday() {
        fixture.given(NEW_YEARS_DAY)
                .when(new RemoveBankHoliday(day("2026-01-01")))
                .expectEvents(new BankHolidayRemoved(CALENDAR, day("2026-01-01")));
    }

    @Test
    void aDayThatIsNotABankHolidayCannotBeRemoved() {
        fixture.given(NEW_YEARS_DAY)
                .when(new RemoveBankHoliday(day("2026-01-02")))
                .expectNoEvents()
                .expectException(aViolationOf(BankHolidayMustBeListed.RULE, NOT_FOUND));
    }

    @Test
    void aRemovedBankHolidayCanBeListedAgain() {
        fixture.given(NEW_YEARS_DAY, new BankHolidayRemoved(CALENDAR, day("2026-01-01")))
                .when(new AddBankHoliday(day("2026-01-01"), "New Year's Day"))
                .expectEvents(NEW_YEARS_DAY);
    }

    @Test
    void operatorSetsACompleteRunScheduleInWhichEachRunFallsDueAfterThePreviousOne() {
        fixture.givenNoPriorActivity()
                .when(new ChangeRunSchedule(theUsualRunSchedule()))
                .expectEvents(new RunScheduleChanged(CALENDAR, theUsualRunSchedule()));
    }

    @Test
    void operatorChangesTheRunSchedule() {
        fixture.given(new RunScheduleChanged(CALENDAR, theUsualRunSchedule()))
                .when(new ChangeRunSchedule(aRunSchedule().with(SF, 4).build()))
                .expectEvents(new RunScheduleChanged(
                        CALENDAR, aRunSchedule().with(SF, 4).build()));
    }

    @Test
    void aRunScheduleWithoutR2IsRejected() {
        fixture.givenNoPriorActivity()
                .when(new ChangeRunSchedule(aRunSchedule().without(R2).build()))
                .expectNoEvents()
                .expectException(aViolationOf(RunScheduleMustBeComplete.RULE, INVALID));
    }

    @Test
    void aRunScheduleCannotScheduleTheDisputeRun() {
        fixture.givenNoPriorActivity()
                .when(new ChangeRunSchedule(aRunSchedule().with(DF, 250).build()))
                .expectNoEvents()
                .expectException(aViolationOf(RunScheduleMustBeComplete.RULE, INVALID));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 4})
    void aRunScheduleInWhichR1IsNotDueAfterSfIsRejected(int r1WorkingDays) {
        fixture.givenNoPriorActivity()
                .when(new ChangeRunSchedule(
                        aRunSchedule().with(R1, r1WorkingDays).build()))
                .expectNoEvents()
                .expectException(aViolationOf(RunScheduleMustBeComplete.RULE, INVALID));
    }

    @Test
    void aRunCannotFallDueOnTheSettlementDayItself() {
        fixture.givenNoPriorActivity()
                .when(new ChangeRunSchedule(aRunSchedule().with(SF, 0).build()))
                .expectNoEvents()
                .expectException(aViolationOf(RunScheduleMustBeComplete.RULE, INVALID));
    }

    @Test
    void aRunMayFallDueAThousandWorkingDaysAfterTheSettlementDay() {
        fixture.givenNoPriorActivity()
                .when(new ChangeRunSchedule(aRunSchedule().with(RF, 1000).build()))
                .expectEvents(new RunScheduleChanged(
                        CALENDAR, aRunSchedule().with(RF, 1000).build()));
    }

    @Test
    void aRunCannotFallDueMoreThanAThousandWorkingDaysAfterTheSettlementDay() {
        fixture.givenNoPriorActivity()
                .when(new ChangeRunSchedule(aRunSchedule().with(RF, 1001).build()))
                .expectNoEvents()
                .expectException(aViolationOf(RunScheduleMustBeComplete.RULE, INVALID));
    }

    @Test
    void settingTheSameRunScheduleAgainChangesNothing() {
        fixture.given(new RunScheduleChanged(CALENDAR, theUsualRunSchedule()))
                .when(new ChangeRunSchedule(theUsualRunSchedule()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void operatorGivesServicesFortyEightHoursToAnswerAnAppointmentRequest() {
        fixture.givenNoPriorActivity()
                .when(new ChangeAppointmentResponseTimeout(Duration.ofHours(48)))
                .expectEvents(new AppointmentResponseTimeoutChanged(CALENDAR, Duration.ofHours(48)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT1M", "P30D"})
    void appointmentTimeOutMayBeAnywhereFromAMinuteToThirtyDays(String timeout) {
        fixture.givenNoPriorActivity()
                .when(new ChangeAppointmentResponseTimeout(Duration.parse(timeout)))
                .expectEvents(new AppointmentResponseTimeoutChanged(CALENDAR, Duration.parse(timeout)));
    }

    @Test
    void appointmentTimeOutCannotBeShorterThanAMinute() {
        fixture.givenNoPriorActivity()
                .when(new ChangeAppointmentResponseTimeout(Duration.ofSeconds(30)))
                .expectNoEvents()
                .expectException(aViolationOf(AppointmentResponseTimeoutRange.RULE, INVALID));
    }

    @Test
    void appointmentTimeOutCannotBeLongerThanThirtyDays() {
        fixture.givenNoPriorActivity()
                .when(new ChangeAppointmentResponseTimeout(Duration.ofDays(31)))
                .expectNoEvents()
                .expectException(aViolationOf(AppointmentResponseTimeoutRange.RULE, INVALID));
    }

    @Test
    void settingTheSameAppointmentTimeOutAgainChangesNothing() {
        fixture.given(new AppointmentResponseTimeoutChanged(CALENDAR, Duration.ofHours(48)))
                .when(new ChangeAppointmentResponseTimeout(Duration.ofHours(48)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void operatorSetsTheFinalDisputeWindowToTwentyEightMonths() {
        fixture.givenNoPriorActivity()
                .when(new ChangeFinalDisputeWindow(28))
                .expectEvents(new FinalDisputeWindowChanged(CALENDAR, 28));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 120})
    void finalDisputeWindowMayBeAnywhereFromOneToAHundredAndTwentyMonths(int months) {
        fixture.givenNoPriorActivity()
                .when(new ChangeFinalDisputeWindow(months))
                .expectEvents(new FinalDisputeWindowChanged(CALENDAR, months));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 121})
    void finalDisputeWindowOutsideOneToAHundredAndTwentyMonthsIsRejected(int months) {
        fixture.givenNoPriorActivity()
                .when(new ChangeFinalDisputeWindow(months))
                .expectNoEvents()
                .expectException(aViolationOf(FinalDisputeWindowRange.RULE, INVALID));
    }

    @Test
    void settingTheSameFinalDisputeWindowAgainChangesNothing() {
        fixture.given(new FinalDisputeWindowChanged(CALENDAR, 28))
                .when(new ChangeFinalDisputeWindow(28))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void operatorSetsTheChangeOfSupplierHorizonToFourteenDays() {
        fixture.givenNoPriorActivity()
                .when(new SetChangeOfSupplierHorizon(14))
                .expectEvents(new ChangeOfSupplierHorizonChanged(CALENDAR, 14));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 365})
    void theChangeOfSupplierHorizonMayBeAnywhereFromOneDayToAYear(int days) {
        fixture.givenNoPriorActivity()
                .when(new SetChangeOfSupplierHorizon(days))
                .expectEvents(new ChangeOfSupplierHorizonChanged(CALENDAR, days));
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 366})
    void aChangeOfSupplierHorizonOutsideOneDayToAYearIsRejected(int days) {
        fixture.givenNoPriorActivity()
                .when(new SetChangeOfSupplierHorizon(days))
                .expectNoEvents()
                .expectException(aViolationOf(ChangeOfSupplierHorizonRange.RULE, INVALID));
    }

    @Test
    void settingTheSameChangeOfSupplierHorizonAgainChangesNothing() {
        fixture.given(new ChangeOfSupplierHorizonChanged(CALENDAR, 28))
                .when(new SetChangeOfSupplierHorizon(28))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
