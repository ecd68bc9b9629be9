package org.mhhs.backbone.grpc.isd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.preconditionViolations;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.HubClient.violatedFields;

import com.google.protobuf.Duration;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AddBankHolidayRequest;
import org.mhhs.backbone.grpc.v1.ChangeGspGroupDnoRequest;
import org.mhhs.backbone.grpc.v1.GetParticipantRequest;
import org.mhhs.backbone.grpc.v1.GetSettlementCalendarRequest;
import org.mhhs.backbone.grpc.v1.GrantRoleRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.RemoveBankHolidayRequest;
import org.mhhs.backbone.grpc.v1.RevokeRoleRequest;
import org.mhhs.backbone.grpc.v1.RunOffset;
import org.mhhs.backbone.grpc.v1.SetAppointmentResponseTimeoutRequest;
import org.mhhs.backbone.grpc.v1.SetChangeOfSupplierHorizonRequest;
import org.mhhs.backbone.grpc.v1.SetFinalDisputeWindowRequest;
import org.mhhs.backbone.grpc.v1.SetRunScheduleRequest;
import org.mhhs.backbone.grpc.v1.SettlementRunType;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rules of industry standing data, broken through gRPC by the operator: each answers its status and rule as the
 * ErrorInfo reason, and stores nothing. The calendar is shared by every test of this hub, so only refusals touch it,
 * bar one far-future bank holiday that the test removes again.
 */
@HubIntegrationTest
class StandingDataRulesApiIntegrationTest {

    private static final LocalDate TODAY = MarketDays.today();

    @Autowired
    HubClient hub;

