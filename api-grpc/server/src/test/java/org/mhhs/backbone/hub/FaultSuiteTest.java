package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.grpc.DatabaseUnavailable;
import org.mhhs.backbone.grpc.v1.DeadLetter;
import org.mhhs.backbone.grpc.v1.EvictDeadLetterRequest;
import org.mhhs.backbone.grpc.v1.GetParticipantRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.ListDeadLettersRequest;
import org.mhhs.backbone.grpc.v1.ListProjectionsRequest;
import org.mhhs.backbone.grpc.v1.Projection;
import org.mhhs.backbone.grpc.v1.ProjectionServiceGrpc;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.metering.api.Quality;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.testing.Fault;
import org.mhhs.backbone.testing.FaultLoad;
import org.mhhs.backbone.testing.FaultReport;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubProcess;
import org.mhhs.backbone.testing.PostgresPair;
import org.mhhs.backbone.testing.RunningHub;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fault suite's fast cases (the same as {@code bench/run chaos}, which runs them longer): faults under submission
 * load with the supplier's and the DNO's subscriptions open, on one hub of two nodes (one in this JVM, one a process
 * of its own) on PostgreSQL with a synchronous standby, in order: a node killed with SIGKILL mid-stream, a restart of
 * the database, a poison event in the store, a commit that comes long after later ones, the loss of its primary.
 * Each must be survived with no acknowledged submission missing from the store or from a subscriber's stream, no
 * stream gap and no duplicate beyond at-least-once, and no restart of the surviving node. A new fault is one more
 * ordered case calling {@link FaultLoad#survive} (before the primary's loss, which leaves the database without a
 * standby).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteTest {

    private static final Duration BEFORE = Duration.ofSeconds(Long.getLong("hub.chaos.before-seconds", 5));
    private static final Duration AFTER = Duration.ofSeconds(Long.getLong("hub.chaos.after-seconds", 8));
    /** How long the late commit's transaction stays open (bench/run chaos: two minutes). */
    private static final Duration LATE_COMMIT = Duration.ofSeconds(Long.getLong("hub.chaos.late-commit-seconds", 10));

    private PostgresPair postgres;
    private HubProcess doomed;
    private RunningHub survivor;
    private FaultLoad load;
    private final List<FaultReport> reports = new ArrayList<>();

    @BeforeAll
    void startTheHubUnderLoad(@TempDir Path dir) {
        postgres = PostgresPair.start(dir.resolve("postgres"));
        String[] database = {
            "--spring.datasource.url=" + postgres.jdbcUrl(),
            "--spring.datasource.username=postgres",
            // the nodes of one hub wrap the consumption data keys with one master key
            "--hub.encryption.master-key-file=" + dir.resolve("master.key")
        };
        // started first, the node to be killed claims every processor's segments: the survivor must take them over
        doomed = HubProcess.start(dir.resolve("node-b"), database);
        survivor = RunningHub.start(dir.resolve("node-a"), database);
        load = FaultLoad.start(
                List.of(survivor.channel(), doomed.channel()),
                doomed.operatorToken(),
                FaultLoad.Options.fromSystemProperties(16, 40, 8));
    }

    @Test
    @Order(1)
    void aHubNodeKilledMidStreamLosesNothingAndItsPeerTakesOverItsStreamsAndSegments() throws Exception {
        // started first, the node to be killed writes the delivery feed
        String doomedNode = survivor.jdbc()
                .sql("SELECT owner FROM axon.token_entry WHERE processor_name = 'notification'")
                .query(String.class)
                .single();
        assertThat(doomedNode).isNotNull();
        FaultReport report = load.survive(
                Fault.of("hub node killed (SIGKILL)", () -> {
                    doomed.killJvm();
                    load.faultTookEffect();
                }),
                BEFORE,
                AFTER,
                this::database);

        assertSurvived(report);
        // the DNO's stream was on the killed node: it resumed on the survivor, which holds every segment now
        assertThat(report.sessions().get("dno")).isGreaterThan(1);
        await().untilAsserted(() -> assertThat(survivor.jdbc()
                        .sql("SELECT DISTINCT owner FROM axon.token_entry")
                        .query(String.class)
                        .list())
                .doesNotContain(doomedNode));
    }

    @Test
    @Order(2)
    void aDatabaseRestartLosesNothingAndACallMeanwhileIsToldToComeBack() throws Exception {
        IsdServiceGrpc.IsdServiceBlockingStub operator = IsdServiceGrpc.newBlockingStub(survivor.channel())
                .withCallCredentials(HubClient.bearer(doomed.operatorToken()));
        List<StatusRuntimeException> refusedMeanwhile = new ArrayList<>();
        FaultReport report = load.survive(
                Fault.of("PostgreSQL restart", () -> {
                    postgres.stopPrimary();
                    load.faultTookEffect();
                    refusedMeanwhile.add(catchThrowableOfType(
                            StatusRuntimeException.class,
                            () -> operator.withDeadlineAfter(30, TimeUnit.SECONDS)
                                    .getParticipant(GetParticipantRequest.newBuilder()
                                            .setParticipantId("OPER")
                                            .build())));
                    postgres.startPrimaryAgain();
                }),
                BEFORE,
                AFTER,
                this::database);

        assertSurvived(report);
        StatusRuntimeException refused = refusedMeanwhile.getFirst();
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        com.google.rpc.Status details = StatusProto.fromThrowable(refused);
        assertThat(details.getDetailsList().stream()
                        .filter(d -> d.is(ErrorInfo.class))
                        .map(d -> unpack(d, ErrorInfo.class).getReason()))
                .containsExactly("DatabaseUnavailable");
        assertThat(details.getDetailsList()).anyMatch(d -> d.is(RetryInfo.class));
    }

    @Test
    @Order(3)
    void aPoisonEventIsParkedByEveryProcessorAndNothingStallsBehindIt() throws Exception {
        String poison = UUID.randomUUID().toString();
        FaultReport report = load.survive(
                Fault.of("poison event (a ConsumptionRecorded no processor can read)", () -> {
                    // a consumption event whose payload is cut short: every processor of consumption fails on it
                    survivor.jdbc()
                            .sql("""
                                    INSERT INTO axon.domain_event_entry (aggregate_identifier, sequence_number, type,
                                        event_identifier, meta_data, payload, payload_revision, payload_type,
                                        time_stamp)
                                    SELECT :aggregate, 0, type, :event, meta_data,
                                        convert_to('{"mpan": [', 'UTF8'), payload_revision, payload_type, time_stamp
                                    FROM axon.domain_event_entry WHERE payload_type LIKE '%ConsumptionRecorded'
                                    ORDER BY global_index DESC LIMIT 1""")
                            .param("aggregate", "poison-" + poison)
                            .param("event", poison)
                            .update();
                    load.faultTookEffect();
                }),
                BEFORE,
                AFTER,
                this::database);

        assertSurvived(report);
        // it was retried, then parked where it failed; the operator finds it and evicts it
        ProjectionServiceGrpc.ProjectionServiceBlockingStub operator = ProjectionServiceGrpc.newBlockingStub(
                        survivor.channel())
                .withCallCredentials(HubClient.bearer(doomed.operatorToken()));
        List<DeadLetter> parked = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> deadLettersOf(operator, poison),
                        letters ->
                                letters.stream().anyMatch(l -> l.getProjection().equals("notification")));
        assertThat(parked).extracting(DeadLetter::getProjection).contains("notification", "settlement-allocation");
        for (DeadLetter letter : parked) {
            operator.evictDeadLetter(EvictDeadLetterRequest.newBuilder()
                    .setProjection(letter.getProjection())
                    .setDeadLetterId(letter.getDeadLetterId())
                    .build());
        }
        assertThat(deadLettersOf(operator, poison)).isEmpty();
    }

    @Test
    @Order(4)
    void aCommitLongAfterLaterOnesWithTwentyThousandIndexesBurnedIsDeliveredToEverySubscriber() throws Exception {
        Map.Entry<String, LocalDate> late = load.reserveMpanDay();
        CommandGateway commands = survivor.context().getBean(CommandGateway.class);
        TransactionTemplate transaction = survivor.context().getBean(TransactionTemplate.class);
        SubmitConsumption submission = SubmitConsumption.of(
                Mpan.of(late.getKey()),
                late.getValue(),
                IntStream.rangeClosed(1, SettlementDate.of(late.getValue()).periodCount())
                        .mapToObj(period -> new SubmitConsumption.Reading(
                                period, Energy.ofKwh(new BigDecimal("0.321")), Quality.ACTUAL))
                        .toList(),
                ParticipantId.of(load.dataServiceId()));
        AtomicReference<Throwable> failed = new AtomicReference<>();
        FaultReport report = load.survive(
                Fault.of("a commit " + LATE_COMMIT.toSeconds() + " s late, 20,000 indexes burned meanwhile", () -> {
                    CountDownLatch appended = new CountDownLatch(1);
                    Thread holder = Thread.ofPlatform().start(() -> {
                        try {
                            transaction.executeWithoutResult(status -> {
                                commands.sendAndWait(GenericCommandMessage.asCommandMessage(submission)
                                        .andMetaData(Map.of(
                                                AxonPersistenceConfiguration.PRODUCING_PARTICIPANT,
                                                load.dataServiceId())));
                                appended.countDown();
                                LockSupport.parkNanos(LATE_COMMIT.toNanos());
                            });
                        } catch (Throwable e) {
                            failed.set(e);
                            appended.countDown();
                        }
                    });
                    assertThat(appended.await(60, TimeUnit.SECONDS)).isTrue();
                    load.faultTookEffect();
                    // what refused and rolled-back commands do to the sequence, 20,000 times
                    survivor.jdbc()
                            .sql("SELECT count(nextval('axon.domain_event_entry_global_index_seq'))"
                                    + " FROM generate_series(1, 20000)")
                            .query(Long.class)
                            .single();
                    holder.join();
                }),
                BEFORE,
                AFTER,
                this::database);

        assertThat(failed.get()).isNull();
        assertSurvived(report);
        assertThat(report.longestPauseSeconds())
                .as("submissions were acknowledged while the late transaction was open")
                .isLessThan(LATE_COMMIT.toSeconds());
        assertThat(load.notDelivered(late.getKey(), late.getValue(), Duration.ofSeconds(60)))
                .as("subscribers without the late commit's event")
                .isEmpty();
    }

    /** The dead letters of the event, in every projection. */
    private static List<DeadLetter> deadLettersOf(
            ProjectionServiceGrpc.ProjectionServiceBlockingStub operator, String eventId) {
        List<DeadLetter> letters = new ArrayList<>();
        for (Projection projection : operator.listProjections(ListProjectionsRequest.getDefaultInstance())
                .getProjectionsList()) {
            operator
                    .listDeadLetters(ListDeadLettersRequest.newBuilder()
                            .setProjection(projection.getName())
                            .build())
                    .getDeadLettersList()
                    .stream()
                    .filter(letter -> letter.getEventId().equals(eventId))
                    .forEach(letters::add);
        }
        return letters;
    }

    @Test
    @Order(5)
    void theLossOfThePrimaryLosesNothingAndTheHubFollowsThePromotedStandbyWithoutARestart() throws Exception {
        FaultReport report = load.survive(
                Fault.of("primary loss (SIGKILL, standby promoted)", () -> {
                    postgres.killPrimary();
                    load.faultTookEffect();
                    postgres.promoteStandby();
                }),
                BEFORE,
                AFTER,
                postgres::standbyJdbc);

        assertSurvived(report);
        // the load went on through the node that never restarted; a refusal meanwhile told the client to come back
        assertThat(report.secondsToFirstNewAcknowledgement()).isLessThan(AFTER.toSeconds());
        // (plain UNAVAILABLE: a retry that reached the killed node)
        assertThat(report.refusals().keySet())
                .allMatch(refusal -> refusal.equals("UNAVAILABLE/" + DatabaseUnavailable.REASON)
                        || refusal.equals("UNAVAILABLE")
                        || refusal.equals("DEADLINE_EXCEEDED"));
        // every tracking processor works again, on the new primary, and the deadlines' scheduler runs
        EventProcessingConfiguration processing = survivor.context().getBean(EventProcessingConfiguration.class);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(processing.eventProcessors().values())
                        .filteredOn(StreamingEventProcessor.class::isInstance)
                        .map(StreamingEventProcessor.class::cast)
                        .allSatisfy(processor -> assertThat(
                                        processor.processingStatus().values())
                                .as(processor.getName())
                                .isNotEmpty()
                                .noneMatch(status -> status.isErrorState())));
        assertThat(survivor.context()
                        .getBean(Scheduler.class)
                        .getSchedulerState()
                        .isStarted())
                .isTrue();
        System.out.printf(
                "database failover: first new acknowledgement %.1f s after SIGKILL of the primary (promotion"
                        + " included), longest time without an acknowledgement %.1f s%n",
                report.secondsToFirstNewAcknowledgement(), report.longestPauseSeconds());
    }

    private org.springframework.jdbc.core.simple.JdbcClient database() {
        return survivor.jdbc();
    }

    private void assertSurvived(FaultReport report) {
        reports.add(report);
        assertThat(report.lostFromTheStore())
                .as("acknowledged, not in the store")
                .isEmpty();
        assertThat(report.lostFromStreams())
                .allSatisfy((subscriber, lost) -> assertThat(lost)
                        .as("acknowledged, not in %s's stream", subscriber)
                        .isEmpty());
        assertThat(report.duplicatesBeyondAtLeastOnce())
                .allSatisfy((subscriber, duplicates) ->
                        assertThat(duplicates).as("%s's stream", subscriber).isEmpty());
        assertThat(report.survived()).isTrue();
        assertThat(report.acknowledged()).isPositive();
        assertThat(load.unexpectedAnswers()).isEmpty();
    }

    private static <T extends com.google.protobuf.Message> T unpack(com.google.protobuf.Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (load != null) {
                load.close();
            }
            if (survivor != null) {
                survivor.close();
            }
            if (doomed != null) {
                doomed.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        String file = System.getProperty("hub.chaos.report");
        if (file != null) {
            List<String> lines = reports.stream().map(FaultReport::json).toList();
            Files.write(Path.of(file), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
