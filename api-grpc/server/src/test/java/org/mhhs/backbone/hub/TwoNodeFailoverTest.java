package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;

import io.grpc.ManagedChannel;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Month;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.GetResponsibilityRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.PeriodReading;
import org.mhhs.backbone.grpc.v1.Quality;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;
import org.mhhs.backbone.testing.ChannelMarket;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubProcess;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.RunningHub;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two hub nodes on one PostgreSQL: one in this JVM, one a process of its own. The event processors' segments are
 * split between them by token claims, commands go to either node, and when the process is killed with SIGKILL the
 * surviving node claims its segments once their claims expire, its subscribers keep receiving, and the read models
 * end up exactly as a rebuild on one node makes them.
 */
class TwoNodeFailoverTest {

    private static final List<String> REBUILT = List.of("isd", "registration", "metering");

    @Test
    void theSurvivorTakesOverTheKilledNodesSegmentsAndEndsWhereASingleNodeRebuildEnds(@TempDir Path dir)
            throws Exception {
        try (EmbeddedPostgres postgres =
                EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
            String database = "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres");
            // the nodes of one hub wrap the consumption data keys with one master key
            String masterKey = "--hub.encryption.master-key-file=" + dir.resolve("master.key");
            try (RunningHub survivor = RunningHub.start(dir.resolve("node-a"), database, masterKey)) {
                String operator = survivor.operatorToken();
                JdbcClient jdbc = survivor.jdbc();
                String survivorNode = owner(jdbc, "isd", 0);
                HubProcess doomed = HubProcess.start(dir.resolve("node-b"), database, masterKey);
                try {
                    // the market, through the survivor
                    ChannelMarket viaSurvivor = new ChannelMarket(survivor.channel(), operator);
                    String dno = MarketIds.mpid('D');
                    viaSurvivor.participant(dno, MarketRole.MARKET_ROLE_DNO);
                    viaSurvivor.gspGroup("_G", dno);
                    String registration =
                            viaSurvivor.participant(MarketIds.mpid('R'), MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
                    String supplierId = MarketIds.mpid('S');
                    String supplier = viaSurvivor.participant(supplierId, MarketRole.MARKET_ROLE_SUPPLIER);
                    String dataServiceId = MarketIds.mpid('A');
                    String dataService = viaSurvivor.participant(dataServiceId, MarketRole.MARKET_ROLE_DATA_SERVICE);

                    // the survivor started first and holds every segment; it lets go of one of each two-segment
                    // processor, which the other node claims
                    assertThat(owner(jdbc, "registration", 1)).isEqualTo(survivorNode);
                    EventProcessingConfiguration processing =
                            survivor.context().getBean(EventProcessingConfiguration.class);
                    long releasedAt = System.nanoTime();
                    for (String name : List.of("registration", "metering")) {
                        processing
                                .eventProcessor(name, StreamingEventProcessor.class)
                                .orElseThrow()
                                .releaseSegment(1, 20, TimeUnit.SECONDS);
                    }
                    await().atMost(Duration.ofSeconds(20)).until(() -> {
                        String registrationOwner = owner(jdbc, "registration", 1);
                        return registrationOwner != null
                                && !registrationOwner.equals(survivorNode)
                                && registrationOwner.equals(owner(jdbc, "metering", 1));
                    });
                    String doomedNode = owner(jdbc, "registration", 1);
                    assertThat(owner(jdbc, "registration", 0)).isEqualTo(survivorNode);
                    assertThat(owner(jdbc, "metering", 0)).isEqualTo(survivorNode);

                    try (TestSubscriber subscriber = TestSubscriber.open(
                            survivor.channel(),
                            supplier,
                            TestSubscriber.from("failover", StartFrom.START_FROM_LATEST)
                                    .build())) {
                        subscriber.opened();
                        // commands through both nodes
                        ChannelMarket viaDoomed = new ChannelMarket(doomed.channel(), operator);
                        List<String> mpans = new ArrayList<>();
                        for (int i = 0; i < 8; i++) {
                            ChannelMarket via = i % 2 == 0 ? viaSurvivor : viaDoomed;
                            String mpan = Market.newMpan();
                            via.meteringPoint(mpan, "_G", registration);
                            via.supplier(mpan, supplier);
                            via.dataService(mpan, supplier, dataServiceId, dataService);
                            submit(i % 2 == 0 ? survivor.channel() : doomed.channel(), dataService, mpan, 1);
                            mpans.add(mpan);
                        }
                        awaitConsumption(subscriber, mpans, 1);

                        // past the release, the survivor may claim again; then the other node dies
                        long releaseLeft = Duration.ofSeconds(21).toNanos() - (System.nanoTime() - releasedAt);
                        Thread.sleep(Math.max(0, releaseLeft / 1_000_000));
                        long killedAt = System.nanoTime();
                        doomed.killJvm();
                        await().atMost(Duration.ofSeconds(60))
                                .pollInterval(Duration.ofMillis(100))
                                .until(() -> survivorNode.equals(owner(jdbc, "registration", 1))
                                        && survivorNode.equals(owner(jdbc, "metering", 1)));
                        double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
                        System.out.printf(
                                "two-node failover: the survivor held the killed node's segments %.1f s "
                                        + "after SIGKILL (claim timeout %s)%n",
                                takeoverSeconds, "10 s");
                        assertThat(doomedNode).isNotEqualTo(survivorNode);

                        // the survivor serves everything, including what the dead node's segments process
                        for (String mpan : mpans) {
                            submit(survivor.channel(), dataService, mpan, 2);
                        }
                        awaitConsumption(subscriber, mpans, 2);
                        String lateMpan = Market.newMpan();
                        viaSurvivor.meteringPoint(lateMpan, "_G", registration);
                        viaSurvivor.supplier(lateMpan, supplier);
                        viaSurvivor.dataService(lateMpan, supplier, dataServiceId, dataService);
                        assertThat(viaSurvivor
                                        .registration(supplier)
                                        .getResponsibility(GetResponsibilityRequest.newBuilder()
                                                .setMpan(lateMpan)
                                                .setDate(MarketDays.meteringFrom()
                                                        .toString())
                                                .build())
                                        .getSupplierId())
                                .isEqualTo(supplierId);
                    }

                    // what two nodes and a failover built equals what one node rebuilds from the events
                    awaitCaughtUp(processing);
                    Map<String, String> beforeRebuild = readModels(jdbc);
                    for (String name : REBUILT) {
                        StreamingEventProcessor processor = processing
                                .eventProcessor(name, StreamingEventProcessor.class)
                                .orElseThrow();
                        processor.shutDown();
                        processor.resetTokens();
                        processor.start();
                    }
                    awaitCaughtUp(processing);
                    assertThat(readModels(jdbc)).isEqualTo(beforeRebuild);
                } finally {
                    doomed.close();
                }
            }
        }
    }

