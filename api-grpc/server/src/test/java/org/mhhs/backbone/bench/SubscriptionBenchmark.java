package org.mhhs.backbone.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.OpenSubscription;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.SubscribeRequest;
import org.mhhs.backbone.grpc.v1.SubscribeResponse;
import org.mhhs.backbone.grpc.v1.SubscriptionServiceGrpc;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.Quality;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subscriptions under load, printing figures (never failing on speed). Not part of the default run:
 * ./mvnw -pl api-grpc/server -am test -Dtest=SubscriptionBenchmark -DexcludedTestGroups= -Dsurefire.failIfNoSpecifiedTests=false
 * Sizes: -Dbench.backlog=200000 -Dbench.subscribers=400 -Dbench.rate=10 -Dbench.seconds=30
 * <ol>
 * <li>Feed publishing and catch-up: consumption events are appended to the event store in bulk (the command path
 * is IngestBenchmark's subject), the notification processor publishes them to the feed, and one subscriber reads
 * the whole backlog from its start; compared with a plain JDBC scan of the same feed rows.</li>
 * <li>Live fan-out: that many participants (a mix of roles) subscribed, the operator issuing broadcast commands at a
 * steady rate; latency from the command's acknowledgement to receipt at each subscriber; heap and resident size of
 * the JVM with the subscribers idle.</li>
 * </ol>
 * The gRPC clients run in the hub's JVM and share its two cores.
 */
@Tag("benchmark")
@HubIntegrationTest
@TestPropertySource(properties = "spring.grpc.server.health.actuator.update-rate=5s")
class SubscriptionBenchmark {

    private static final int BACKLOG = Integer.getInteger("bench.backlog", 200_000);
    private static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 400);
    private static final int RATE = Integer.getInteger("bench.rate", 10);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);

    @Autowired
    HubClient hub;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStorageEngine eventStore;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ConsumptionCipher cipher;

    @Test
    void catchUpOfOneSubscriberAgainstARawScan() throws Exception {
        Market market = new Market(hub);
        market.gspGroup("_F");
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        long headBefore = feedHead();

        long appendStart = System.nanoTime();
        appendConsumption(supplier, BACKLOG);
        double appendSeconds = (System.nanoTime() - appendStart) / 1e9;
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> feedHead() >= headBefore + BACKLOG);
        double publishSeconds = (System.nanoTime() - appendStart) / 1e9;
        long feedBytes = jdbc.queryForObject("SELECT pg_total_relation_size('notification.feed')", Long.class);
        long feedRows = jdbc.queryForObject("SELECT count(*) FROM notification.feed", Long.class);

        CountDownLatch all = new CountDownLatch(BACKLOG);
        long catchUpStart = System.nanoTime();
        ManagedChannel channel = channel();
        open(channel, market.token(supplier), OpenSubscription.newBuilder().setSubscriptionName("catch-up")
                .setStart(StartFrom.START_FROM_POSITION).setPosition(headBefore).build(), event -> {
                    if (event != null) {
                        all.countDown();
                    }
                });
        assertThat(all.await(30, TimeUnit.MINUTES)).isTrue();
        double catchUpSeconds = (System.nanoTime() - catchUpStart) / 1e9;

        // the same backlog to a client that counts messages without decoding them: the hub's side alone
        CountDownLatch allRaw = new CountDownLatch(BACKLOG + 1);
        long rawClientStart = System.nanoTime();
        var call = channel.newCall(SubscriptionServiceGrpc.getSubscribeMethod().toBuilder(
                        SubscriptionServiceGrpc.getSubscribeMethod().getRequestMarshaller(), new CountingMarshaller())
                .build(), io.grpc.CallOptions.DEFAULT.withCallCredentials(HubClient.bearer(market.token(supplier))));
        var requests = io.grpc.stub.ClientCalls.asyncBidiStreamingCall(call, new StreamObserver<Object>() {
            @Override
            public void onNext(Object response) {
                allRaw.countDown();
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        });
        requests.onNext(SubscribeRequest.newBuilder().setOpen(OpenSubscription.newBuilder()
                .setSubscriptionName("catch-up-raw").setStart(StartFrom.START_FROM_POSITION).setPosition(headBefore))
                .build());
        assertThat(allRaw.await(30, TimeUnit.MINUTES)).isTrue();
        double rawClientSeconds = (System.nanoTime() - rawClientStart) / 1e9;
        channel.shutdownNow();

        long scanStart = System.nanoTime();
        AtomicLong scanned = new AtomicLong();
        jdbc.setFetchSize(1000);
        transaction.executeWithoutResult(status -> jdbc.query("""
                SELECT position, event_type, audience, envelope FROM notification.feed
                WHERE position > ? ORDER BY position""", rs -> {
            rs.getLong(1);
            rs.getString(2);
            rs.getArray(3).getArray();
            rs.getBytes(4);
            scanned.incrementAndGet();
        }, headBefore));
        double scanSeconds = (System.nanoTime() - scanStart) / 1e9;

        double catchUpRate = BACKLOG / catchUpSeconds;
        double scanRate = scanned.get() / scanSeconds;
        System.out.printf("%nfeed publishing: %,d consumption events appended in %.1f s, all in the feed after %.1f s "
                + "= %,.0f events/s published%n", BACKLOG, appendSeconds, publishSeconds, BACKLOG / publishSeconds);
        System.out.printf("feed storage: %,d bytes for %,d rows = %.0f bytes per event (table, index, TOAST)%n",
                feedBytes, feedRows, (double) feedBytes / feedRows);
        System.out.printf("catch-up: one subscriber read %,d events from its start in %.1f s = %,.0f events/s "
                + "(client decoding every event in the hub's JVM)%n", BACKLOG, catchUpSeconds, catchUpRate);
        System.out.printf("catch-up, client not decoding: %,d events in %.1f s = %,.0f events/s%n", BACKLOG,
                rawClientSeconds, BACKLOG / rawClientSeconds);
        System.out.printf("raw PostgreSQL scan of the same feed rows: %,d rows in %.1f s = %,.0f rows/s; "
                + "catch-up / raw = %.2f%n", scanned.get(), scanSeconds, scanRate, catchUpRate / scanRate);
        System.out.printf("{\"benchmark\":\"subscription-catch-up\",\"events\":%d,\"published_per_s\":%.0f,"
                        + "\"catch_up_per_s\":%.0f,\"catch_up_not_decoding_per_s\":%.0f,\"raw_scan_per_s\":%.0f,"
                        + "\"feed_bytes_per_event\":%.0f}%n",
                BACKLOG, BACKLOG / publishSeconds, catchUpRate, BACKLOG / rawClientSeconds, scanRate,
                (double) feedBytes / feedRows);
    }

    @Test
    void liveFanOutToManySubscribers() throws Exception {
        Market market = new Market(hub);
        List<String> participants = new ArrayList<>();
        MarketRole[] mix = {MarketRole.MARKET_ROLE_SUPPLIER, MarketRole.MARKET_ROLE_SUPPLIER,
                MarketRole.MARKET_ROLE_DATA_SERVICE, MarketRole.MARKET_ROLE_METERING_SERVICE, MarketRole.MARKET_ROLE_DNO};
        long setupStart = System.nanoTime();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            participants.add(market.participant('Q', mix[i % mix.length]));
        }
        List<String> tokens = participants.stream().map(market::token).toList();
        System.out.printf("%nset-up: %d participants with tokens in %.1f s%n", SUBSCRIBERS,
                (System.nanoTime() - setupStart) / 1e9);

        Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
        List<long[]> receipts = java.util.Collections.synchronizedList(new ArrayList<>());
        List<ManagedChannel> channels = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            channels.add(channel());
        }
        CountDownLatch opened = new CountDownLatch(SUBSCRIBERS);
        Map<String, Integer> idNumbers = new ConcurrentHashMap<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            open(channels.get(i % channels.size()), tokens.get(i), OpenSubscription.newBuilder()
                    .setSubscriptionName("fan-out").setStart(StartFrom.START_FROM_LATEST).build(), event -> {
                        if (event == null) {
                            opened.countDown();
                        } else if (event.hasParticipantRegistered()) {
                            Integer number = idNumbers.get(event.getParticipantRegistered().getParticipantId());
                            if (number != null) {
                                long publishedAfterMicros = micros(event.getPublishedAt()) - micros(event.getOccurredAt());
                                receipts.add(new long[] {number, System.nanoTime(), publishedAfterMicros});
                            }
                        }
                    });
        }
        assertThat(opened.await(2, TimeUnit.MINUTES)).isTrue();
        Thread.sleep(2_000);
        System.gc();
        long heapIdle = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rssIdle = residentBytes();

        int commands = RATE * SECONDS;
        long[] ackTimes = new long[commands];
        long periodNanos = 1_000_000_000L / RATE;
        long start = System.nanoTime();
        for (int i = 0; i < commands; i++) {
            long due = start + i * periodNanos;
            while (System.nanoTime() < due) {
                Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            }
            String id = MarketIds.mpid('W');
            idNumbers.put(id, i);
            hub.operatorIsd().registerParticipant(RegisterParticipantRequest.newBuilder().setHeader(newCommand())
                    .setParticipantId(id).setName("Broadcast " + i).build());
            ackTimes[i] = System.nanoTime();
        }
        long expected = (long) commands * SUBSCRIBERS;
        await().atMost(Duration.ofMinutes(5)).until(() -> receipts.size() >= expected);
        double seconds = (System.nanoTime() - start) / 1e9;
        channels.forEach(ManagedChannel::shutdownNow);

        long[] latencies;
        synchronized (receipts) {
            latencies = receipts.stream().mapToLong(r -> Math.max(0, r[1] - ackTimes[(int) r[0]])).toArray();
        }
        Arrays.sort(latencies);
        int n = latencies.length;
        long[] publishing;
        synchronized (receipts) {
            publishing = receipts.stream().mapToLong(r -> r[2]).sorted().toArray();
        }
        System.out.printf("%nfrom the event's storage to its publication in the feed (notification processor): "
                + "p50 %.1f ms, p99 %.1f ms%n", publishing[n / 2] / 1e3, publishing[(int) (n * 0.99)] / 1e3);
        System.out.printf("fan-out: %d subscribers (suppliers, data and metering services, DNOs), %d broadcast "
                        + "events at %d/s = %,d deliveries in %.1f s; latency from acknowledgement to receipt: p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n", SUBSCRIBERS, commands, RATE, n, seconds,
                latencies[n / 2] / 1e6, latencies[(int) (n * 0.99)] / 1e6, latencies[n - 1] / 1e6);
        System.out.printf("memory with %d idle subscribers (hub and clients in one JVM): heap used %.0f MB, "
                + "resident %.0f MB%n", SUBSCRIBERS, heapIdle / 1e6, rssIdle / 1e6);
        System.out.printf("{\"benchmark\":\"subscription-fan-out\",\"subscribers\":%d,\"deliveries\":%d,"
                        + "\"p50_ms\":%.1f,\"p99_ms\":%.1f,\"max_ms\":%.1f,\"heap_idle_mb\":%.0f,\"rss_idle_mb\":%.0f}%n",
                SUBSCRIBERS, n, latencies[n / 2] / 1e6, latencies[(int) (n * 0.99)] / 1e6, latencies[n - 1] / 1e6,
                heapIdle / 1e6, rssIdle / 1e6);
        assertThat(n).isEqualTo(expected);
    }

    /** Opens a stream that acknowledges every 1,000 events; the handler gets null once opened, then each event. */
    private static void open(ManagedChannel channel, String token, OpenSubscription open,
                             Consumer<EventEnvelope> handler) {
        AtomicLong received = new AtomicLong();
        StreamObserver<SubscribeRequest>[] requests = new StreamObserver[1];
        requests[0] = SubscriptionServiceGrpc.newStub(channel).withCallCredentials(HubClient.bearer(token))
                .subscribe(new StreamObserver<>() {
                    @Override
                    public void onNext(SubscribeResponse response) {
                        if (response.hasOpened()) {
                            handler.accept(null);
                            return;
                        }
                        handler.accept(response.getEvent());
                        if (received.incrementAndGet() % 1000 == 0) {
                            synchronized (requests) {
                                requests[0].onNext(SubscribeRequest.newBuilder().setAck(
                                        org.mhhs.backbone.grpc.v1.Acknowledge.newBuilder()
                                                .setPosition(response.getEvent().getPosition())).build());
                            }
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        synchronized (requests) {
            requests[0].onNext(SubscribeRequest.newBuilder().setOpen(open).build());
        }
    }

    /** Reads each response as bytes and drops them. */
    private static final class CountingMarshaller implements io.grpc.MethodDescriptor.Marshaller<Object> {

        @Override
        public java.io.InputStream stream(Object value) {
            throw new UnsupportedOperationException("responses only");
        }

        @Override
        public Object parse(java.io.InputStream stream) {
            try {
                return stream.readAllBytes().length;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static long micros(com.google.protobuf.Timestamp timestamp) {
        return timestamp.getSeconds() * 1_000_000 + timestamp.getNanos() / 1_000;
    }

    private ManagedChannel channel() {
        return NettyChannelBuilder.forAddress("localhost", hub.port()).usePlaintext().build();
    }

    /** Appends consumption events for distinct MPAN-days straight to the event store, 1,000 per transaction. */
    private void appendConsumption(String supplier, int count) {
        List<SubmitConsumption.Reading> readings = new ArrayList<>();
        for (int period = 1; period <= 48; period++) {
            readings.add(new SubmitConsumption.Reading(period, Energy.ofWattHours(150 + (period * 37) % 400),
                    period % 12 == 0 ? Quality.ESTIMATED : Quality.ACTUAL));
        }
        ParticipantId supplierId = ParticipantId.of(supplier);
        ParticipantId dataService = ParticipantId.of("DSVC");
        for (int from = 0; from < count; from += 1000) {
            int batchStart = from;
            transaction.executeWithoutResult(status -> {
                List<EventMessage<?>> batch = new ArrayList<>();
                for (int i = batchStart; i < Math.min(count, batchStart + 1000); i++) {
                    Mpan mpan = Mpan.of(Market.newMpan());
                    LocalDate day = LocalDate.of(2026, 1, 1).plusDays(i % 300);
                    String id = mpan.value() + "/" + day;
                    ConsumptionCipher.Sealed sealed = cipher.seal(mpan, day, readings);
                    batch.add(new GenericDomainEventMessage<>("ConsumptionDay", id, 0, new ConsumptionRecorded(
                            mpan, day, 1, dataService, supplierId, GspGroupId.of("_F"), 48, sealed.keyVersion(),
                            sealed.sealedReadings())));
                }
                eventStore.appendEvents(batch);
            });
        }
    }

    private long feedHead() {
        return jdbc.queryForObject("SELECT coalesce(max(position), 0) FROM notification.feed", Long.class);
    }

    private static long residentBytes() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(-1L);
    }
}
