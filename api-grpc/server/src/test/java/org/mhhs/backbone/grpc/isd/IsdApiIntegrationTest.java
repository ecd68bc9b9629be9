package org.mhhs.backbone.grpc.isd;

import static java.time.Month.FEBRUARY;
import static java.time.Month.JANUARY;
import static java.time.Month.JULY;
import static java.time.Month.JUNE;
import static java.time.Month.MARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.preconditionViolations;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.HubClient.violatedFields;
import static org.mhhs.backbone.testing.MarketDays.lastYear;

import com.google.protobuf.Duration;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AddBankHolidayRequest;
import org.mhhs.backbone.grpc.v1.GetParticipantRequest;
import org.mhhs.backbone.grpc.v1.GetSettlementCalendarRequest;
import org.mhhs.backbone.grpc.v1.GrantRoleRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.ListGspGroupsRequest;
import org.mhhs.backbone.grpc.v1.ListParticipantsRequest;
import org.mhhs.backbone.grpc.v1.ListRunsDueRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.Participant;
import org.mhhs.backbone.grpc.v1.RegisterGspGroupRequest;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.RevokeRoleRequest;
import org.mhhs.backbone.grpc.v1.RolePeriod;
import org.mhhs.backbone.grpc.v1.RunDue;
import org.mhhs.backbone.grpc.v1.RunOffset;
import org.mhhs.backbone.grpc.v1.SetAppointmentResponseTimeoutRequest;
import org.mhhs.backbone.grpc.v1.SetRunScheduleRequest;
import org.mhhs.backbone.grpc.v1.SettlementRunType;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

/**
 * ISD end to end: the operator maintains standing data over gRPC; every participant reads it back. The hub is closed
 * afterwards: the settlement calendar test sets the run schedule, a bank holiday and the appointment time-out, which
 * no other test may find on the hub it runs on.
 */
@HubIntegrationTest
@DirtiesContext
class IsdApiIntegrationTest {

    @Autowired
    HubClient hub;

    @Test
    void operatorRegistersAParticipantGrantsRolesAndEveryoneReadsThemBack() {
        String supplier = MarketIds.mpid('S');
        register(supplier, "Supplier " + supplier);
        grant(supplier, MarketRole.MARKET_ROLE_SUPPLIER, lastYear(JANUARY, 1));
        grant(supplier, MarketRole.MARKET_ROLE_DATA_SERVICE, lastYear(JANUARY, 1), lastYear(JUNE, 30));

        Participant read = awaitParticipant(supplier, 2);

        assertThat(read.getName()).isEqualTo("Supplier " + supplier);
        assertThat(read.getRolesList())
                .containsExactlyInAnyOrder(
                        role(MarketRole.MARKET_ROLE_SUPPLIER, lastYear(JANUARY, 1)),
                        role(MarketRole.MARKET_ROLE_DATA_SERVICE, lastYear(JANUARY, 1), lastYear(JUNE, 30)));
        String ownToken = hub.tokenFor(supplier);
        Participant asAtJuly = hub.isd(ownToken)
                .getParticipant(GetParticipantRequest.newBuilder()
                        .setParticipantId(supplier)
                        .setAsAt(lastYear(JULY, 1).toString())
                        .build());
        assertThat(asAtJuly.getRolesList())
                .containsExactly(role(MarketRole.MARKET_ROLE_SUPPLIER, lastYear(JANUARY, 1)));
    }

