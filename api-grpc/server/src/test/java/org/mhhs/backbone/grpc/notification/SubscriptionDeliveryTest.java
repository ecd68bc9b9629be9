package org.mhhs.backbone.grpc.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.TestSubscriber.from;
import static org.mhhs.backbone.testing.TestSubscriber.registered;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.ListSubscribersRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.Subscriber;
import org.mhhs.backbone.grpc.v1.SubscriptionServiceGrpc;
import org.mhhs.backbone.isd.api.ParticipantRegistered;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery guarantees of subscriptions: no event skipped (an open transaction holds back what committed after it,
 * docs/adr/0016), and a stalled consumer costs the others nothing.
 */
@HubIntegrationTest
class SubscriptionDeliveryTest {

    @Autowired
    HubClient hub;

    @Autowired
    EventStorageEngine eventStore;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEventWhoseTransactionCommitsAfterLaterOnesHoldsThemBackAndIsDeliveredFirst() throws Exception {
        Market market = new Market(hub);
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String slow = MarketIds.mpid('L');
        String fast = MarketIds.mpid('F');
        String marker = MarketIds.mpid('M');
        try (TestSubscriber subscriber = TestSubscriber.open(
                hub.channel(),
                market.token(supplier),
                from("gaps", StartFrom.START_FROM_LATEST).build())) {
            subscriber.opened();
            CountDownLatch stored = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread earlier = Thread.ofPlatform().start(() -> {
                try {
                    transaction.executeWithoutResult(status -> {
                        // takes the lower global index, then holds its transaction open
                        eventStore.appendEvents(new GenericDomainEventMessage<>(
                                "Participant",
                                slow,
                                0,
                                new ParticipantRegistered(ParticipantId.of(slow), "Committed late")));
                        stored.countDown();
                        awaitQuietly(commit);
                    });
                } catch (Throwable e) {
                    failure.set(e);
                    stored.countDown();
                }
            });
            assertThat(stored.await(30, TimeUnit.SECONDS)).isTrue();
            for (String later : List.of(fast, marker)) {
                hub.operatorIsd()
                        .registerParticipant(RegisterParticipantRequest.newBuilder()
                                .setHeader(newCommand())
                                .setParticipantId(later)
                                .setName("Committed first")
                                .build());
            }

            // both later events are committed and acknowledged, but the stream waits for the open transaction
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() ->
                            subscriber.events().stream().noneMatch(e -> registered(e, fast) || registered(e, marker)));

            commit.countDown();
            earlier.join();
            assertThat(failure.get()).isNull();
            EventEnvelope committedLate = subscriber.awaitEvent(e -> registered(e, slow));
            EventEnvelope later = subscriber.awaitEvent(e -> registered(e, fast));
            EventEnvelope last = subscriber.awaitEvent(e -> registered(e, marker));
            assertThat(globalIndexOf(slow)).isLessThan(globalIndexOf(fast));
            assertThat(committedLate.getPosition()).isLessThan(later.getPosition());
            assertThat(later.getPosition()).isLessThan(last.getPosition());
        }
    }

    @Test
    void aConsumerThatStopsReadingIsHeldBackWithoutBufferingWhileOthersReceiveEverything() throws Exception {
        Market market = new Market(hub);
        String stalledParticipant = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String readingParticipant = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        int events = 3_000;
        // a client with a small HTTP/2 window, so that the transport itself holds little
        ManagedChannel smallWindow = NettyChannelBuilder.forAddress("localhost", hub.port())
                .usePlaintext()
                .flowControlWindow(32 * 1024)
                .build();
        try (TestSubscriber stalled = TestSubscriber.paused(
                        smallWindow,
                        market.token(stalledParticipant),
                        from("stalled", StartFrom.START_FROM_LATEST).build());
                TestSubscriber reading = TestSubscriber.open(
                        hub.channel(),
                        market.token(readingParticipant),
                        from("reading", StartFrom.START_FROM_LATEST).build())) {
            long start = stalled.opened().getHeadPosition();
            reading.opened();

            List<String> registered = registerParticipants(events);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> received(reading, registered).size() == events);
            assertThat(received(reading, registered)).containsExactlyInAnyOrderElementsOf(registered);

            Subscriber held = subscriber(stalledParticipant);
            long headNow = hub.as(SubscriptionServiceGrpc.newBlockingStub(hub.channel()), hub.operatorToken())
                    .listSubscribers(ListSubscribersRequest.getDefaultInstance())
                    .getHeadPosition();
            System.out.printf(
                    "stalled subscriber: %d of %d events taken by gRPC's buffers before it was held back%n",
                    held.getEventsDelivered(), events);
            assertThat(held.getReady()).isFalse();
            assertThat(held.getEventsDelivered()).isLessThan(events / 2);
            assertThat(held.getLag()).isGreaterThan(events / 2);
            assertThat(headNow - start).isGreaterThanOrEqualTo(events);

            stalled.request(Integer.MAX_VALUE);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> received(stalled, registered).size() == events);
            assertThat(received(stalled, registered)).containsExactlyElementsOf(received(reading, registered));
        } finally {
            smallWindow.shutdownNow();
        }
    }

    private long globalIndexOf(String participant) {
        return jdbc.sql("SELECT global_index FROM axon.domain_event_entry"
                        + " WHERE aggregate_identifier = :id AND sequence_number = 0")
                .param("id", participant)
                .query(Long.class)
                .single();
    }

    private Subscriber subscriber(String participant) {
        return await().until(
                        () -> hub
                                .as(SubscriptionServiceGrpc.newBlockingStub(hub.channel()), hub.operatorToken())
                                .listSubscribers(ListSubscribersRequest.getDefaultInstance())
                                .getSubscribersList()
                                .stream()
                                .filter(s -> s.getParticipantId().equals(participant))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** Registers participants with up to 16 commands in flight; returns the ids in the order they were stored. */
    private List<String> registerParticipants(int count) throws Exception {
        IsdServiceGrpc.IsdServiceFutureStub isd =
                hub.as(IsdServiceGrpc.newFutureStub(hub.channel()), hub.operatorToken());
        Semaphore inFlight = new Semaphore(16);
        List<ListenableFuture<?>> calls = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = MarketIds.mpid('P');
            ids.add(id);
            inFlight.acquire();
            ListenableFuture<?> call = isd.registerParticipant(RegisterParticipantRequest.newBuilder()
                    .setHeader(newCommand())
                    .setParticipantId(id)
                    .setName("Participant " + id)
                    .build());
            call.addListener(inFlight::release, Runnable::run);
            calls.add(call);
        }
        for (ListenableFuture<?> call : calls) {
            call.get(60, TimeUnit.SECONDS);
        }
        return ids;
    }

    /** The participants registered among these, in the order the subscriber received them. */
    private static List<String> received(TestSubscriber subscriber, List<String> among) {
        assertThat(subscriber.events())
                .extracting(EventEnvelope::getPosition)
                .isSorted()
                .doesNotHaveDuplicates();
        return subscriber.events().stream()
                .filter(EventEnvelope::hasParticipantRegistered)
                .map(e -> e.getParticipantRegistered().getParticipantId())
                .filter(among::contains)
                .toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
