package org.mhhs.backbone.grpc.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.TestSubscriber.from;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AllocatedVolume;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.ListAllocatedVolumesRequest;
import org.mhhs.backbone.grpc.v1.ListProjectionsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.Projection;
import org.mhhs.backbone.grpc.v1.ProjectionServiceGrpc;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.hub.AxonPersistenceConfiguration;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.ConsumptionDayId;
import org.mhhs.backbone.metering.api.Quality;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An acknowledged event is never passed over however late its transaction commits (docs/adr/0016). A consumption
 * submission appends its event through the hub's command bus and event store in a transaction held open, while
 * 20,000 global indexes are burned (twice Axon's default maximum gap offset) and later submissions commit and are
 * acknowledged through the gRPC API. No processor passes the open transaction; once it commits, the supplier, the DNO
 * and central settlement receive it before the later ones, and the allocation counts it.
 */
@HubIntegrationTest
class LateCommitIntegrationTest {

    private static final int BURNED_INDEXES = 20_000;
    private static final int LATER_SUBMISSIONS = 10;

    @Autowired
    HubClient hub;

    @Autowired
    CommandGateway commands;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSubmissionCommittedBehindTwentyThousandIndexesAndLaterOnesReachesEverySubscriberAndTheAllocation()
            throws Exception {
        Market market = new Market(hub);
        SettlementMarket settlement = new SettlementMarket(hub, market);
        Parties parties = settlement.parties("_K");
        String central = market.participant('C', MarketRole.MARKET_ROLE_CENTRAL_SETTLEMENT);
        String held = settlement.meteringPoint(parties);
        String other = settlement.meteringPoint(parties);
        LocalDate heldDay = MarketDays.lastYear(Month.OCTOBER, 1);
        List<LocalDate> laterDays = IntStream.rangeClosed(2, 1 + LATER_SUBMISSIONS)
                .mapToObj(day -> MarketDays.lastYear(Month.OCTOBER, day))
                .toList();
        // both metering points accept consumption before the hold: the appointments have reached every read model
        settlement.submit(
                parties.dataService(),
                held,
                MarketDays.lastYear(Month.SEPTEMBER, 30).toString(),
                "0.001");
        settlement.submit(
                parties.dataService(),
                other,
                MarketDays.lastYear(Month.SEPTEMBER, 30).toString(),
                "0.001");

        List<TestSubscriber> subscribers = new ArrayList<>();
        try {
            for (String participant : List.of(parties.supplier(), parties.dno(), central)) {
                TestSubscriber subscriber = TestSubscriber.open(
                        hub.channel(),
                        market.token(participant),
                        from("late-commit", StartFrom.START_FROM_LATEST).build());
                subscriber.opened();
                subscribers.add(subscriber);
            }

            CountDownLatch stored = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            AtomicLong heldIndex = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            SubmitConsumption submission = SubmitConsumption.of(
                    Mpan.of(held), heldDay, readings("0.250"), ParticipantId.of(parties.dataService()));
            Thread holder = Thread.ofPlatform().start(() -> {
                try {
                    transaction.executeWithoutResult(status -> {
                        commands.sendAndWait(GenericCommandMessage.asCommandMessage(submission)
                                .andMetaData(Map.of(
                                        AxonPersistenceConfiguration.PRODUCING_PARTICIPANT, parties.dataService())));
                        heldIndex.set(globalIndexOf(submission.consumptionDayId()));
                        stored.countDown();
                        awaitQuietly(commit);
                    });
                } catch (Throwable e) {
                    failure.set(e);
                    stored.countDown();
                }
            });
            try {
                assertThat(stored.await(60, TimeUnit.SECONDS)).isTrue();
                assertThat(failure.get()).isNull();

                // what refused and rolled-back commands do to the sequence, 20,000 times
                jdbc.sql("SELECT count(nextval('axon.domain_event_entry_global_index_seq'))"
                                + " FROM generate_series(1, :burned)")
                        .param("burned", BURNED_INDEXES)
                        .query(Long.class)
                        .single();
                for (LocalDate day : laterDays) {
                    assertThat(settlement.submit(parties.dataService(), other, day.toString(), "1.000"))
                            .isOne();
                }
                assertThat(laterDays)
                        .allSatisfy(day -> assertThat(globalIndexOf(dayOf(other, day)))
                                .isGreaterThan(heldIndex.get() + BURNED_INDEXES));

                // acknowledged and committed behind an open transaction: no processor passes it, for any length of
                // time (Axon's default reader would have given it up at once, 10,000 indexes behind)
                await().during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> positions().get("notification") < heldIndex.get()
                                && positions().get("settlement-allocation") < heldIndex.get()
                                && subscribers.stream()
                                        .allMatch(s -> s.events().stream()
                                                .noneMatch(e ->
                                                        laterDays.stream().anyMatch(day -> recorded(e, other, day)))));
            } finally {
                commit.countDown();
                holder.join();
            }
            assertThat(failure.get()).isNull();

            for (TestSubscriber subscriber : subscribers) {
                EventEnvelope late = subscriber.awaitEvent(e -> recorded(e, held, heldDay));
                for (LocalDate day : laterDays) {
                    assertThat(subscriber
                                    .awaitEvent(e -> recorded(e, other, day))
                                    .getPosition())
                            .isGreaterThan(late.getPosition());
                }
            }
            await().untilAsserted(() -> assertThat(market.settlement(parties.supplier())
                            .listAllocatedVolumes(ListAllocatedVolumesRequest.newBuilder()
                                    .setSettlementDate(heldDay.toString())
                                    .setSupplierId(parties.supplier())
                                    .build())
                            .getVolumesList())
                    .hasSize(48)
                    .allSatisfy(cell -> assertThat(cell.getKwh()).isEqualTo("0.250"))
                    .extracting(AllocatedVolume::getMpanCount)
                    .containsOnly(1));
        } finally {
            subscribers.forEach(TestSubscriber::close);
        }
    }

    private Map<String, Long> positions() {
        return hub
                .as(ProjectionServiceGrpc.newBlockingStub(hub.channel()), hub.operatorToken())
                .listProjections(ListProjectionsRequest.getDefaultInstance())
                .getProjectionsList()
                .stream()
                .collect(Collectors.toMap(Projection::getName, Projection::getPosition));
    }

    private long globalIndexOf(String aggregate) {
        return jdbc.sql("SELECT max(global_index) FROM axon.domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", aggregate)
                .query(Long.class)
                .single();
    }

    private static String dayOf(String mpan, LocalDate day) {
        return ConsumptionDayId.of(Mpan.of(mpan), day);
    }

    private static List<SubmitConsumption.Reading> readings(String kwh) {
        return IntStream.rangeClosed(1, 48)
                .mapToObj(period ->
                        new SubmitConsumption.Reading(period, Energy.ofKwh(new BigDecimal(kwh)), Quality.ACTUAL))
                .toList();
    }

    private static boolean recorded(EventEnvelope event, String mpan, LocalDate day) {
        return event.hasConsumptionRecorded()
                && event.getConsumptionRecorded().getMpan().equals(mpan)
                && event.getConsumptionRecorded().getSettlementDate().equals(day.toString());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
