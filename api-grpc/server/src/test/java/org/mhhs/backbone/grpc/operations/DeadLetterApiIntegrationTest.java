package org.mhhs.backbone.grpc.operations;

import static java.time.Month.SEPTEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.HubClient.violatedFields;
import static org.mhhs.backbone.testing.MarketDays.lastYear;
import static org.mhhs.backbone.testing.TestSubscriber.from;

import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.HubApplication;
import org.mhhs.backbone.grpc.v1.DeadLetter;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.EvictDeadLetterRequest;
import org.mhhs.backbone.grpc.v1.ListDeadLettersRequest;
import org.mhhs.backbone.grpc.v1.ListProjectionsRequest;
import org.mhhs.backbone.grpc.v1.ListSettlementRunsRequest;
import org.mhhs.backbone.grpc.v1.Projection;
import org.mhhs.backbone.grpc.v1.ProjectionServiceGrpc;
import org.mhhs.backbone.grpc.v1.ProjectionState;
import org.mhhs.backbone.grpc.v1.RetryDeadLetterRequest;
import org.mhhs.backbone.grpc.v1.RetryDeadLetterResponse;
import org.mhhs.backbone.grpc.v1.SettlementRun;
import org.mhhs.backbone.grpc.v1.SettlementRunType;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.StartSettlementRunRequest;
import org.mhhs.backbone.hub.ReadinessProbe;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A poison event (a handler of the delivery feed's processor fails on the consumption of one MPAN, injected by this
 * test's configuration) through the real gRPC API on PostgreSQL: the processor retries, parks it and goes on; other
 * participants' streams keep flowing; the supplier sees a withheld envelope at the event's place, and one for the
 * next event of the same aggregate, which waits behind it; the operator lists the dead letters, the hub reports them
 * (readiness DEGRADED, ListProjections, the gauge); once the cause is fixed a retry delivers both events for real, in
 * order; an eviction removes a letter and is audited; no settlement run freezes an allocation with a parked event; a
 * transient failure parks nothing. A hub of its own: the poison handlers are this test's.
 */
@SpringBootTest(
        classes = HubApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "hub.dead-letters.attempts-before-parking=2")
@ActiveProfiles("test")
@Import({HubClient.class, DeadLetterApiIntegrationTest.PoisonConfiguration.class})
class DeadLetterApiIntegrationTest {

    private static final String OPERATOR = "OPER";
    private static final String NOTIFICATION = "notification";
    private static final String ALLOCATION = "settlement-allocation";

    @Autowired
    HubClient hub;

    @Autowired
    Poison poison;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int managementPort;

    Market market;
    SettlementMarket settlementMarket;

    @BeforeEach
    void aMarket() {
        market = new Market(hub);
        settlementMarket = new SettlementMarket(hub, market);
    }

    @Test
    void aPoisonEventIsParkedWithheldInTheFeedAndDeliveredWhenRetriedAfterTheFix() throws Exception {
        Parties poisoned = settlementMarket.parties("_G");
        Parties healthy = settlementMarket.parties("_G");
        String poisonedMpan = settlementMarket.meteringPoint(poisoned);
        String healthyMpan = settlementMarket.meteringPoint(healthy);
        String day = lastYear(SEPTEMBER, 7).toString();
        poison.mpans.add(poisonedMpan);

        try (TestSubscriber supplier = subscriber(poisoned.supplier());
                TestSubscriber otherSupplier = subscriber(healthy.supplier())) {
            settlementMarket.submit(poisoned.dataService(), poisonedMpan, day, "1.000");
            settlementMarket.submit(healthy.dataService(), healthyMpan, day, "2.000");

            EventEnvelope healthyDelivery = otherSupplier.awaitEvent(event -> event.hasConsumptionRecorded()
                    && event.getConsumptionRecorded().getMpan().equals(healthyMpan));
            EventEnvelope withheld = supplier.awaitEvent(EventEnvelope::hasWithheld);
            assertThat(withheld.getWithheld().getReason()).isEqualTo("ProcessingFailed");
            assertThat(withheld.getType()).isEqualTo("ConsumptionRecorded");
            assertThat(withheld.getAggregateId()).contains(poisonedMpan);
            assertThat(withheld.hasConsumptionRecorded())
                    .as("a withheld envelope carries no content")
                    .isFalse();
            assertThat(withheld.getProducer()).isEmpty();
            assertThat(otherSupplier.events())
                    .as("the other supplier never sees the poisoned MPAN's events")
                    .noneMatch(event -> event.getAggregateId().contains(poisonedMpan));

            // a later event of the same aggregate (MPAN and day) waits behind the parked one, also withheld
            settlementMarket.submit(poisoned.dataService(), poisonedMpan, day, "3.000");
            EventEnvelope waiting = supplier.awaitEvent(event ->
                    event.hasWithheld() && event.getWithheld().getReason().equals("WaitingBehindParkedEvent"));
            assertThat(waiting.getPosition()).isGreaterThan(withheld.getPosition());
            assertThat(waiting.getAggregateSequence()).isGreaterThan(withheld.getAggregateSequence());

            List<DeadLetter> letters = deadLetters(NOTIFICATION);
            assertThat(letters).hasSize(2);
            DeadLetter first = letters.get(0);
            assertThat(first.getEventId()).isEqualTo(withheld.getEventId());
            assertThat(first.getEventType()).isEqualTo("ConsumptionRecorded");
            assertThat(first.getCauseType()).isEqualTo(IllegalStateException.class.getName());
            assertThat(first.getCauseMessage()).contains("poisoned by the test");
            assertThat(first.getAttempts()).isEqualTo(2);
            assertThat(letters.get(1).getEventId()).isEqualTo(waiting.getEventId());
            assertThat(letters.get(1).getSequenceId()).isEqualTo(first.getSequenceId());
            assertThat(letters.get(1).getCauseType())
                    .as("queued behind, never failed itself")
                    .isEmpty();

            assertThat(notificationProjection().getState()).isEqualTo(ProjectionState.PROJECTION_STATE_DEGRADED);
            assertThat(notificationProjection().getDeadLetters()).isEqualTo(2);
            assertThat(parkedGauge()).isEqualTo(2.0);
            HttpResponse<String> readiness = readiness();
            assertThat(readiness.statusCode())
                    .as("a parked event takes no node out of service")
                    .isEqualTo(200);
            assertThat(readiness.body()).contains("\"status\":\"DEGRADED\"", "\"deadLetters\"", "\"notification\":2");
            assertThat(ReadinessProbe.isReady(managementPort)).isTrue();

            var behind = refused(() -> retry(letters.get(1).getDeadLetterId()));
            assertThat(code(behind)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(reason(behind)).isEqualTo("DeadLetterMustBeFirstOfItsSequence");

            RetryDeadLetterResponse stillPoisoned = retry(first.getDeadLetterId());
            assertThat(stillPoisoned.getSucceeded()).isFalse();
            assertThat(stillPoisoned.getRemaining()).isEqualTo(2);
            assertThat(deadLetters(NOTIFICATION).get(0).getRetries()).isEqualTo(1);

            poison.mpans.remove(poisonedMpan);
            RetryDeadLetterResponse fixed = retry(first.getDeadLetterId());
            assertThat(fixed.getSucceeded()).isTrue();
            assertThat(fixed.getRemaining()).isZero();

            EventEnvelope delivered = supplier.awaitEvent(event ->
                    event.hasConsumptionRecorded() && event.getEventId().equals(withheld.getEventId()));
            EventEnvelope deliveredNext = supplier.awaitEvent(event ->
                    event.hasConsumptionRecorded() && event.getEventId().equals(waiting.getEventId()));
            assertThat(delivered.getPosition()).isGreaterThan(waiting.getPosition());
            assertThat(deliveredNext.getPosition()).isGreaterThan(delivered.getPosition());
            assertThat(deliveredNext.getConsumptionRecorded().getVersion()).isEqualTo(2);
            assertThat(healthyDelivery.getPosition()).isPositive();
        }
        assertThat(deadLetters(NOTIFICATION)).isEmpty();
        assertThat(notificationProjection().getState()).isEqualTo(ProjectionState.PROJECTION_STATE_RUNNING);
        assertThat(parkedGauge()).isZero();
        assertThat(readiness().body())
                .contains("\"deadLetters\":{\"status\":\"UP\"}")
                .endsWith("\"status\":\"UP\"}");
        assertThat(audited("RetryDeadLetter")).anyMatch(detail -> detail.contains("processed"));
    }

    /** A database blip outlasting the attempts before parking is retried until it passes: the event is delivered. */
    @Test
    void aTransientFailureIsRetriedUntilItPassesAndParksNothing() {
        Parties parties = settlementMarket.parties("_K");
        String mpan = settlementMarket.meteringPoint(parties);
        poison.blips.put(mpan, 3);

        try (TestSubscriber supplier = subscriber(parties.supplier())) {
            settlementMarket.submit(
                    parties.dataService(), mpan, lastYear(SEPTEMBER, 9).toString(), "1.000");

            EventEnvelope delivered =
                    supplier.awaitEvent(event -> event.getType().equals("ConsumptionRecorded")
                            && event.getAggregateId().contains(mpan));
            assertThat(delivered.hasConsumptionRecorded()).isTrue();
            assertThat(delivered.hasWithheld()).isFalse();
        }
        assertThat(poison.blips.get(mpan)).as("every blip was met by a retry").isZero();
        assertThat(deadLetters(NOTIFICATION))
                .noneMatch(parked -> parked.getAggregateId().contains(mpan));
    }

    @Test
    void anEvictedDeadLetterLeavesTheQueueAndTheAuditTrailSaysWho() {
        Parties parties = settlementMarket.parties("_H");
        String mpan = settlementMarket.meteringPoint(parties);
        poison.mpans.add(mpan);
        try {
            settlementMarket.submit(
                    parties.dataService(), mpan, lastYear(SEPTEMBER, 8).toString(), "1.000");
            DeadLetter letter = await().until(
                            () -> deadLetters(NOTIFICATION).stream()
                                    .filter(parked -> parked.getAggregateId().contains(mpan))
                                    .findFirst(),
                            found -> found.isPresent())
                    .orElseThrow();

            var bySupplier = refused(() -> market.projections(parties.supplier())
                    .listDeadLetters(ListDeadLettersRequest.newBuilder()
                            .setProjection(NOTIFICATION)
                            .build()));
            assertThat(code(bySupplier)).isEqualTo(Status.Code.PERMISSION_DENIED);
            var byAuditor = refused(() -> evict(parties.auditor(), letter.getDeadLetterId()));
            assertThat(code(byAuditor)).isEqualTo(Status.Code.PERMISSION_DENIED);

            assertThat(evict(OPERATOR, letter.getDeadLetterId())).isZero();
        } finally {
            poison.mpans.remove(mpan);
        }
        assertThat(deadLetters(NOTIFICATION))
                .noneMatch(parked -> parked.getAggregateId().contains(mpan));
        assertThat(audited("EvictDeadLetter")).anyMatch(detail -> detail.contains("evicted") && detail.contains(mpan));
    }

    /** A run freezes the allocation at its processor's position: never while that position passed a parked event. */
    @Test
    void noSettlementRunWhileTheAllocationHasParkedEvents() {
        LocalDate day = MarketDays.today().minusDays(20).with(TemporalAdjusters.previousOrSame(DayOfWeek.WEDNESDAY));
        Parties parties = settlementMarket.parties("_J");
        String mpan = settlementMarket.meteringPoint(
                parties.gspGroup(),
                parties.registrationService(),
                parties.supplier(),
                parties.dataService(),
                day.minusDays(5).toString());
        settlementMarket.runSchedule(SettlementMarket.SHORT_SCHEDULE);
        poison.allocationMpans.add(mpan);
        settlementMarket.submit(parties.dataService(), mpan, day.toString(), "0.250");
        DeadLetter parked = await().until(() -> deadLetters(ALLOCATION), letters -> !letters.isEmpty())
                .getFirst();

        var refusedRun = refused(() -> startSf(day));
        assertThat(code(refusedRun)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusedRun)).isEqualTo("AllocationMustBeCurrent");
        assertThat(refusedRun.getStatus().getDescription()).contains("parked");

        poison.allocationMpans.remove(mpan);
        assertThat(retry(ALLOCATION, parked.getDeadLetterId()).getSucceeded()).isTrue();
        startSf(day);
        await().untilAsserted(() -> assertThat(market.settlement(OPERATOR)
                        .listSettlementRuns(ListSettlementRunsRequest.newBuilder()
                                .setSettlementDate(day.toString())
                                .build())
                        .getRunsList())
                .extracting(SettlementRun::getRunType)
                .containsExactly(SettlementRunType.SETTLEMENT_RUN_TYPE_SF));
    }

    @Test
    void anUnknownOrMalformedDeadLetterOrProjectionIsRefusedPrecisely() {
        var unknownLetter = refused(() -> retry(UUID.randomUUID().toString()));
        assertThat(code(unknownLetter)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(unknownLetter)).isEqualTo("DeadLetterNotFound");

        var unknownToEvict = refused(() -> evict(OPERATOR, UUID.randomUUID().toString()));
        assertThat(code(unknownToEvict)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(unknownToEvict)).isEqualTo("DeadLetterNotFound");

        var malformed = refused(() -> retry("not-a-uuid"));
        assertThat(code(malformed)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(malformed)).containsExactly("dead_letter_id");

        var unknownProjection = refused(() -> deadLetters("no-such-projection"));
        assertThat(code(unknownProjection)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(unknownProjection)).isEqualTo("ProjectionMustExist");
    }

    private TestSubscriber subscriber(String participant) {
        TestSubscriber subscriber = TestSubscriber.open(
                hub.channel(),
                market.token(participant),
                from("dead-letters", StartFrom.START_FROM_LATEST).build());
        subscriber.opened();
        return subscriber;
    }

    private ProjectionServiceGrpc.ProjectionServiceBlockingStub operator() {
        return market.projections(OPERATOR);
    }

    private List<DeadLetter> deadLetters(String projection) {
        return operator()
                .listDeadLetters(ListDeadLettersRequest.newBuilder()
                        .setProjection(projection)
                        .build())
                .getDeadLettersList();
    }

    private RetryDeadLetterResponse retry(String deadLetterId) {
        return retry(NOTIFICATION, deadLetterId);
    }

    private RetryDeadLetterResponse retry(String projection, String deadLetterId) {
        return operator()
                .retryDeadLetter(RetryDeadLetterRequest.newBuilder()
                        .setProjection(projection)
                        .setDeadLetterId(deadLetterId)
                        .build());
    }

    private void startSf(LocalDate day) {
        market.settlement(OPERATOR)
                .startSettlementRun(StartSettlementRunRequest.newBuilder()
                        .setHeader(newCommand())
                        .setSettlementDate(day.toString())
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                        .build());
    }

    private long evict(String who, String deadLetterId) {
        return market.projections(who)
                .evictDeadLetter(EvictDeadLetterRequest.newBuilder()
                        .setProjection(NOTIFICATION)
                        .setDeadLetterId(deadLetterId)
                        .build())
                .getRemaining();
    }

    private Projection notificationProjection() {
        return operator().listProjections(ListProjectionsRequest.getDefaultInstance()).getProjectionsList().stream()
                .filter(projection -> projection.getName().equals(NOTIFICATION))
                .findFirst()
                .orElseThrow();
    }

    private double parkedGauge() {
        return meters.get("hub.projection.dead.letters")
                .tag("processor", NOTIFICATION)
                .gauge()
                .value();
    }

    private HttpResponse<String> readiness() throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private List<String> audited(String rpc) {
        return jdbc.sql("SELECT detail FROM access.audit_trail WHERE category = 'DEAD_LETTER' AND participant_id = :who"
                        + " AND rpc LIKE :rpc")
                .param("who", OPERATOR)
                .param("rpc", "%/" + rpc)
                .query(String.class)
                .list();
    }

    @TestConfiguration
    static class PoisonConfiguration {

        @Bean
        Poison poison() {
            return new Poison();
        }

        @Bean
        AllocationPoison allocationPoison(Poison poison) {
            return new AllocationPoison(poison);
        }
    }

    /** A handler of the allocation processor that fails on the consumption of the MPANs the test poisons for it. */
    @ProcessingGroup(ALLOCATION)
    static class AllocationPoison {

        private final Poison poison;

        AllocationPoison(Poison poison) {
            this.poison = poison;
        }

        @EventHandler
        void on(ConsumptionRecorded event) {
            if (poison.allocationMpans.contains(event.mpan().value())) {
                throw new IllegalStateException("allocation of " + event.mpan().value() + " poisoned by the test");
            }
        }
    }

    /** A handler of the delivery feed's processor that fails on the consumption of the MPANs the test poisons. */
    @ProcessingGroup(NOTIFICATION)
    static class Poison {

        final Set<String> mpans = ConcurrentHashMap.newKeySet();
        final Set<String> allocationMpans = ConcurrentHashMap.newKeySet();
        /** MPANs whose consumption meets a lost database connection, with the number of failures to come. */
        final Map<String, Integer> blips = new ConcurrentHashMap<>();

        @EventHandler
        void on(ConsumptionRecorded event) {
            if (mpans.contains(event.mpan().value())) {
                throw new IllegalStateException("consumption of " + event.mpan().value() + " poisoned by the test");
            }
            if (blips.getOrDefault(event.mpan().value(), 0) > 0) {
                blips.merge(event.mpan().value(), -1, Integer::sum);
                throw new CannotGetJdbcConnectionException("connection lost (a blip injected by the test)");
            }
        }
    }
}
