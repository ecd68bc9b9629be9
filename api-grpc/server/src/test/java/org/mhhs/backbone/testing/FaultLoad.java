package org.mhhs.backbone.testing;

import static org.awaitility.Awaitility.await;

import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.mhhs.backbone.grpc.v1.CommandHeader;
import org.mhhs.backbone.grpc.v1.ConsumptionAccepted;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.PeriodReading;
import org.mhhs.backbone.grpc.v1.Quality;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;
import org.mhhs.backbone.kernel.SettlementDate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Submission load through the real gRPC API, with the entitled participants' subscriptions open, for the fault suite.
 * A data service submits one new MPAN-day after another at a steady rate from several client threads, spread over the
 * hub's nodes; a submission refused for a transient reason (the hub or its database away) is sent again with the same
 * command id, on the next node, until it is acknowledged, as a real client would. The supplier and the DNO keep
 * {@link ResumingSubscriber}s open. {@link #survive} injects a fault under this load and checks that every
 * acknowledged submission is in the store and in every subscriber's stream, without gaps or duplicates beyond
 * at-least-once.
 */
public final class FaultLoad implements AutoCloseable {

    /** Load options: MPANs (360 days each can be submitted), submissions per second, client threads. */
    public record Options(int meters, int perSecond, int clients) {

        /** From system properties {@code hub.chaos.meters|rate|clients} (bench/run chaos), else the defaults. */
        public static Options fromSystemProperties(int meters, int perSecond, int clients) {
            return new Options(
                    Integer.getInteger("hub.chaos.meters", meters),
                    Integer.getInteger("hub.chaos.rate", perSecond),
                    Integer.getInteger("hub.chaos.clients", clients));
        }
    }

    /** A submission acknowledged by the hub: which MPAN-day, when it was last sent, and when answered. */
    private record Acknowledged(String commandId, String mpan, LocalDate day, long sentAt, long answeredAt) {}

    private static final int DAYS_PER_METER = 360;
    private static final Set<Status.Code> TRANSIENT = Set.of(
            Status.Code.UNAVAILABLE,
            Status.Code.DEADLINE_EXCEEDED,
            Status.Code.CANCELLED,
            Status.Code.UNKNOWN,
            Status.Code.INTERNAL);

    private final List<ManagedChannel> nodes;
    private final String dataServiceToken;
    private final String dataServiceId;
    private final List<String> mpans;
    private final Options options;
    private final Map<String, ResumingSubscriber> subscribers = new LinkedHashMap<>();
    private final List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong nextSlot = new AtomicLong();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile long tookEffectAt;

    private FaultLoad(
            List<ManagedChannel> nodes,
            String dataServiceToken,
            String dataServiceId,
            List<String> mpans,
            Options options) {
        this.nodes = nodes;
        this.dataServiceToken = dataServiceToken;
        this.dataServiceId = dataServiceId;
        this.mpans = mpans;
        this.options = options;
    }

    /**
     * Builds the market through the first node (a DNO, a registration service, a supplier, a data service appointed
     * to {@code options.meters()} metering points), opens the supplier's and the DNO's subscriptions and starts the
     * load.
     */
    public static FaultLoad start(List<ManagedChannel> nodes, String operatorToken, Options options) {
        ChannelMarket market = new ChannelMarket(nodes.getFirst(), operatorToken);
        String dnoId = MarketIds.mpid('D');
        String dno = market.participant(dnoId, MarketRole.MARKET_ROLE_DNO);
        // one of the 14 GSP groups (no _I or _O), chosen by the DNO's id
        List<String> groups =
                List.of("_A", "_B", "_C", "_D", "_E", "_F", "_G", "_H", "_J", "_K", "_L", "_M", "_N", "_P");
        String gspGroup = groups.get(Math.floorMod(dnoId.hashCode(), groups.size()));
        market.gspGroup(gspGroup, dnoId);
        String registration = market.participant(MarketIds.mpid('R'), MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        String supplier = market.participant(MarketIds.mpid('S'), MarketRole.MARKET_ROLE_SUPPLIER);
        String dataServiceId = MarketIds.mpid('A');
        String dataService = market.participant(dataServiceId, MarketRole.MARKET_ROLE_DATA_SERVICE);
        List<String> mpans = new ArrayList<>();
        for (int i = 0; i < options.meters(); i++) {
            String mpan = Market.newMpan();
            market.meteringPoint(mpan, gspGroup, registration);
            market.supplier(mpan, supplier);
            market.dataService(mpan, supplier, dataServiceId, dataService);
            mpans.add(mpan);
        }
        FaultLoad load = new FaultLoad(List.copyOf(nodes), dataService, dataServiceId, mpans, options);
        load.subscribers.put("supplier", ResumingSubscriber.open(nodes, supplier, "fault-suite"));
        load.subscribers.put("dno", ResumingSubscriber.open(nodes.reversed(), dno, "fault-suite"));
        load.nextSlot.set(System.nanoTime());
        for (int c = 0; c < options.clients(); c++) {
            int first = c;
            load.clients.add(
                    Thread.ofPlatform().name("fault-load-" + c).daemon().start(() -> load.submitLoop(first)));
        }
        return load;
    }

    private void submitLoop(int firstNode) {
        int node = firstNode;
        long interval = TimeUnit.SECONDS.toNanos(1) / options.perSecond();
        while (running) {
            int k = next.getAndIncrement();
            if (k >= mpans.size() * DAYS_PER_METER) {
                unexpected.add("the load ran out of MPAN-days after " + k + " submissions");
                return;
            }
            // a steady rate: time the load could not use (all clients waiting on the hub) is not made up in a burst
            long slot = nextSlot.accumulateAndGet(interval, (last, step) -> Math.max(last + step, System.nanoTime()));
            LockSupport.parkNanos(slot - System.nanoTime());
            while (paused && running) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            String mpan = mpans.get(k % mpans.size());
            LocalDate day = MarketDays.meteringFrom().plusDays(k / mpans.size());
            SubmitConsumptionRequest request = submission("fault-" + k, mpan, day);
            while (running) {
                long sentAt = System.nanoTime();
                try {
                    ConsumptionAccepted accepted = MeteringServiceGrpc.newBlockingStub(nodes.get(node % nodes.size()))
                            .withCallCredentials(HubClient.bearer(dataServiceToken))
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .submitConsumption(request);
                    if (accepted.getVersion() != 1) {
                        unexpected.add(
                                request.getHeader().getCommandId() + " answered version " + accepted.getVersion());
                    }
                    acknowledged.add(
                            new Acknowledged(request.getHeader().getCommandId(), mpan, day, sentAt, System.nanoTime()));
                    break;
                } catch (StatusRuntimeException refused) {
                    refusals.computeIfAbsent(describe(refused), r -> new AtomicLong())
                            .incrementAndGet();
                    if (!TRANSIENT.contains(refused.getStatus().getCode())) {
                        unexpected.add(request.getHeader().getCommandId() + " refused: " + describe(refused));
                        break;
                    }
                    // the client's back-off before it sends again to the next node
                    node++;
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
        }
    }

    private static String describe(StatusRuntimeException refused) {
        com.google.rpc.Status status = StatusProto.fromThrowable(refused);
        String reason = status == null
                ? ""
                : status.getDetailsList().stream()
                        .filter(d -> d.is(ErrorInfo.class))
                        .map(d -> {
                            try {
                                return "/" + d.unpack(ErrorInfo.class).getReason();
                            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                                return "/?";
                            }
                        })
                        .findFirst()
                        .orElse("");
        return refused.getStatus().getCode() + reason;
    }

    /**
     * Runs the load for {@code before}, injects the fault, runs it for {@code after} more, then checks everything
     * acknowledged until then against the store ({@code store}: the database the hub is on now) and every
     * subscriber's stream, with the load paused. The load goes on afterwards, for the next fault.
     */
    public FaultReport survive(Fault fault, Duration before, Duration after, Supplier<JdbcClient> store)
            throws Exception {
        Map<String, Long> refusalsAtStart = snapshot(refusals);
        long start = System.nanoTime();
        LockSupport.parkNanos(before.toNanos());
        long injectedAt = System.nanoTime();
        tookEffectAt = 0;
        fault.inject();
        long recoveredAt = System.nanoTime();
        long effective = tookEffectAt == 0 ? injectedAt : tookEffectAt;
        LockSupport.parkNanos(after.toNanos());
        long end = System.nanoTime();
        // no new submissions while what was acknowledged is checked (the MPAN-days are finite); the load resumes after
        paused = true;
        try {
            return check(fault, start, effective, recoveredAt, end, refusalsAtStart, store);
        } finally {
            paused = false;
        }
    }

    private FaultReport check(
            Fault fault,
            long start,
            long injectedAt,
            long recoveredAt,
            long end,
            Map<String, Long> refusalsAtStart,
            Supplier<JdbcClient> store) {
        List<Acknowledged> upToNow = List.copyOf(acknowledged);

        double baseline = upToNow.stream()
                        .filter(a -> a.answeredAt() >= start && a.answeredAt() < injectedAt)
                        .count()
                / seconds(injectedAt - start);
        double during = upToNow.stream()
                        .filter(a -> a.answeredAt() >= injectedAt && a.answeredAt() < end)
                        .count()
                / seconds(end - injectedAt);
        double firstNew =
                upToNow.stream().filter(a -> a.sentAt() > injectedAt).mapToLong(Acknowledged::answeredAt).min().stream()
                        .mapToDouble(at -> seconds(at - injectedAt))
                        .findFirst()
                        .orElse(Double.NaN);

        long[] answers = upToNow.stream()
                .mapToLong(Acknowledged::answeredAt)
                .filter(at -> at >= injectedAt && at < end)
                .sorted()
                .toArray();
        long longestPause = 0;
        long previous = injectedAt;
        for (long answer : answers) {
            longestPause = Math.max(longestPause, answer - previous);
            previous = answer;
        }
        longestPause = Math.max(longestPause, end - previous);

        List<String> lostFromTheStore = notInTheStore(upToNow, store);
        Map<String, List<String>> lostFromStreams = new LinkedHashMap<>();
        Map<String, List<String>> duplicates = new LinkedHashMap<>();
        Map<String, Long> redeliveries = new LinkedHashMap<>();
        Map<String, Integer> sessions = new LinkedHashMap<>();
        for (var subscriber : subscribers.entrySet()) {
            lostFromStreams.put(subscriber.getKey(), notReceived(subscriber.getValue(), upToNow));
            duplicates.put(subscriber.getKey(), subscriber.getValue().duplicatesBeyondAtLeastOnce());
            redeliveries.put(subscriber.getKey(), subscriber.getValue().redeliveries());
            sessions.put(subscriber.getKey(), subscriber.getValue().sessions());
        }
        Map<String, Long> refusalsOfTheFault = new LinkedHashMap<>();
        snapshot(refusals).forEach((reason, count) -> {
            long more = count - refusalsAtStart.getOrDefault(reason, 0L);
            if (more > 0) {
                refusalsOfTheFault.put(reason, more);
            }
        });
        FaultReport report = new FaultReport(
                fault.name(),
                baseline,
                during,
                seconds(recoveredAt - injectedAt),
                firstNew,
                seconds(longestPause),
                upToNow.size(),
                refusalsOfTheFault,
                lostFromTheStore,
                lostFromStreams,
                duplicates,
                redeliveries,
                sessions);
        System.out.println(report.summary());
        return report;
    }

    /**
     * Marks the moment the fault took effect (the killed processes are gone), from which the time to the first new
     * acknowledgement is counted; without it, the moment the injection began.
     */
    public void faultTookEffect() {
        tookEffectAt = System.nanoTime();
    }

    /** An MPAN-day of the load's metering points that no submission of the load will use: for a fault's own. */
    public Map.Entry<String, LocalDate> reserveMpanDay() {
        int k = next.getAndIncrement();
        return Map.entry(mpans.get(k % mpans.size()), MarketDays.meteringFrom().plusDays(k / mpans.size()));
    }

    /** The participant id of the data service appointed to the load's metering points. */
    public String dataServiceId() {
        return dataServiceId;
    }

    /** The subscribers whose streams have not received the MPAN-day's ConsumptionRecorded within the time. */
    public List<String> notDelivered(String mpan, LocalDate day, Duration within) {
        String key = mpan + "/" + day;
        List<String> missing = new ArrayList<>();
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
                missing.clear();
                subscribers.forEach((name, subscriber) -> {
                    boolean received = subscriber.received().stream()
                            .map(ResumingSubscriber.Received::event)
                            .filter(EventEnvelope::hasConsumptionRecorded)
                            .anyMatch(event ->
                                    key.equals(event.getConsumptionRecorded().getMpan() + "/"
                                            + event.getConsumptionRecorded().getSettlementDate()));
                    if (!received) {
                        missing.add(name);
                    }
                });
                return missing.isEmpty();
            });
        } catch (ConditionTimeoutException stillMissing) {
            // reported
        }
        return List.copyOf(missing);
    }

    /** Refusals the load saw that a client could not have retried (a rule broken, bad input): none expected. */
    public List<String> unexpectedAnswers() {
        return List.copyOf(unexpected);
    }

    private static List<String> notInTheStore(List<Acknowledged> acknowledged, Supplier<JdbcClient> store) {
        Set<String> stored = new HashSet<>(await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () -> store.get()
                                .sql("SELECT command_id FROM access.processed_command WHERE command_id LIKE 'fault-%'")
                                .query(String.class)
                                .list(),
                        ids -> true));
        return acknowledged.stream()
                .map(Acknowledged::commandId)
                .filter(id -> !stored.contains(id))
                .toList();
    }

    /** The acknowledged MPAN-days whose ConsumptionRecorded has not reached the subscriber within 90 s. */
    private static List<String> notReceived(ResumingSubscriber subscriber, List<Acknowledged> acknowledged) {
        List<String> missing = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        Set<String> received = new HashSet<>();
                        for (ResumingSubscriber.Received r : subscriber.received()) {
                            EventEnvelope event = r.event();
                            if (event.hasConsumptionRecorded()) {
                                received.add(event.getConsumptionRecorded().getMpan() + "/"
                                        + event.getConsumptionRecorded().getSettlementDate());
                            }
                        }
                        missing.clear();
                        acknowledged.stream()
                                .map(a -> a.mpan() + "/" + a.day())
                                .filter(key -> !received.contains(key))
                                .forEach(missing::add);
                        return missing.isEmpty();
                    });
        } catch (ConditionTimeoutException stillMissing) {
            // reported
        }
        return List.copyOf(missing);
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counts) {
        Map<String, Long> copy = new LinkedHashMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static SubmitConsumptionRequest submission(String commandId, String mpan, LocalDate day) {
        SubmitConsumptionRequest.Builder request = SubmitConsumptionRequest.newBuilder()
                .setHeader(CommandHeader.newBuilder().setCommandId(commandId))
                .setMpan(mpan)
                .setSettlementDate(day.toString());
        int periods = SettlementDate.of(day).periodCount();
        for (int period = 1; period <= periods; period++) {
            request.addReadings(PeriodReading.newBuilder()
                    .setPeriod(period)
                    .setKwh("0." + (100 + period))
                    .setQuality(Quality.QUALITY_ACTUAL));
        }
        return request.build();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(15));
        }
        subscribers.values().forEach(ResumingSubscriber::close);
    }
}
