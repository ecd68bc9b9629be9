package org.mhhs.backbone.grpc.metering;

import static java.time.Month.JULY;
import static java.time.Month.JUNE;
import static java.time.Month.NOVEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.HubClient.violatedFields;
import static org.mhhs.backbone.testing.MarketDays.lastYear;
import static org.mhhs.backbone.testing.Submissions.submission;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.ConsumptionVersion;
import org.mhhs.backbone.grpc.v1.EndServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetConsumptionRequest;
import org.mhhs.backbone.grpc.v1.ListConsumptionVersionsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.PeriodReading;
import org.mhhs.backbone.grpc.v1.Quality;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.backbone.grpc.v1.SetFinalDisputeWindowRequest;
import org.mhhs.backbone.grpc.v1.SubmissionResult;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Consumption from the appointed data service, unary and streamed, through gRPC on PostgreSQL. The hub is closed
 * afterwards: a test widens the ISD final dispute window, which no other test may find on the hub it runs on.
 */
@HubIntegrationTest
@DirtiesContext
class MeteringApiIntegrationTest {

    @Autowired
    HubClient hub;

    Market market;
    String supplier;
    String dataService;
    String mpan;

    @BeforeEach
    void aMeteringPointWithItsAppointedDataService() {
        market = new Market(hub);
        SettlementMarket settlementMarket = new SettlementMarket(hub, market);
        Parties parties = settlementMarket.parties("_C");
        supplier = parties.supplier();
        dataService = parties.dataService();
        mpan = settlementMarket.meteringPoint(parties);
        settlementMarket.submit(dataService, mpan, MarketDays.meteringFrom().toString(), "0.000");
    }

    @Test
    void theAppointedDataServiceRecordsVersionOneAndReadsItBack() {
        var accepted = market.metering(dataService)
                .submitConsumption(submission(mpan, lastYear(NOVEMBER, 2).toString(), 48, "0.250"));

        assertThat(accepted.getVersion()).isEqualTo(1);
        assertThat(accepted.getDuplicate()).isFalse();
        var consumption = await().ignoreExceptions()
                .until(
                        () -> market.metering(supplier)
                                .getConsumption(GetConsumptionRequest.newBuilder()
                                        .setMpan(mpan)
                                        .setSettlementDate(lastYear(NOVEMBER, 2).toString())
                                        .build()),
                        c -> true);
        assertThat(consumption.getReadingsCount()).isEqualTo(48);
        assertThat(consumption.getReadings(2))
                .isEqualTo(PeriodReading.newBuilder()
                        .setPeriod(3)
                        .setKwh("0.250")
                        .setQuality(Quality.QUALITY_ACTUAL)
                        .build());
        assertThat(consumption.getVersion().getTotalKwh()).isEqualTo("12.000");
        assertThat(consumption.getVersion().getSupplierId()).isEqualTo(supplier);
        assertThat(consumption.getVersion().getGspGroupId()).isEqualTo("_C");
    }

