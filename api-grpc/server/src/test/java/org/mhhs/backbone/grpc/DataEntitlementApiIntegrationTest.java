package org.mhhs.backbone.grpc;

import static java.time.Month.JUNE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.MarketDays.lastYear;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AllocatedVolume;
import org.mhhs.backbone.grpc.v1.AnswerServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.Appointment;
import org.mhhs.backbone.grpc.v1.AppointmentState;
import org.mhhs.backbone.grpc.v1.ChangeGspGroupDnoRequest;
import org.mhhs.backbone.grpc.v1.ChangeMeteringPointDetailsRequest;
import org.mhhs.backbone.grpc.v1.Consumption;
import org.mhhs.backbone.grpc.v1.EndServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetConsumptionRequest;
import org.mhhs.backbone.grpc.v1.GetMeteringPointRequest;
import org.mhhs.backbone.grpc.v1.GetResponsibilityRequest;
import org.mhhs.backbone.grpc.v1.GetTimelineRequest;
import org.mhhs.backbone.grpc.v1.ListAllocatedVolumesRequest;
import org.mhhs.backbone.grpc.v1.ListConsumptionVersionsRequest;
import org.mhhs.backbone.grpc.v1.ListConsumptionVersionsResponse;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringPoint;
import org.mhhs.backbone.grpc.v1.MeteringPointDetails;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.Responsibility;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.backbone.grpc.v1.TimelineEntry;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.Registrations;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each relation that entitles a participant to a settlement day of an MPAN, and the refusal of a day outside it,
 * through gRPC on PostgreSQL: a gaining supplier before its first day, a losing supplier after its last, a service
 * after its de-appointment, a rejected or unanswered service, a DNO before and after a change of DNO (of the GSP group
 * in ISD, and of the metering point's GSP group), CENTRAL_SETTLEMENT outside its role period, and a stranger, refused
 * alike for an MPAN or an appointment that exists and one that does not.
 */
@HubIntegrationTest
class DataEntitlementApiIntegrationTest {

    private static final String OPERATOR = "OPER";
    /** No other test uses (or changes the DNO of) this GSP group. */
    private static final String GROUP_CHANGING_DNO = "_L";

    private static final LocalDate FIRST = lastYear(JUNE, 1);
    private static final LocalDate SECOND = lastYear(JUNE, 2);

    @Autowired
    HubClient hub;

    Market market;
    SettlementMarket settlementMarket;
    Parties parties;
    String mpan;

    @BeforeEach
    void aMeteringPointWithItsSupplierAndDataServiceAndADayOfConsumption() {
        market = new Market(hub);
        settlementMarket = new SettlementMarket(hub, market);
        parties = settlementMarket.parties("_A");
        mpan = settlementMarket.meteringPoint(parties);
        submit(parties.dataService(), FIRST);
    }

    @Test
    void aGainingSupplierSeesTheDetailsAndServicesFromItsFirstDayButNothingBefore() {
        String gaining = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        LocalDate from = MarketDays.daysAhead(3);

        market.registration(gaining).registerSupplier(Registrations.supplier(mpan, from.toString()));

        await().ignoreExceptions()
                .until(() -> responsibility(gaining, from).getSupplierId().equals(gaining));
        assertRefused(() -> consumption(gaining, FIRST));
        assertRefused(() -> versions(gaining, FIRST));
        assertRefused(() -> responsibility(gaining, FIRST));
        assertRefused(() -> responsibility(gaining, from.minusDays(1)));
        assertThat(meteringPoint(gaining).getDetailsList())
                .extracting(MeteringPointDetails::getEffectiveFrom, MeteringPointDetails::getEffectiveTo)
                .containsExactly(tuple(from.toString(), ""));
        assertThat(timeline(gaining))
                .containsExactlyInAnyOrder(
                        entry(MarketRole.MARKET_ROLE_SUPPLIER, gaining, from, null),
                        entry(MarketRole.MARKET_ROLE_DATA_SERVICE, parties.dataService(), from, null));
    }

    @Test
    void aLosingSupplierSeesNothingAfterItsLastDay() {
        String gaining = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        LocalDate from = MarketDays.daysAhead(3);
        LocalDate lastDay = from.minusDays(1);

        market.registration(gaining).registerSupplier(Registrations.supplier(mpan, from.toString()));

        await().ignoreExceptions()
                .until(() -> responsibility(gaining, from).getSupplierId().equals(gaining));
        assertRefused(() -> responsibility(parties.supplier(), from));
        assertThat(responsibility(parties.supplier(), lastDay).getSupplierId()).isEqualTo(parties.supplier());
        assertThat(consumption(parties.supplier(), FIRST).getReadingsCount()).isEqualTo(48);
        assertThat(timeline(parties.supplier()))
                .containsExactlyInAnyOrder(
                        entry(MarketRole.MARKET_ROLE_SUPPLIER, parties.supplier(), MarketDays.meteringFrom(), lastDay),
                        entry(
                                MarketRole.MARKET_ROLE_DATA_SERVICE,
                                parties.dataService(),
                                MarketDays.meteringFrom(),
                                lastDay));
        assertThat(meteringPoint(parties.supplier()).getDetailsList())
                .singleElement()
                .satisfies(details -> assertThat(details.getEffectiveTo()).isEqualTo(lastDay.toString()));
    }

    @Test
    void aDeAppointedDataServiceSeesNothingAfterItsLastDay() {
        market.registration(parties.supplier())
                .endServiceAppointment(EndServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setRole(ServiceRole.SERVICE_ROLE_DATA_SERVICE)
                        .setLastDay(FIRST.toString())
                        .build());
        String next = market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE);
        accept(next, request(ServiceRole.SERVICE_ROLE_DATA_SERVICE, next, SECOND));
        submit(next, SECOND);

        assertThat(consumption(parties.dataService(), FIRST).getReadingsCount()).isEqualTo(48);
        assertRefused(() -> consumption(parties.dataService(), SECOND));
        assertRefused(() -> versions(parties.dataService(), SECOND));
        assertRefused(() -> responsibility(parties.dataService(), SECOND));
        assertRefused(() -> consumption(next, FIRST));
        assertThat(await().ignoreExceptions()
                        .until(() -> consumption(next, SECOND), c -> true)
                        .getReadingsCount())
                .isEqualTo(48);
    }

    @Test
    void aRejectedServiceAndOneThatHasNotAnsweredSeeNothingButTheirAppointment() {
        String meteringService = market.participant('M', MarketRole.MARKET_ROLE_METERING_SERVICE);
        String rejected = request(ServiceRole.SERVICE_ROLE_METERING_SERVICE, meteringService, FIRST);
        market.registration(meteringService)
                .rejectServiceAppointment(AnswerServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setAppointmentId(rejected)
                        .setReason("not in our area")
                        .build());
        String dataService = market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE);
        String unanswered = request(ServiceRole.SERVICE_ROLE_DATA_SERVICE, dataService, SECOND);

        await().ignoreExceptions()
                .until(() -> appointment(dataService, unanswered).getState()
                        == AppointmentState.APPOINTMENT_STATE_REQUESTED);
        assertThat(appointment(meteringService, rejected).getState())
                .isEqualTo(AppointmentState.APPOINTMENT_STATE_REJECTED);
        for (String service : List.of(meteringService, dataService)) {
            assertRefused(() -> consumption(service, FIRST));
            assertRefused(() -> versions(service, SECOND));
            assertRefused(() -> responsibility(service, SECOND));
            assertRefused(() -> timeline(service));
            assertRefused(() -> meteringPoint(service));
        }
    }

    @Test
    void theDnoOfTheGspGroupOnTheDayReadsItsDataAndTheNextDnoOnlyFromItsFirstDay() {
        Parties inL = settlementMarket.parties(GROUP_CHANGING_DNO);
        String mpanInL = settlementMarket.meteringPoint(inL);
        settlementMarket.submit(inL.dataService(), mpanInL, FIRST.toString(), "0.250");
        String before = inL.dno();
        String after = market.participant('D', MarketRole.MARKET_ROLE_DNO);
        LocalDate change = MarketDays.daysAhead(3);

        changeDno(after, change);

        await().ignoreExceptions()
                .until(() -> responsibility(after, mpanInL, change).getMpan().equals(mpanInL));
        assertThat(await().ignoreExceptions()
                        .until(() -> consumption(before, mpanInL, FIRST), c -> true)
                        .getReadingsCount())
                .isEqualTo(48);
        assertThat(responsibility(before, mpanInL, change.minusDays(1)).getGspGroupId())
                .isEqualTo(GROUP_CHANGING_DNO);
        assertRefused(() -> responsibility(before, mpanInL, change));
        assertRefused(() -> consumption(after, mpanInL, FIRST));
        assertRefused(() -> responsibility(after, mpanInL, change.minusDays(1)));
        assertThat(timeline(after, mpanInL))
                .containsExactlyInAnyOrder(
                        entry(MarketRole.MARKET_ROLE_SUPPLIER, inL.supplier(), change, null),
                        entry(MarketRole.MARKET_ROLE_DATA_SERVICE, inL.dataService(), change, null));
        assertThat(await().until(() -> volumes(before, FIRST, GROUP_CHANGING_DNO), cells -> !cells.isEmpty()))
                .allSatisfy(cell -> assertThat(cell.getGspGroupId()).isEqualTo(GROUP_CHANGING_DNO));
        assertRefused(() -> volumes(after, FIRST, GROUP_CHANGING_DNO));
        assertThat(volumes(after, change, GROUP_CHANGING_DNO)).isEmpty();
        assertRefused(() -> volumes(before, change, GROUP_CHANGING_DNO));
        var rewritingThePast = refused(() -> changeDno(before, MarketDays.daysAgo(1)));
        var beforeTheScheduledChange = refused(() -> changeDno(before, change.minusDays(1)));
        assertThat(reason(rewritingThePast)).isEqualTo("DnoChangeNotInThePast");
        assertThat(reason(beforeTheScheduledChange)).isEqualTo("DnoChangesInOrder");
    }

    private void changeDno(String dno, LocalDate from) {
        hub.operatorIsd()
                .changeGspGroupDno(ChangeGspGroupDnoRequest.newBuilder()
                        .setHeader(newCommand())
                        .setGspGroupId(GROUP_CHANGING_DNO)
                        .setDnoId(dno)
                        .setEffectiveFrom(from.toString())
                        .build());
    }

    @Test
    void theDnoFollowsTheGspGroupOfTheMeteringPointsDetailsOnEachDay() {
        String dnoOfA = parties.dno();
        String dnoOfC = market.gspGroup("_C").getDnoId();
        assertThat(dnoOfC).as("the DNOs of _A and _C").isNotEqualTo(dnoOfA);
        market.registration(parties.registrationService())
                .changeMeteringPointDetails(ChangeMeteringPointDetailsRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setGspGroupId("_C")
                        .setEffectiveFrom(SECOND.toString())
                        .build());
        submit(parties.dataService(), SECOND);

        await().ignoreExceptions().until(() -> consumption(dnoOfC, SECOND).getReadingsCount() == 48);
        assertThat(consumption(dnoOfA, FIRST).getReadingsCount()).isEqualTo(48);
        assertRefused(() -> consumption(dnoOfA, SECOND));
        assertRefused(() -> consumption(dnoOfC, FIRST));
        assertThat(meteringPoint(dnoOfC).getDetailsList())
                .extracting(MeteringPointDetails::getGspGroupId, MeteringPointDetails::getEffectiveFrom)
                .containsExactly(tuple("_C", SECOND.toString()));
    }

    @Test
    void centralSettlementReadsTheDaysOfItsRolePeriodsOnly() {
        String fromTheSecond = Market.register(
                hub.operatorIsd(), MarketIds.mpid('Z'), MarketRole.MARKET_ROLE_CENTRAL_SETTLEMENT, SECOND, null);
        String untilTheFirst = Market.register(
                hub.operatorIsd(),
                MarketIds.mpid('Z'),
                MarketRole.MARKET_ROLE_CENTRAL_SETTLEMENT,
                MarketDays.longAgo(),
                FIRST);
        submit(parties.dataService(), SECOND);

        assertThat(await().ignoreExceptions()
                        .until(() -> consumption(fromTheSecond, SECOND), c -> true)
                        .getReadingsCount())
                .isEqualTo(48);
        assertRefused(() -> consumption(fromTheSecond, FIRST));
        assertRefused(() -> versions(fromTheSecond, FIRST));
        assertThat(consumption(untilTheFirst, FIRST).getReadingsCount()).isEqualTo(48);
        assertRefused(() -> consumption(untilTheFirst, SECOND));
        assertThat(await().until(() -> volumes(fromTheSecond, SECOND, "_A"), cells -> !cells.isEmpty()))
                .extracting(AllocatedVolume::getSupplierId)
                .contains(parties.supplier());
        assertRefused(() -> volumes(fromTheSecond, FIRST, "_A"));
    }

    @Test
    void aStrangerIsRefusedAlikeWhetherTheMeteringPointExistsOrNot() {
        String stranger = Market.register(
                hub.operatorIsd(),
                MarketIds.mpid('X'),
                MarketRole.MARKET_ROLE_SUPPLIER,
                MarketRole.MARKET_ROLE_DATA_SERVICE,
                MarketRole.MARKET_ROLE_METERING_SERVICE,
                MarketRole.MARKET_ROLE_DNO,
                MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        String noRole = Market.register(hub.operatorIsd(), MarketIds.mpid('N'));
        String unknown = Market.newMpan();
        List<Function<String, Runnable>> reads = List.of(
                point -> () -> consumption(stranger, point, FIRST),
                point -> () -> versions(stranger, point, FIRST),
                point -> () -> responsibility(stranger, point, FIRST),
                point -> () -> timeline(stranger, point),
                point -> () -> meteringPoint(stranger, point),
                point -> () -> consumption(noRole, point, FIRST),
                point -> () -> timeline(noRole, point));

        for (Function<String, Runnable> read : reads) {
            StatusRuntimeException ofAnExistingOne = assertRefused(read.apply(mpan));
            StatusRuntimeException ofNone = assertRefused(read.apply(unknown));

            assertThat(ofAnExistingOne.getStatus().getDescription().replace(mpan, "MPAN"))
                    .isEqualTo(ofNone.getStatus().getDescription().replace(unknown, "MPAN"))
                    .doesNotContain(parties.supplier(), parties.dataService(), parties.registrationService());
        }
    }

    @Test
    void anAppointmentIdIsRandomAndOnlyTheRequestingSupplierAndTheRequestedServiceReadTheAppointment() {
        String meteringService = market.participant('M', MarketRole.MARKET_ROLE_METERING_SERVICE);
        String otherSupplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String commandId = UUID.randomUUID().toString();
        String id = market.registration(parties.supplier())
                .requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand().toBuilder().setCommandId(commandId))
                        .setMpan(mpan)
                        .setRole(ServiceRole.SERVICE_ROLE_METERING_SERVICE)
                        .setServiceId(meteringService)
                        .setEffectiveFrom(SECOND.toString())
                        .build())
                .getAppointmentId();
        String unknown = UUID.randomUUID().toString();

        assertThat(id)
                .isNotEqualTo(
                        UUID.nameUUIDFromBytes((parties.supplier() + "/" + commandId).getBytes(StandardCharsets.UTF_8))
                                .toString());
        await().ignoreExceptions()
                .until(() -> appointment(parties.supplier(), id).getServiceId().equals(meteringService));
        assertThat(appointment(meteringService, id).getSupplierId()).isEqualTo(parties.supplier());
        for (String other :
                List.of(otherSupplier, parties.registrationService(), parties.dno(), parties.dataService())) {
            StatusRuntimeException existing = assertRefused(() -> appointment(other, id));
            StatusRuntimeException none = assertRefused(() -> appointment(other, unknown));
            assertThat(existing.getStatus().getDescription().replace(id, "ID"))
                    .isEqualTo(none.getStatus().getDescription().replace(unknown, "ID"));
        }
        var notFound = refused(() -> appointment(OPERATOR, unknown));
        assertThat(code(notFound)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(notFound)).isEqualTo("AppointmentMustExist");
    }

    private static StatusRuntimeException assertRefused(Runnable read) {
        StatusRuntimeException refusal = refused(read);
        assertThat(code(refusal)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refusal)).isEqualTo(DataEntitlement.RULE);
        assertThat(refusal.getStatus().getDescription()).startsWith("the caller is not entitled to ");
        return refusal;
    }

    private void submit(String dataService, LocalDate day) {
        settlementMarket.submit(dataService, mpan, day.toString(), "0.500");
    }

    private String request(ServiceRole role, String service, LocalDate from) {
        return market.registration(parties.supplier())
                .requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setRole(role)
                        .setServiceId(service)
                        .setEffectiveFrom(from.toString())
                        .build())
                .getAppointmentId();
    }

    private void accept(String service, String appointment) {
        market.registration(service)
                .acceptServiceAppointment(AnswerServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setAppointmentId(appointment)
                        .build());
    }

    private Consumption consumption(String who, LocalDate day) {
        return consumption(who, mpan, day);
    }

    private Consumption consumption(String who, String meteringPoint, LocalDate day) {
        return market.metering(who)
                .getConsumption(GetConsumptionRequest.newBuilder()
                        .setMpan(meteringPoint)
                        .setSettlementDate(day.toString())
                        .build());
    }

    private ListConsumptionVersionsResponse versions(String who, LocalDate day) {
        return versions(who, mpan, day);
    }

    private ListConsumptionVersionsResponse versions(String who, String meteringPoint, LocalDate day) {
        return market.metering(who)
                .listConsumptionVersions(ListConsumptionVersionsRequest.newBuilder()
                        .setMpan(meteringPoint)
                        .setSettlementDate(day.toString())
                        .build());
    }

    private Responsibility responsibility(String who, LocalDate day) {
        return responsibility(who, mpan, day);
    }

    private Responsibility responsibility(String who, String meteringPoint, LocalDate day) {
        return market.registration(who)
                .getResponsibility(GetResponsibilityRequest.newBuilder()
                        .setMpan(meteringPoint)
                        .setDate(day.toString())
                        .build());
    }

    private List<TimelineEntry> timeline(String who) {
        return timeline(who, mpan);
    }

    private List<TimelineEntry> timeline(String who, String meteringPoint) {
        return market.registration(who)
                .getTimeline(
                        GetTimelineRequest.newBuilder().setMpan(meteringPoint).build())
                .getEntriesList();
    }

    private MeteringPoint meteringPoint(String who) {
        return meteringPoint(who, mpan);
    }

    private MeteringPoint meteringPoint(String who, String meteringPoint) {
        return market.registration(who)
                .getMeteringPoint(GetMeteringPointRequest.newBuilder()
                        .setMpan(meteringPoint)
                        .build());
    }

    private Appointment appointment(String who, String appointmentId) {
        return market.registration(who)
                .getAppointment(GetAppointmentRequest.newBuilder()
                        .setAppointmentId(appointmentId)
                        .build());
    }

    private List<AllocatedVolume> volumes(String who, LocalDate day, String gspGroup) {
        return market.settlement(who)
                .listAllocatedVolumes(ListAllocatedVolumesRequest.newBuilder()
                        .setSettlementDate(day.toString())
                        .setGspGroupId(gspGroup)
                        .build())
                .getVolumesList();
    }

    private static TimelineEntry entry(MarketRole role, String participant, LocalDate from, LocalDate to) {
        return TimelineEntry.newBuilder()
                .setRole(role)
                .setParticipantId(participant)
                .setEffectiveFrom(from.toString())
                .setEffectiveTo(to == null ? "" : to.toString())
                .build();
    }
}
