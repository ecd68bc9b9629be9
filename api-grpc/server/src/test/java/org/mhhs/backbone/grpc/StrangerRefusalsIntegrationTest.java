package org.mhhs.backbone.grpc;

import static io.grpc.Status.Code.PERMISSION_DENIED;
import static java.time.Month.JUNE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.MarketDays.lastYear;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AnswerServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.ChangeMeteringPointDetailsRequest;
import org.mhhs.backbone.grpc.v1.EndServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.EnergisationStatus;
import org.mhhs.backbone.grpc.v1.GetAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetConsumptionRequest;
import org.mhhs.backbone.grpc.v1.GetMeteringPointRequest;
import org.mhhs.backbone.grpc.v1.GetResponsibilityRequest;
import org.mhhs.backbone.grpc.v1.GetSettlementRunResultRequest;
import org.mhhs.backbone.grpc.v1.GetTimelineRequest;
import org.mhhs.backbone.grpc.v1.ListAllocatedVolumesRequest;
import org.mhhs.backbone.grpc.v1.ListConsumptionVersionsRequest;
import org.mhhs.backbone.grpc.v1.ListServedMeteringPointsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.backbone.grpc.v1.SettlementRunType;
import org.mhhs.backbone.grpc.v1.SubmissionResult;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.Registrations;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.mhhs.backbone.testing.Submissions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A stranger, holding every role a participant can hold bar the market-wide ones but related to none of the market's
 * metering points, provokes every refusal it can, of commands and of reads; none of them names another participant,
 * in the status message or in any error detail.
 */
@HubIntegrationTest
class StrangerRefusalsIntegrationTest {

    private static final LocalDate FIRST = lastYear(JUNE, 1);

    @Autowired
    HubClient hub;

