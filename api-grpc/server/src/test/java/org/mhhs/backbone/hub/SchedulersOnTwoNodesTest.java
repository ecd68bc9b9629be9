package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Status;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.ListSettlementRunsRequest;
import org.mhhs.backbone.grpc.v1.RunOffset;
import org.mhhs.backbone.grpc.v1.RunTrigger;
import org.mhhs.backbone.grpc.v1.SetRunScheduleRequest;
import org.mhhs.backbone.grpc.v1.SettlementRun;
import org.mhhs.backbone.grpc.v1.SettlementRunType;
import org.mhhs.backbone.grpc.v1.SettlementServiceGrpc;
import org.mhhs.backbone.grpc.v1.StartSettlementRunRequest;
import org.mhhs.backbone.testing.RunningHub;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two hub nodes on one PostgreSQL, each with the settlement run scheduler on (README "Runs": "several hub nodes may
 * all try: the second attempt is refused"). The runs projection is stopped on both, so neither scheduler ever sees
 * the runs already made and both try every due run on every tick: each run still happens exactly once, every other
 * attempt is refused, and an operator's attempt afterwards is refused through gRPC with RunHappensOnce.
 */
class SchedulersOnTwoNodesTest {

    private static final String RUNS = "settlement-runs";
    private static final String SCHEDULER = "org.mhhs.backbone.settlement.SettlementRunScheduler";

    @Test
    void eachDueRunHappensOnceThoughTheSchedulersOfBothNodesKeepTryingIt(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres postgres =
                EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
            String[] arguments = {
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--hub.encryption.master-key-file=" + dir.resolve("master.key"),
                "--hub.settlement.scheduler.enabled=true",
                "--hub.settlement.scheduler.interval=PT0.2S",
                "--hub.settlement.scheduler.first-after=PT0.2S",
                "--hub.settlement.scheduler.catch-up-days=5"
            };
            try (RunningHub first = RunningHub.start(dir.resolve("node-a"), arguments);
                    RunningHub second = RunningHub.start(dir.resolve("node-b"), arguments)) {
                String operator = first.operatorToken();
                JdbcClient jdbc = first.jdbc();
                for (RunningHub node : List.of(second, first)) {
                    runsProjection(node).shutDown();
                }
                ListAppender<ILoggingEvent> schedulerLog = listenTo(SCHEDULER);
                try {
                    shortRunSchedule(first, operator);

                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> refusedAttempts(schedulerLog).size() >= 20);

                    long completed = completedRuns(jdbc);
                    assertThat(completed).isPositive();
                    assertThat(runsCompletedMoreThanOnce(jdbc)).isEmpty();
                    assertThat(startedRuns(schedulerLog))
                            .as("runs a scheduler started")
                            .isEqualTo(completed);
                    // refused by the day's aggregate (RunHappensOnce) or, when both nodes create the day at once, by
                    // the event store's unique aggregate sequence
                    assertThat(refusedAttempts(schedulerLog))
                            .allSatisfy(message -> assertThat(message)
                                    .containsAnyOf("has already happened", "Cannot reuse aggregate identifier"));
                } finally {
                    ((Logger) LoggerFactory.getLogger(SCHEDULER)).detachAppender(schedulerLog);
                }

                runsProjection(first).start();
                String day = jdbc.sql("SELECT min(aggregate_identifier) FROM axon.domain_event_entry"
                                + " WHERE payload_type LIKE '%SettlementRunCompleted'")
                        .query(String.class)
                        .single();
                var settlement = first.as(SettlementServiceGrpc.newBlockingStub(first.channel()), operator);
                List<SettlementRun> runs = await().until(
                                () -> settlement
                                        .listSettlementRuns(ListSettlementRunsRequest.newBuilder()
                                                .setSettlementDate(day)
                                                .build())
                                        .getRunsList(),
                                list -> !list.isEmpty());
                assertThat(runs).extracting(SettlementRun::getRunType).doesNotHaveDuplicates();
                assertThat(runs)
                        .allSatisfy(run -> assertThat(run.getTrigger()).isEqualTo(RunTrigger.RUN_TRIGGER_SCHEDULER));
                var byOperator = refused(() -> settlement.startSettlementRun(StartSettlementRunRequest.newBuilder()
                        .setHeader(newCommand())
                        .setSettlementDate(day)
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                        .build()));
                assertThat(code(byOperator)).isEqualTo(Status.Code.FAILED_PRECONDITION);
                assertThat(reason(byOperator)).isEqualTo("RunHappensOnce");
            }
        }
    }

    private static StreamingEventProcessor runsProjection(RunningHub node) {
        return node.context()
                .getBean(EventProcessingConfiguration.class)
                .eventProcessor(RUNS, StreamingEventProcessor.class)
                .orElseThrow();
    }

    /** SF to RF 1 to 5 working days after the settlement day: several days' runs are due at once. */
    private static void shortRunSchedule(RunningHub node, String operator) {
        SetRunScheduleRequest.Builder schedule =
                SetRunScheduleRequest.newBuilder().setHeader(newCommand());
        List<SettlementRunType> types = List.of(
                SettlementRunType.SETTLEMENT_RUN_TYPE_SF,
                SettlementRunType.SETTLEMENT_RUN_TYPE_R1,
                SettlementRunType.SETTLEMENT_RUN_TYPE_R2,
                SettlementRunType.SETTLEMENT_RUN_TYPE_R3,
                SettlementRunType.SETTLEMENT_RUN_TYPE_RF);
        for (int i = 0; i < types.size(); i++) {
            schedule.addOffsets(RunOffset.newBuilder().setRunType(types.get(i)).setWorkingDays(i + 1));
        }
        node.as(IsdServiceGrpc.newBlockingStub(node.channel()), operator).setRunSchedule(schedule.build());
    }

    private static long completedRuns(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM axon.domain_event_entry"
                        + " WHERE payload_type LIKE '%SettlementRunCompleted'")
                .query(Long.class)
                .single();
    }

    private static List<String> runsCompletedMoreThanOnce(JdbcClient jdbc) {
        return jdbc.sql("""
                SELECT aggregate_identifier || ' ' || (convert_from(payload, 'UTF8')::jsonb ->> 'runType')
                FROM axon.domain_event_entry WHERE payload_type LIKE '%SettlementRunCompleted'
                GROUP BY 1 HAVING count(*) > 1""").query(String.class).list();
    }

    private static ListAppender<ILoggingEvent> listenTo(String loggerName) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(loggerName)).addAppender(appender);
        return appender;
    }

    /** What the appender holds so far; it appends under its own lock. */
    private static List<ILoggingEvent> events(ListAppender<ILoggingEvent> log) {
        synchronized (log) {
            return List.copyOf(log.list);
        }
    }

    private static long startedRuns(ListAppender<ILoggingEvent> log) {
        return events(log).stream()
                .filter(e ->
                        e.getLevel() == Level.INFO && e.getFormattedMessage().startsWith("Started the"))
                .count();
    }

    private static List<String> refusedAttempts(ListAppender<ILoggingEvent> log) {
        return events(log).stream()
                .filter(e ->
                        e.getLevel() == Level.WARN && e.getFormattedMessage().contains("did not start"))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