    @Test
    void revokingARoleEndsItsPeriodOnTheLastDay() {
        String supplier = MarketIds.mpid('S');
        register(supplier, "Revoked supplier");
        grant(supplier, MarketRole.MARKET_ROLE_SUPPLIER, lastYear(JANUARY, 1));

        hub.operatorIsd()
                .revokeRole(RevokeRoleRequest.newBuilder()
                        .setHeader(newCommand())
                        .setParticipantId(supplier)
                        .setRole(MarketRole.MARKET_ROLE_SUPPLIER)
                        .setLastDay(lastYear(MARCH, 31).toString())
                        .build());

        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(participant(supplier).getRolesList())
                        .containsExactly(
                                role(MarketRole.MARKET_ROLE_SUPPLIER, lastYear(JANUARY, 1), lastYear(MARCH, 31))));
    }

    @Test
    void participantsAreListedByRoleAsAtADateInPages() {
        String first = MarketIds.mpid('Z');
        String second = MarketIds.mpid('Z');
        register(first, "Auditor one");
        register(second, "Auditor two");
        grant(first, MarketRole.MARKET_ROLE_AUDITOR, lastYear(JANUARY, 1), lastYear(JANUARY, 31));
        grant(second, MarketRole.MARKET_ROLE_AUDITOR, lastYear(JANUARY, 1));
        awaitParticipant(first, 1);
        awaitParticipant(second, 1);

        var inFebruary = hub.operatorIsd()
                .listParticipants(ListParticipantsRequest.newBuilder()
                        .setRole(MarketRole.MARKET_ROLE_AUDITOR)
                        .setAsAt(lastYear(FEBRUARY, 1).toString())
                        .setPageSize(1000)
                        .build());
        assertThat(inFebruary.getParticipantsList())
                .extracting(Participant::getParticipantId)
                .contains(second)
                .doesNotContain(first);

        var firstPage = hub.operatorIsd()
                .listParticipants(ListParticipantsRequest.newBuilder()
                        .setRole(MarketRole.MARKET_ROLE_AUDITOR)
                        .setPageSize(1)
                        .build());
        var secondPage = hub.operatorIsd()
                .listParticipants(ListParticipantsRequest.newBuilder()
                        .setRole(MarketRole.MARKET_ROLE_AUDITOR)
                        .setPageSize(1)
                        .setPageToken(firstPage.getNextPageToken())
                        .build());
        assertThat(firstPage.getParticipantsCount()).isEqualTo(1);
        assertThat(firstPage.getNextPageToken()).isNotEmpty();
        assertThat(secondPage.getParticipants(0).getParticipantId())
                .isGreaterThan(firstPage.getParticipants(0).getParticipantId());
    }

    @Test
    void aGspGroupIsOperatedByAParticipantHoldingTheDnoRole() {
        String dno = MarketIds.mpid('D');
        String notADno = MarketIds.mpid('S');
        register(dno, "Distribution " + dno);
        register(notADno, "Not a DNO");
        grant(dno, MarketRole.MARKET_ROLE_DNO, MarketDays.longAgo());
        awaitParticipant(dno, 1);
        long before = hub.storedEvents();

        var refused = refused(() -> hub.operatorIsd()
                .registerGspGroup(RegisterGspGroupRequest.newBuilder()
                        .setHeader(newCommand())
                        .setGspGroupId("_P")
                        .setName("North Scotland")
                        .setDnoId(notADno)
                        .build()));
        assertThat(code(refused)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refused)).isEqualTo("GspGroupDnoMustHoldDnoRole");
        assertThat(hub.storedEvents()).isEqualTo(before);

        registerGspGroupIfAbsent("_N", dno);
        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(hub.operatorIsd()
                                .listGspGroups(ListGspGroupsRequest.getDefaultInstance())
                                .getGspGroupsList())
                        .anySatisfy(g -> assertThat(g.getGspGroupId()).isEqualTo("_N")));
    }

    @Test
    void theSettlementCalendarSaysWhichRunsFallDueOnADate() {
        LocalDate wednesday = MarketDays.daysAgo(60).with(TemporalAdjusters.previousOrSame(DayOfWeek.WEDNESDAY));
        LocalDate mondayAfter = wednesday.plusDays(5);
        hub.operatorIsd()
                .setRunSchedule(SetRunScheduleRequest.newBuilder()
                        .setHeader(newCommand())
                        .addOffsets(offset(SettlementRunType.SETTLEMENT_RUN_TYPE_SF, 5))
                        .addOffsets(offset(SettlementRunType.SETTLEMENT_RUN_TYPE_R1, 16))
                        .addOffsets(offset(SettlementRunType.SETTLEMENT_RUN_TYPE_R2, 39))
                        .addOffsets(offset(SettlementRunType.SETTLEMENT_RUN_TYPE_R3, 83))
                        .addOffsets(offset(SettlementRunType.SETTLEMENT_RUN_TYPE_RF, 193))
                        .build());
        addBankHolidayIfAbsent(mondayAfter.toString(), "Bank holiday");
        hub.operatorIsd()
                .setAppointmentResponseTimeout(SetAppointmentResponseTimeoutRequest.newBuilder()
                        .setHeader(newCommand())
                        .setTimeout(Duration.newBuilder().setSeconds(48 * 3600))
                        .build());

        await().ignoreExceptions().untilAsserted(() -> {
            var calendar = hub.operatorIsd().getSettlementCalendar(GetSettlementCalendarRequest.getDefaultInstance());
            assertThat(calendar.getRunScheduleCount()).isEqualTo(5);
            assertThat(calendar.getBankHolidaysList())
                    .anySatisfy(h -> assertThat(h.getDate()).isEqualTo(mondayAfter.toString()));
            assertThat(calendar.getAppointmentResponseTimeout().getSeconds()).isEqualTo(48 * 3600);
        });
        // SF is 5 working days after the settlement day; the Monday after is a bank holiday, so the SF run of a
        // Wednesday falls due on the Thursday of the week after (Thursday, Friday, Tuesday, Wednesday, Thursday).
        var due = hub.operatorIsd()
                .listRunsDue(ListRunsDueRequest.newBuilder()
                        .setDate(wednesday.plusDays(8).toString())
                        .build());
        assertThat(due.getRunsList())
                .contains(RunDue.newBuilder()
                        .setSettlementDate(wednesday.toString())
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                        .build());
    }

    @Test
    void malformedRequestsAreRefusedWithEveryFieldViolationAndStoreNothing() {
        long before = hub.storedEvents();

        var refused = refused(() -> hub.operatorIsd()
                .grantRole(GrantRoleRequest.newBuilder()
                        .setParticipantId("abc!")
                        .setEffectiveFrom("2026-02-30") // no such day, whatever the year
                        .setEffectiveTo("yesterday")
                        .build()));

        assertThat(code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(refused))
                .containsExactlyInAnyOrder(
                        "header.command_id", "participant_id", "role", "effective_from", "effective_to");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void anUnknownGspGroupIdIsInvalid() {
        var refused = refused(() -> hub.operatorIsd()
                .registerGspGroup(RegisterGspGroupRequest.newBuilder()
                        .setHeader(newCommand())
                        .setGspGroupId("_Z")
                        .setName("Nowhere")
                        .setDnoId("DNOX")
                        .build()));

        assertThat(code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(refused)).containsExactly("gsp_group_id");
    }

    @Test
    void registeringAParticipantTwiceIsAlreadyExistsAndStoresNothing() {
        String supplier = MarketIds.mpid('S');
        register(supplier, "First");
        long before = hub.storedEvents();

        var refused = refused(() -> register(supplier, "Second"));

        assertThat(code(refused)).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(refused.getStatus().getDescription()).contains("participant " + supplier);
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void anOverlappingRolePeriodIsAFailedPreconditionNamingTheConflict() {
        String supplier = MarketIds.mpid('S');
        register(supplier, "Overlapping");
        grant(supplier, MarketRole.MARKET_ROLE_SUPPLIER, lastYear(JANUARY, 1), lastYear(JUNE, 30));
        long before = hub.storedEvents();

        var refused = refused(() -> grant(supplier, MarketRole.MARKET_ROLE_SUPPLIER, lastYear(JUNE, 30)));

        assertThat(code(refused)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refused)).isEqualTo("RolePeriodsMustNotOverlap");
        assertThat(preconditionViolations(refused))
                .singleElement()
                .satisfies(v -> assertThat(v.getSubject()).contains(lastYear(JANUARY, 1) + ".." + lastYear(JUNE, 30)));
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void grantingARoleToAnUnknownParticipantIsNotFound() {
        var refused = refused(() -> grant(MarketIds.mpid('U'), MarketRole.MARKET_ROLE_SUPPLIER, lastYear(JANUARY, 1)));

        assertThat(code(refused)).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void onlyTheOperatorMayChangeStandingData() {
        String supplier = MarketIds.mpid('S');
        register(supplier, "Would-be operator");
        grant(supplier, MarketRole.MARKET_ROLE_SUPPLIER, MarketDays.longAgo());
        awaitParticipant(supplier, 1);
        IsdServiceGrpc.IsdServiceBlockingStub asSupplier = hub.isd(hub.tokenFor(supplier));
        long before = hub.storedEvents();

        var refused = refused(() -> asSupplier.registerParticipant(RegisterParticipantRequest.newBuilder()
                .setHeader(newCommand())
                .setParticipantId(MarketIds.mpid('X'))
                .setName("Sneaky")
                .build()));

        assertThat(code(refused)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refused)).isEqualTo("RoleRequired");
        assertThat(hub.storedEvents()).isEqualTo(before);
        assertThat(asSupplier.listGspGroups(ListGspGroupsRequest.getDefaultInstance()))
                .isNotNull();
    }

    @Test
    void aCommandResentWithTheSameIdChangesNothing() {
        String supplier = MarketIds.mpid('S');
        var request = RegisterParticipantRequest.newBuilder()
                .setHeader(newCommand())
                .setParticipantId(supplier)
                .setName("Resent")
                .build();
        var first = hub.operatorIsd().registerParticipant(request);
        long after = hub.storedEvents();

        var again = hub.operatorIsd().registerParticipant(request);

        assertThat(first.getDuplicate()).isFalse();
        assertThat(again.getDuplicate()).isTrue();
        assertThat(again.getCommandId()).isEqualTo(first.getCommandId());
        assertThat(hub.storedEvents()).isEqualTo(after);
    }

    @Test
    void reusingACommandIdForADifferentCommandIsAlreadyExists() {
        var header = newCommand();
        hub.operatorIsd()
                .registerParticipant(RegisterParticipantRequest.newBuilder()
                        .setHeader(header)
                        .setParticipantId(MarketIds.mpid('S'))
                        .setName("One")
                        .build());
        long before = hub.storedEvents();

        var refused = refused(() -> hub.operatorIsd()
                .registerParticipant(RegisterParticipantRequest.newBuilder()
                        .setHeader(header)
                        .setParticipantId(MarketIds.mpid('S'))
                        .setName("Two")
                        .build()));

        assertThat(code(refused)).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(reason(refused)).isEqualTo("CommandIdReused");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    private void register(String id, String name) {
        hub.operatorIsd()
                .registerParticipant(RegisterParticipantRequest.newBuilder()
                        .setHeader(newCommand())
                        .setParticipantId(id)
                        .setName(name)
                        .build());
    }

    private void grant(String id, MarketRole role, LocalDate from) {
        grant(id, role, from.toString(), "");
    }

    private void grant(String id, MarketRole role, LocalDate from, LocalDate to) {
        grant(id, role, from.toString(), to.toString());
    }

    private void grant(String id, MarketRole role, String from, String to) {
        hub.operatorIsd()
                .grantRole(GrantRoleRequest.newBuilder()
                        .setHeader(newCommand())
                        .setParticipantId(id)
                        .setRole(role)
                        .setEffectiveFrom(from)
                        .setEffectiveTo(to)
                        .build());
    }

    private void registerGspGroupIfAbsent(String gspGroup, String dno) {
        try {
            hub.operatorIsd()
                    .registerGspGroup(RegisterGspGroupRequest.newBuilder()
                            .setHeader(newCommand())
                            .setGspGroupId(gspGroup)
                            .setName("Group " + gspGroup)
                            .setDnoId(dno)
                            .build());
        } catch (StatusRuntimeException e) {
            assertThat(code(e)).isEqualTo(Status.Code.ALREADY_EXISTS);
        }
    }

    private void addBankHolidayIfAbsent(String date, String name) {
        try {
            hub.operatorIsd()
                    .addBankHoliday(AddBankHolidayRequest.newBuilder()
                            .setHeader(newCommand())
                            .setDate(date)
                            .setName(name)
                            .build());
        } catch (StatusRuntimeException e) {
            assertThat(code(e)).isEqualTo(Status.Code.ALREADY_EXISTS);
        }
    }

    private Participant participant(String id) {
        return hub.operatorIsd()
                .getParticipant(
                        GetParticipantRequest.newBuilder().setParticipantId(id).build());
    }

    private Participant awaitParticipant(String id, int roles) {
        await().ignoreExceptions().until(() -> participant(id).getRolesCount() == roles);
        return participant(id);
    }

    private static RolePeriod role(MarketRole role, LocalDate from) {
        return role(role, from.toString(), "");
    }

    private static RolePeriod role(MarketRole role, LocalDate from, LocalDate to) {
        return role(role, from.toString(), to.toString());
    }

    private static RolePeriod role(MarketRole role, String from, String to) {
        return RolePeriod.newBuilder()
                .setRole(role)
                .setEffectiveFrom(from)
                .setEffectiveTo(to)
                .build();
    }

    private static RunOffset offset(SettlementRunType type, int days) {
        return RunOffset.newBuilder().setRunType(type).setWorkingDays(days).build();
    }
}