    private static String owner(JdbcClient jdbc, String processor, int segment) {
        return jdbc.sql("SELECT owner FROM axon.token_entry WHERE processor_name = :name AND segment = :segment")
                .param("name", processor)
                .param("segment", segment)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private static void submit(ManagedChannel channel, String dataServiceToken, String mpan, int variant) {
        SubmitConsumptionRequest.Builder request = SubmitConsumptionRequest.newBuilder()
                .setHeader(newCommand())
                .setMpan(mpan)
                .setSettlementDate(MarketDays.lastYear(Month.FEBRUARY, 2).toString());
        for (int period = 1; period <= 48; period++) {
            request.addReadings(PeriodReading.newBuilder()
                    .setPeriod(period)
                    .setKwh("0." + (100 + variant * 7 + period))
                    .setQuality(Quality.QUALITY_ACTUAL));
        }
        MeteringServiceGrpc.newBlockingStub(channel)
                .withCallCredentials(HubClient.bearer(dataServiceToken))
                .submitConsumption(request.build());
    }

    private static void awaitConsumption(TestSubscriber subscriber, List<String> mpans, int version) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> subscriber.events().stream()
                                .filter(EventEnvelope::hasConsumptionRecorded)
                                .filter(e -> e.getConsumptionRecorded().getVersion() == version)
                                .map(e -> e.getConsumptionRecorded().getMpan())
                                .distinct()
                                .count()
                        == mpans.size());
    }

    private static void awaitCaughtUp(EventProcessingConfiguration processing) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> REBUILT.stream().allMatch(name -> {
                    StreamingEventProcessor processor = processing
                            .eventProcessor(name, StreamingEventProcessor.class)
                            .orElseThrow();
                    Map<Integer, EventTrackerStatus> status = processor.processingStatus();
                    int segments = name.equals("isd") ? 1 : 2;
                    return status.size() == segments
                            && status.values().stream()
                                    .allMatch(s -> s.isCaughtUp()
                                            && !s.isErrorState()
                                            && (!s.isReplaying()
                                                    // Axon ends a replay only at the first event past the reset
                                                    // position
                                                    || s.getCurrentPosition().orElse(-1)
                                                            >= s.getResetPosition()
                                                                    .orElse(0)));
                }));
    }

    /** Every row of every read-model table of the rebuilt contexts, as a digest per table. */
    private static Map<String, String> readModels(JdbcClient jdbc) {
        Map<String, String> digests = new LinkedHashMap<>();
        List<String> tables = jdbc.sql("""
                SELECT table_schema || '.' || table_name FROM information_schema.tables
                WHERE table_schema = ANY (CAST(:schemas AS text[])) AND table_name <> 'flyway_schema_history'
                  AND table_type = 'BASE TABLE'
                ORDER BY 1""")
                .param("schemas", REBUILT.toArray(String[]::new))
                .query(String.class)
                .list();
        for (String table : tables) {
            digests.put(
                    table,
                    jdbc.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY "
                                    + "t::text)), '') FROM " + table + " t")
                            .query(String.class)
                            .single());
        }
        assertThat(digests).isNotEmpty();
        return digests;
    }
}