    @Test
    void noRefusalAStrangerCanProvokeNamesAnotherParticipant() throws Exception {
        Market market = new Market(hub);
        SettlementMarket settlementMarket = new SettlementMarket(hub, market);
        Parties parties = settlementMarket.parties("_A");
        String mpan = settlementMarket.meteringPoint(parties);
        String otherMpan = settlementMarket.meteringPoint(parties);
        String meteringService = market.participant('M', MarketRole.MARKET_ROLE_METERING_SERVICE);
        String requestedService = market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE);
        String gaining = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String accepted = request(
                market, parties.supplier(), mpan, ServiceRole.SERVICE_ROLE_METERING_SERVICE, meteringService, FIRST);
        market.registration(meteringService).acceptServiceAppointment(answer(mpan, accepted));
        String pending = request(
                market,
                parties.supplier(),
                mpan,
                ServiceRole.SERVICE_ROLE_DATA_SERVICE,
                requestedService,
                FIRST.plusDays(10));
        market.registration(gaining)
                .registerSupplier(
                        Registrations.supplier(mpan, MarketDays.daysAhead(5).toString()));
        settlementMarket.submit(parties.dataService(), mpan, FIRST.toString(), "0.500");
        String stranger = Market.register(
                hub.operatorIsd(),
                MarketIds.mpid('X'),
                MarketRole.MARKET_ROLE_SUPPLIER,
                MarketRole.MARKET_ROLE_DATA_SERVICE,
                MarketRole.MARKET_ROLE_METERING_SERVICE,
                MarketRole.MARKET_ROLE_DNO,
                MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        List<String> others = List.of(
                parties.registrationService(),
                parties.supplier(),
                parties.dataService(),
                parties.dno(),
                parties.auditor(),
                meteringService,
                requestedService,
                gaining);
        await().ignoreExceptions()
                .until(() -> market.registration(gaining)
                        .getResponsibility(GetResponsibilityRequest.newBuilder()
                                .setMpan(mpan)
                                .setDate(MarketDays.daysAhead(5).toString())
                                .build())
                        .getMeteringServiceId()
                        .equals(meteringService));

        var registration = market.registration(stranger);
        var metering = market.metering(stranger);
        var settlement = market.settlement(stranger);
        Map<String, Runnable> provocations = new LinkedHashMap<>();
        provocations.put(
                "RegisterMeteringPoint",
                () -> registration.registerMeteringPoint(Registrations.meteringPoint(
                        mpan, "_A", MarketDays.meteringFrom().toString())));
        provocations.put(
                "ChangeMeteringPointDetails",
                () -> registration.changeMeteringPointDetails(ChangeMeteringPointDetailsRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setEnergisation(EnergisationStatus.ENERGISATION_STATUS_DE_ENERGISED)
                        .setEffectiveFrom(FIRST.plusDays(20).toString())
                        .build()));
        provocations.put(
                "RegisterSupplier over a registration",
                () -> registration.registerSupplier(
                        Registrations.supplier(mpan, MarketDays.meteringFrom().toString())));
        provocations.put(
                "RegisterSupplier from today",
                () -> registration.registerSupplier(
                        Registrations.supplier(otherMpan, MarketDays.today().toString())));
        provocations.put(
                "RequestServiceAppointment",
                () -> request(market, stranger, mpan, ServiceRole.SERVICE_ROLE_DATA_SERVICE, stranger, FIRST));
        provocations.put(
                "AcceptServiceAppointment", () -> registration.acceptServiceAppointment(answer(mpan, pending)));
        provocations.put(
                "RejectServiceAppointment",
                () -> registration.rejectServiceAppointment(
                        answer(mpan, pending).toBuilder().setReason("no").build()));
        provocations.put(
                "AcceptServiceAppointment of none",
                () -> registration.acceptServiceAppointment(
                        answer(mpan, UUID.randomUUID().toString())));
        provocations.put(
                "EndServiceAppointment",
                () -> registration.endServiceAppointment(EndServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setRole(ServiceRole.SERVICE_ROLE_METERING_SERVICE)
                        .setLastDay(FIRST.plusDays(1).toString())
                        .build()));
        provocations.put(
                "SubmitConsumption",
                () -> metering.submitConsumption(Submissions.actualDay(mpan, FIRST.toString(), "0.100")));
        provocations.put(
                "GetMeteringPoint",
                () -> registration.getMeteringPoint(
                        GetMeteringPointRequest.newBuilder().setMpan(mpan).build()));
        provocations.put(
                "GetTimeline",
                () -> registration.getTimeline(
                        GetTimelineRequest.newBuilder().setMpan(mpan).build()));
        provocations.put(
                "GetResponsibility",
                () -> registration.getResponsibility(GetResponsibilityRequest.newBuilder()
                        .setMpan(mpan)
                        .setDate(FIRST.toString())
                        .build()));
        provocations.put(
                "GetAppointment",
                () -> registration.getAppointment(GetAppointmentRequest.newBuilder()
                        .setAppointmentId(accepted)
                        .build()));
        provocations.put(
                "ListServedMeteringPoints",
                () -> registration.listServedMeteringPoints(ListServedMeteringPointsRequest.newBuilder()
                        .setParticipantId(parties.supplier())
                        .setRole(MarketRole.MARKET_ROLE_SUPPLIER)
                        .setDate(FIRST.toString())
                        .build()));
        provocations.put(
                "GetConsumption",
                () -> metering.getConsumption(GetConsumptionRequest.newBuilder()
                        .setMpan(mpan)
                        .setSettlementDate(FIRST.toString())
                        .build()));
        provocations.put(
                "ListConsumptionVersions",
                () -> metering.listConsumptionVersions(ListConsumptionVersionsRequest.newBuilder()
                        .setMpan(mpan)
                        .setSettlementDate(FIRST.toString())
                        .build()));
        provocations.put(
                "ListAllocatedVolumes",
                () -> settlement.listAllocatedVolumes(ListAllocatedVolumesRequest.newBuilder()
                        .setSettlementDate(FIRST.toString())
                        .setSupplierId(parties.supplier())
                        .build()));
        provocations.put(
                "GetSettlementRunResult",
                () -> settlement.getSettlementRunResult(GetSettlementRunResultRequest.newBuilder()
                        .setSettlementDate(FIRST.toString())
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                        .setGspGroupId("_A")
                        .setSupplierId(parties.supplier())
                        .build()));

        Map<String, Status> refusals = new LinkedHashMap<>();
        provocations.forEach((what, call) -> refusals.put(what, StatusProto.fromThrowable(refused(call))));
        refusals.put("SubmitConsumptionStream", streamed(market, stranger, mpan));

        assertThat(refusals.get("GetConsumption").getCode()).isEqualTo(PERMISSION_DENIED.value());
        assertThat(refusals).allSatisfy((what, refusal) -> {
            assertThat(refusal.getCode()).as(what).isNotZero();
            assertThat(everythingSaid(refusal)).as(what).doesNotContain(others.toArray(String[]::new));
        });
        assertThat(refusals.keySet().stream().filter(what -> what.startsWith("Get") || what.startsWith("List")))
                .allSatisfy(read ->
                        assertThat(reasonOf(refusals.get(read))).as(read).isEqualTo(DataEntitlement.RULE));
        var another = refused(() -> market.registration(stranger)
                .getTimeline(GetTimelineRequest.newBuilder().setMpan(otherMpan).build()));
        assertThat(code(another)).isEqualTo(PERMISSION_DENIED);
        assertThat(reason(another)).isEqualTo(DataEntitlement.RULE);
    }

