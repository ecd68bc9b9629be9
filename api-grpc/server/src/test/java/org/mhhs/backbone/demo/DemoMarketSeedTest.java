package org.mhhs.backbone.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.grpc.v1.Consumption;
import org.mhhs.backbone.grpc.v1.GetConsumptionRequest;
import org.mhhs.backbone.grpc.v1.GetMeteringPointRequest;
import org.mhhs.backbone.grpc.v1.GetResponsibilityRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.ListParticipantsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.Quality;
import org.mhhs.backbone.grpc.v1.RegistrationServiceGrpc;
import org.mhhs.backbone.grpc.v1.Responsibility;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.testing.ChannelMarket;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubProcess;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.bench.market.ConsumptionSubmission;
import org.mhhs.bench.market.MarketSize;
import org.mhhs.bench.market.SyntheticMarket;
import org.mhhs.bench.market.SyntheticMeteringPoint;

/**
 * A hub started with {@code --hub.demo.seed} holds the synthetic market of that seed, as every participant would see
 * it through gRPC; a hub that already holds a market is left as it is.
 */
class DemoMarketSeedTest {

    private static final long SEED = 42;
    private static final int PER_ROLE = 2;
    private static final int METERING_POINTS = 6;
    private static final int DAYS = 3;

    @TempDir
    Path dataDir;

    @Test
    void aHubStartedWithTheDemoSeedHoldsTheGeneratedMarket() {
        LocalDate today = MarketDays.today();
        SyntheticMarket expected =
                SyntheticMarket.generate(SEED, MarketSize.of(PER_ROLE, METERING_POINTS, DAYS, today.minusDays(DAYS)));
        try (HubProcess hub = HubProcess.start(
                dataDir,
                "--hub.demo.seed=" + SEED,
                "--hub.demo.participants-per-role=" + PER_ROLE,
                "--hub.demo.metering-points=" + METERING_POINTS,
                "--hub.demo.days=" + DAYS)) {
            var metering = MeteringServiceGrpc.newBlockingStub(hub.channel())
                    .withCallCredentials(HubClient.bearer(hub.operatorToken()));
            List<ConsumptionSubmission> submissions = expected.consumption().toList();
            ConsumptionSubmission last = submissions.getLast();
            await().atMost(Duration.ofMinutes(5))
                    .ignoreExceptions()
                    .until(() -> metering.getConsumption(GetConsumptionRequest.newBuilder()
                                            .setMpan(last.mpan())
                                            .setSettlementDate(last.day().toString())
                                            .build())
                                    .getVersion()
                                    .getVersion()
                            == last.version());

            var isd = new ChannelMarket(hub.channel(), hub.operatorToken()).isd();
            assertThat(isd.listParticipants(ListParticipantsRequest.newBuilder()
                                    .setPageSize(1000)
                                    .build())
                            .getParticipantsList())
                    .extracting(p -> p.getParticipantId())
                    .containsAll(
                            expected.participants().stream().map(p -> p.id()).toList())
                    .hasSize(expected.participants().size() + 1);
            assertThat(isd.listParticipants(ListParticipantsRequest.newBuilder()
                                    .setRole(MarketRole.MARKET_ROLE_DNO)
                                    .setPageSize(1000)
                                    .build())
                            .getParticipantsCount())
                    .isEqualTo(14);

            var registration = RegistrationServiceGrpc.newBlockingStub(hub.channel())
                    .withCallCredentials(HubClient.bearer(hub.operatorToken()));
            for (SyntheticMeteringPoint point : expected.meteringPoints()) {
                assertThat(registration
                                .getMeteringPoint(GetMeteringPointRequest.newBuilder()
                                        .setMpan(point.mpan())
                                        .build())
                                .getRegistrationServiceId())
                        .isEqualTo(point.registrationServiceId());
                Responsibility responsible = registration.getResponsibility(GetResponsibilityRequest.newBuilder()
                        .setMpan(point.mpan())
                        .setDate(expected.size().firstDay().toString())
                        .build());
                assertThat(responsible.getGspGroupId()).isEqualTo(point.gspGroupId());
                assertThat(responsible.getSupplierId())
                        .isEqualTo(point.suppliers().getFirst().supplierId());
                assertThat(responsible.getDataServiceId()).isEqualTo(point.dataServiceId());
                assertThat(responsible.getMeteringServiceId()).isEqualTo(point.meteringServiceId());
            }

            assertThat(submissions).allSatisfy(submission -> {
                Consumption stored = metering.getConsumption(GetConsumptionRequest.newBuilder()
                        .setMpan(submission.mpan())
                        .setSettlementDate(submission.day().toString())
                        .setVersion(submission.version())
                        .build());
                assertThat(stored.getReadingsList()).hasSize(submission.periodCount());
                for (var reading : stored.getReadingsList()) {
                    assertThat(Energy.ofKwh(reading.getKwh()).wattHours())
                            .isEqualTo(submission.wattHours(reading.getPeriod()));
                    assertThat(reading.getQuality() == Quality.QUALITY_ESTIMATED)
                            .isEqualTo(submission.estimated(reading.getPeriod()));
                }
            });
        }
    }

    @Test
    void aHubThatAlreadyHoldsAMarketIsNotSeeded() throws Exception {
        try (HubProcess hub = HubProcess.start(dataDir)) {
            new ChannelMarket(hub.channel(), hub.operatorToken()).participant("SUPX", MarketRole.MARKET_ROLE_SUPPLIER);
        }
        try (HubProcess hub = HubProcess.start(dataDir, "--hub.demo.seed=" + SEED)) {
            Path log = dataDir.resolve("hub.log");
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> Files.readString(log).contains("Demo market NOT seeded"));
            IsdServiceGrpc.IsdServiceBlockingStub isd = new ChannelMarket(hub.channel(), hub.operatorToken()).isd();
            assertThat(isd.listParticipants(ListParticipantsRequest.newBuilder()
                                    .setPageSize(1000)
                                    .build())
                            .getParticipantsList())
                    .extracting(p -> p.getParticipantId())
                    .containsExactlyInAnyOrder("OPER", "SUPX");
        }
    }
}