    @Test
    void aChangedResubmissionRecordsTheNextVersionAndAnIdenticalOneRecordsNothing() {
        market.metering(dataService)
                .submitConsumption(submission(mpan, lastYear(NOVEMBER, 3).toString(), 48, "0.250"));

        var changed = market.metering(dataService)
                .submitConsumption(submission(mpan, lastYear(NOVEMBER, 3).toString(), 48, "0.300"));
        long stored = hub.storedEvents();
        var identical = market.metering(dataService)
                .submitConsumption(submission(mpan, lastYear(NOVEMBER, 3).toString(), 48, "0.300"));

        assertThat(changed.getVersion()).isEqualTo(2);
        assertThat(identical.getVersion()).isEqualTo(2);
        assertThat(identical.getDuplicate()).isFalse();
        assertThat(hub.storedEvents()).isEqualTo(stored);
        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(
                                versions(mpan, lastYear(NOVEMBER, 3).toString()))
                        .extracting(
                                ConsumptionVersion::getVersion,
                                ConsumptionVersion::getReplacesVersion,
                                ConsumptionVersion::getTotalKwh)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(1, 0, "12.000"),
                                org.assertj.core.groups.Tuple.tuple(2, 1, "14.400")));
    }

    @Test
    void aResentCommandAnswersTheSameVersionAndStoresNothing() {
        var request = submission(mpan, lastYear(NOVEMBER, 4).toString(), 48, "1.000");
        var first = market.metering(dataService).submitConsumption(request);
        long stored = hub.storedEvents();

        var again = market.metering(dataService).submitConsumption(request);

        assertThat(again.getDuplicate()).isTrue();
        assertThat(again.getVersion()).isEqualTo(first.getVersion());
        assertThat(hub.storedEvents()).isEqualTo(stored);
    }

    @Test
    void theClockChangeDaysHaveFortySixAndFiftyPeriods() {
        assertThat(market.metering(dataService)
                        .submitConsumption(submission(
                                mpan, MarketDays.lastSpringClockChange().toString(), 46, "0.100"))
                        .getVersion())
                .isEqualTo(1);
        assertThat(market.metering(dataService)
                        .submitConsumption(submission(
                                mpan, MarketDays.lastAutumnClockChange().toString(), 50, "0.100"))
                        .getVersion())
                .isEqualTo(1);

        var refused = refused(() -> market.metering(dataService)
                .submitConsumption(
                        submission(mpan, MarketDays.lastAutumnClockChange().toString(), 48, "0.100")));

        assertThat(code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(reason(refused)).isEqualTo("PeriodCountOfTheDay");
    }

    @Test
    void aDataServiceNotAppointedThatDayIsRefusedAndNothingIsStored() {
        String other = market.participant('B', MarketRole.MARKET_ROLE_DATA_SERVICE);
        long stored = hub.storedEvents();

        var refused = refused(() -> market.metering(other)
                .submitConsumption(submission(mpan, lastYear(NOVEMBER, 5).toString(), 48, "1.0")));

        assertThat(code(refused)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refused)).isEqualTo("OnlyTheAppointedDataServiceMaySubmit");
        assertThat(hub.storedEvents()).isEqualTo(stored);
    }

    @Test
    void aDeAppointedDataServiceMaySubmitOnlyForItsDays() {
        market.registration(supplier)
                .endServiceAppointment(EndServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setRole(ServiceRole.SERVICE_ROLE_DATA_SERVICE)
                        .setLastDay(lastYear(JUNE, 30).toString())
                        .build());
        await().ignoreExceptions()
                .until(() -> code(refused(() -> market.metering(dataService)
                                .submitConsumption(
                                        submission(mpan, lastYear(JULY, 1).toString(), 48, "1.0"))))
                        == Status.Code.PERMISSION_DENIED);

        assertThat(market.metering(dataService)
                        .submitConsumption(submission(mpan, lastYear(JUNE, 30).toString(), 48, "1.0"))
                        .getVersion())
                .isEqualTo(1);
    }

    @Test
    void malformedReadingsAreFieldViolations() {
        var request = submission(mpan, lastYear(NOVEMBER, 6).toString(), 48, "0.5").toBuilder()
                .setReadings(
                        0,
                        PeriodReading.newBuilder().setPeriod(1).setKwh("0.0001").setQuality(Quality.QUALITY_ACTUAL))
                .setReadings(1, PeriodReading.newBuilder().setPeriod(2).setKwh("1.0"))
                .build();

        var refused = refused(() -> market.metering(dataService).submitConsumption(request));

        assertThat(code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(refused)).containsExactlyInAnyOrder("readings[0].kwh", "readings[1].quality");
    }

    @Test
    void aDayNotYetOverIsRefused() {
        var refused = refused(() -> market.metering(dataService)
                .submitConsumption(submission(mpan, MarketDays.today().toString(), 48, "1.0")));

        assertThat(code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(reason(refused)).isEqualTo("SettlementDayMustHaveEnded");
    }

    @Test
    void aDayBeyondTheIsdFinalDisputeWindowIsRefused() {
        hub.operatorIsd()
                .setFinalDisputeWindow(SetFinalDisputeWindowRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMonths(60)
                        .build());
        LocalDate beyond = MarketDays.today().minusMonths(60).minusDays(1);

        await().ignoreExceptions().untilAsserted(() -> {
            var refused = refused(() -> market.metering(dataService)
                    .submitConsumption(submission(
                            mpan,
                            beyond.toString(),
                            org.mhhs.backbone.kernel.SettlementDate.of(beyond).periodCount(),
                            "1.0")));
            assertThat(code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(reason(refused)).isEqualTo("WithinFinalDisputeWindow");
            assertThat(refused.getStatus().getDescription()).contains("60 months");
        });
    }

    @Test
    void aStreamAnswersEveryItemInOrderAndOneBadItemNeverRejectsTheOthers() throws Exception {
        String foreignMpan = Market.newMpan();
        List<SubmitConsumptionRequest> items = List.of(
                submission(mpan, lastYear(NOVEMBER, 7).toString(), 48, "0.500"),
                submission(mpan, lastYear(NOVEMBER, 8).toString(), 47, "0.500"),
                submission(foreignMpan, lastYear(NOVEMBER, 7).toString(), 48, "0.500"),
                submission(mpan, lastYear(NOVEMBER, 9).toString(), 48, "0.750"));

        List<SubmissionResult> results = stream(dataService, items);

        assertThat(results)
                .extracting(SubmissionResult::getCommandId)
                .containsExactlyElementsOf(
                        items.stream().map(i -> i.getHeader().getCommandId()).toList());
        assertThat(results.get(0).getAccepted().getVersion()).isEqualTo(1);
        assertThat(results.get(1).getRejected().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
        assertThat(errorReason(results.get(1))).isEqualTo("PeriodCountOfTheDay");
        assertThat(results.get(2).getRejected().getCode()).isEqualTo(Status.Code.NOT_FOUND.value());
        assertThat(results.get(3).getAccepted().getVersion()).isEqualTo(1);
        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(
                                versions(mpan, lastYear(NOVEMBER, 9).toString()))
                        .hasSize(1));
        assertThat(versions(mpan, lastYear(NOVEMBER, 8).toString())).isEmpty();
    }

    private List<SubmissionResult> stream(String by, List<SubmitConsumptionRequest> items) throws Exception {
        List<SubmissionResult> results = new ArrayList<>();
        CompletableFuture<List<SubmissionResult>> done = new CompletableFuture<>();
        StreamObserver<SubmitConsumptionRequest> requests = market.meteringStreams(by)
                .submitConsumptionStream(new StreamObserver<>() {
                    @Override
                    public void onNext(SubmissionResult result) {
                        results.add(result);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(results);
                    }
                });
        items.forEach(requests::onNext);
        requests.onCompleted();
        return done.get(60, TimeUnit.SECONDS);
    }

    private static String errorReason(SubmissionResult result) throws InvalidProtocolBufferException {
        return result.getRejected().getDetailsList().stream()
                .filter(any -> any.is(ErrorInfo.class))
                .findFirst()
                .orElseThrow()
                .unpack(ErrorInfo.class)
                .getReason();
    }

    private List<ConsumptionVersion> versions(String meteringPoint, String day) {
        return market.metering(supplier)
                .listConsumptionVersions(ListConsumptionVersionsRequest.newBuilder()
                        .setMpan(meteringPoint)
                        .setSettlementDate(day)
                        .build())
                .getVersionsList();
    }
}