    private static String request(
            Market market, String supplier, String mpan, ServiceRole role, String service, LocalDate from) {
        return market.registration(supplier)
                .requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setRole(role)
                        .setServiceId(service)
                        .setEffectiveFrom(from.toString())
                        .build())
                .getAppointmentId();
    }

    private static AnswerServiceAppointmentRequest answer(String mpan, String appointmentId) {
        return AnswerServiceAppointmentRequest.newBuilder()
                .setHeader(newCommand())
                .setMpan(mpan)
                .setAppointmentId(appointmentId)
                .build();
    }

    /** The status an item of a submission stream is rejected with. */
    private static Status streamed(Market market, String dataService, String mpan) throws Exception {
        CompletableFuture<SubmissionResult> result = new CompletableFuture<>();
        StreamObserver<SubmitConsumptionRequest> items = market.meteringStreams(dataService)
                .submitConsumptionStream(new StreamObserver<>() {
                    @Override
                    public void onNext(SubmissionResult value) {
                        result.complete(value);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        result.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        result.completeExceptionally(new IllegalStateException("the stream ended unanswered"));
                    }
                });
        items.onNext(Submissions.actualDay(mpan, FIRST.toString(), "0.200"));
        items.onCompleted();
        SubmissionResult answered = result.get(30, TimeUnit.SECONDS);
        assertThat(answered.hasRejected()).as("the stranger's item is rejected").isTrue();
        return answered.getRejected();
    }

    /** The status message and every detail, as text. */
    private static String everythingSaid(Status status) {
        List<String> said = new ArrayList<>(List.of(status.getMessage()));
        for (Any detail : status.getDetailsList()) {
            said.add(TextFormat.printer().printToString(unpacked(detail)));
        }
        return String.join("\n", said);
    }

    private static String reasonOf(Status status) {
        return status.getDetailsList().stream()
                .filter(detail -> detail.is(ErrorInfo.class))
                .map(detail -> ((ErrorInfo) unpacked(detail)).getReason())
                .findFirst()
                .orElse("");
    }

    private static Message unpacked(Any detail) {
        try {
            for (Class<? extends Message> type :
                    List.of(ErrorInfo.class, BadRequest.class, PreconditionFailure.class)) {
                if (detail.is(type)) {
                    return detail.unpack(type);
                }
            }
            return detail;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