    @Test
    void revokingARoleTheParticipantDoesNotHoldOnTheLastDayIsAFailedPrecondition() {
        String supplier = MarketIds.mpid('S');
        register(supplier);
        grant(supplier, MarketRole.MARKET_ROLE_SUPPLIER, TODAY.minusDays(30));
        await().ignoreExceptions()
                .until(() -> hub.operatorIsd()
                                .getParticipant(GetParticipantRequest.newBuilder()
                                        .setParticipantId(supplier)
                                        .build())
                                .getRolesCount()
                        == 1);
        long before = hub.storedEvents();

        var beforeItsRole = refused(() -> revoke(supplier, MarketRole.MARKET_ROLE_SUPPLIER, TODAY.minusDays(31)));
        var neverHeld = refused(() -> revoke(supplier, MarketRole.MARKET_ROLE_DNO, TODAY));

        for (StatusRuntimeException refusal : java.util.List.of(beforeItsRole, neverHeld)) {
            assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(reason(refusal)).isEqualTo("RoleMustBeHeldOnLastDay");
        }
        assertThat(preconditionViolations(neverHeld))
                .singleElement()
                .satisfies(v -> assertThat(v.getSubject()).isEqualTo(supplier + "/DNO"));
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void aBankHolidayOnASaturdayIsInvalid() {
        LocalDate saturday = TODAY.plusYears(30).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        long before = hub.storedEvents();

        var refusal = refused(() -> addBankHoliday(saturday));

        assertThat(code(refusal)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(reason(refusal)).isEqualTo("BankHolidayOnWeekday");
        assertThat(violatedFields(refusal)).containsExactly("date");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void aBankHolidayListedAgainAlreadyExistsAndOneNoLongerListedCannotBeRemoved() {
        LocalDate wednesday = TODAY.plusYears(31).with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY));
        addBankHoliday(wednesday);
        long listed = hub.storedEvents();

        var again = refused(() -> addBankHoliday(wednesday));
        assertThat(hub.storedEvents()).isEqualTo(listed);
        removeBankHoliday(wednesday);
        long removed = hub.storedEvents();
        var notListed = refused(() -> removeBankHoliday(wednesday));

        assertThat(code(again)).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(reason(again)).isEqualTo("BankHolidayListedOnce");
        assertThat(code(notListed)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(notListed)).isEqualTo("BankHolidayMustBeListed");
        assertThat(hub.storedEvents()).isEqualTo(removed);
        await().untilAsserted(() -> assertThat(hub.operatorIsd()
                        .getSettlementCalendar(GetSettlementCalendarRequest.getDefaultInstance())
                        .getBankHolidaysList())
                .noneSatisfy(holiday -> assertThat(holiday.getDate()).isEqualTo(wednesday.toString())));
    }

    @Test
    void aRunScheduleWithoutEveryScheduledRunIsInvalid() {
        long before = hub.storedEvents();

        var refusal = refused(() -> hub.operatorIsd()
                .setRunSchedule(SetRunScheduleRequest.newBuilder()
                        .setHeader(newCommand())
                        .addOffsets(RunOffset.newBuilder()
                                .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                                .setWorkingDays(5))
                        .build()));

        assertThat(code(refusal)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(reason(refusal)).isEqualTo("RunScheduleMustBeComplete");
        assertThat(violatedFields(refusal)).containsExactly("offsets");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void anAppointmentResponseTimeoutUnderAMinuteIsInvalid() {
        long before = hub.storedEvents();

        var refusal = refused(() -> hub.operatorIsd()
                .setAppointmentResponseTimeout(SetAppointmentResponseTimeoutRequest.newBuilder()
                        .setHeader(newCommand())
                        .setTimeout(Duration.newBuilder().setSeconds(59))
                        .build()));

        assertThat(code(refusal)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(reason(refusal)).isEqualTo("AppointmentResponseTimeoutRange");
        assertThat(violatedFields(refusal)).containsExactly("timeout");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void aFinalDisputeWindowOfNoMonthsIsInvalid() {
        long before = hub.storedEvents();

        var refusal = refused(() -> hub.operatorIsd()
                .setFinalDisputeWindow(SetFinalDisputeWindowRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMonths(0)
                        .build()));

        assertThat(code(refusal)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(reason(refusal)).isEqualTo("FinalDisputeWindowRange");
        assertThat(violatedFields(refusal)).containsExactly("months");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void aChangeOfSupplierHorizonOfNoDaysOrOverAYearIsInvalid() {
        long before = hub.storedEvents();

        for (int days : new int[] {0, 366}) {
            var refusal = refused(() -> hub.operatorIsd()
                    .setChangeOfSupplierHorizon(SetChangeOfSupplierHorizonRequest.newBuilder()
                            .setHeader(newCommand())
                            .setDays(days)
                            .build()));

            assertThat(code(refusal)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(reason(refusal)).isEqualTo("ChangeOfSupplierHorizonRange");
            assertThat(violatedFields(refusal)).containsExactly("days");
        }
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void registeringAParticipantAgainIsAlreadyExistsAndGrantingToAnUnknownOneIsNotFound() {
        String participant = MarketIds.mpid('P');
        register(participant);
        long before = hub.storedEvents();

        var again = refused(() -> register(participant));
        var unknown = refused(() -> grant(MarketIds.mpid('U'), MarketRole.MARKET_ROLE_SUPPLIER, TODAY.minusDays(1)));

        assertThat(code(again)).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(reason(again)).isEqualTo("AlreadyExists");
        assertThat(code(unknown)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(unknown)).isEqualTo("NotFound");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void aChangeOfDnoTakesEffectTodayAtTheEarliestAndAfterTheChangeAlreadyScheduled() {
        String group = new Market(hub).gspGroup("_P").getGspGroupId();
        String dno = Market.register(hub.operatorIsd(), MarketIds.mpid('D'), MarketRole.MARKET_ROLE_DNO);
        // far enough ahead that no other test's days see the new DNO
        LocalDate scheduled = TODAY.plusYears(20);
        changeDno(group, dno, scheduled);
        String another = Market.register(hub.operatorIsd(), MarketIds.mpid('D'), MarketRole.MARKET_ROLE_DNO);
        await().until(() -> hub.storedEvents() > 0);
        long before = hub.storedEvents();

        var inThePast = refused(() -> changeDno(group, another, TODAY.minusDays(1)));
        var beforeTheScheduledOne = refused(() -> changeDno(group, another, scheduled.minusDays(1)));
        var sameDay = refused(() -> changeDno(group, another, scheduled));
        var noDate = refused(() -> changeDno(group, another, null));

        assertThat(code(inThePast)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(inThePast)).isEqualTo("DnoChangeNotInThePast");
        for (StatusRuntimeException refusal : java.util.List.of(beforeTheScheduledOne, sameDay)) {
            assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(reason(refusal)).isEqualTo("DnoChangesInOrder");
        }
        assertThat(code(noDate)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(noDate)).containsExactly("effective_from");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    private void changeDno(String group, String dno, LocalDate from) {
        hub.operatorIsd()
                .changeGspGroupDno(ChangeGspGroupDnoRequest.newBuilder()
                        .setHeader(newCommand())
                        .setGspGroupId(group)
                        .setDnoId(dno)
                        .setEffectiveFrom(from == null ? "" : from.toString())
                        .build());
    }

    private void register(String participant) {
        hub.operatorIsd()
                .registerParticipant(RegisterParticipantRequest.newBuilder()
                        .setHeader(newCommand())
                        .setParticipantId(participant)
                        .setName("Participant " + participant)
                        .build());
    }

    private void grant(String participant, MarketRole role, LocalDate from) {
        hub.operatorIsd()
                .grantRole(GrantRoleRequest.newBuilder()
                        .setHeader(newCommand())
                        .setParticipantId(participant)
                        .setRole(role)
                        .setEffectiveFrom(from.toString())
                        .build());
    }

    private void revoke(String participant, MarketRole role, LocalDate lastDay) {
        hub.operatorIsd()
                .revokeRole(RevokeRoleRequest.newBuilder()
                        .setHeader(newCommand())
                        .setParticipantId(participant)
                        .setRole(role)
                        .setLastDay(lastDay.toString())
                        .build());
    }

    private void addBankHoliday(LocalDate date) {
        hub.operatorIsd()
                .addBankHoliday(AddBankHolidayRequest.newBuilder()
                        .setHeader(newCommand())
                        .setDate(date.toString())
                        .setName("Test holiday")
                        .build());
    }

    private void removeBankHoliday(LocalDate date) {
        hub.operatorIsd()
                .removeBankHoliday(RemoveBankHolidayRequest.newBuilder()
                        .setHeader(newCommand())
                        .setDate(date.toString())
                        .build());
    }
}
