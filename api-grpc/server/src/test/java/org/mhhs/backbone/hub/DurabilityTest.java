package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.grpc.v1.GetConsumptionRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.PeriodReading;
import org.mhhs.backbone.grpc.v1.Quality;
import org.mhhs.backbone.grpc.v1.SubmissionResult;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;
import org.mhhs.backbone.testing.ChannelMarket;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubProcess;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;

/**
 * Nothing acknowledged is ever lost, and a hub that died comes back. While a data service streams submissions, the
 * hub and its database are killed (SIGKILL, like a power cut); after a restart every submission the hub had
 * acknowledged is there. A hub killed alone leaves its detached PostgreSQL running; the next start copes.
 */
class DurabilityTest {

    private static final int KILL_AFTER_ACKNOWLEDGED = 150;

    @TempDir
    Path dataDir;

    @Test
    void everySubmissionAcknowledgedBeforeAnAbruptStopIsThereAfterRestart() throws Exception {
        String mpan = Market.newMpan();
        String dataServiceToken;
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        try (HubProcess hub = HubProcess.start(dataDir)) {
            ChannelMarket market = new ChannelMarket(hub.channel(), hub.operatorToken());
            market.participant("DNO9", MarketRole.MARKET_ROLE_DNO);
            String registration = market.participant("REG9", MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
            String supplier = market.participant("SUP9", MarketRole.MARKET_ROLE_SUPPLIER);
            dataServiceToken = market.participant("DAT9", MarketRole.MARKET_ROLE_DATA_SERVICE);
            market.gspGroup("_D", "DNO9");
            market.meteringPoint(mpan, "_D", registration);
            market.supplier(mpan, supplier);
            market.dataService(mpan, supplier, "DAT9", dataServiceToken);

            CountDownLatch enough = new CountDownLatch(KILL_AFTER_ACKNOWLEDGED);
            StreamObserver<SubmitConsumptionRequest> requests = MeteringServiceGrpc.newStub(hub.channel())
                    .withCallCredentials(HubClient.bearer(dataServiceToken))
                    .submitConsumptionStream(new StreamObserver<>() {
                        @Override
                        public void onNext(SubmissionResult result) {
                            if (result.hasAccepted()) {
                                acknowledged.put(
                                        result.getCommandId(),
                                        result.getAccepted().getVersion());
                                enough.countDown();
                            }
                        }

                        @Override
                        public void onError(Throwable killed) {}

                        @Override
                        public void onCompleted() {}
                    });
            Thread sender = Thread.ofVirtual().start(() -> {
                LocalDate day = MarketDays.meteringFrom();
                for (int i = 0; i < 300 && !Thread.currentThread().isInterrupted(); i++) {
                    requests.onNext(submission(mpan, day.plusDays(i)));
                }
            });
            assertThat(enough.await(120, TimeUnit.SECONDS))
                    .as("enough submissions acknowledged")
                    .isTrue();

            hub.kill();
            sender.interrupt();
        }

        try (HubProcess hub = HubProcess.start(dataDir)) {
            var metering = MeteringServiceGrpc.newBlockingStub(hub.channel())
                    .withCallCredentials(HubClient.bearer(dataServiceToken));
            List<String> missing = new ArrayList<>();
            LocalDate day = MarketDays.meteringFrom();
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
                missing.clear();
                for (int i = 0; i < 300; i++) {
                    String commandId = "durable-" + i;
                    if (acknowledged.containsKey(commandId)) {
                        var stored = metering.getConsumption(GetConsumptionRequest.newBuilder()
                                .setMpan(mpan)
                                .setSettlementDate(day.plusDays(i).toString())
                                .build());
                        if (stored.getVersion().getVersion() != acknowledged.get(commandId)) {
                            missing.add(commandId);
                        }
                    }
                }
                assertThat(missing).isEmpty();
            });
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED);
        }
    }

    @Test
    void aHubKilledAloneLeavesItsDatabaseRunningAndTheNextStartStopsItAndCarriesOn() {
        ProcessHandle orphan;
        String token;
        try (HubProcess hub = HubProcess.start(dataDir)) {
            token = hub.operatorToken();
            orphan = hub.killJvmOnly();
        }
        assertThat(orphan.isAlive())
                .as("PostgreSQL outlives the JVM that started it")
                .isTrue();

        try (HubProcess hub = HubProcess.start(dataDir)) {
            assertThat(orphan.isAlive()).isFalse();
            assertThat(hub.postmaster().pid()).isNotEqualTo(orphan.pid());
            assertThat(new ChannelMarket(hub.channel(), token)
                            .isd()
                            .getParticipant(org.mhhs.backbone.grpc.v1.GetParticipantRequest.newBuilder()
                                    .setParticipantId("OPER")
                                    .build())
                            .getName())
                    .isEqualTo("Central service operator");
        }
    }

    private static SubmitConsumptionRequest submission(String mpan, LocalDate day) {
        int index = (int) (day.toEpochDay() - MarketDays.meteringFrom().toEpochDay());
        SubmitConsumptionRequest.Builder request = SubmitConsumptionRequest.newBuilder()
                .setHeader(org.mhhs.backbone.grpc.v1.CommandHeader.newBuilder().setCommandId("durable-" + index))
                .setMpan(mpan)
                .setSettlementDate(day.toString());
        int periods = org.mhhs.backbone.kernel.SettlementDate.of(day).periodCount();
        for (int period = 1; period <= periods; period++) {
            request.addReadings(PeriodReading.newBuilder()
                    .setPeriod(period)
                    .setKwh("0." + (100 + period))
                    .setQuality(Quality.QUALITY_ACTUAL));
        }
        return request.build();
    }
}
