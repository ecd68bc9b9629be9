package org.mhhs.bench.loadgen;

import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.mhhs.backbone.grpc.v1.CommandHeader;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.PeriodReading;
import org.mhhs.backbone.grpc.v1.Quality;
import org.mhhs.backbone.grpc.v1.SubmissionResult;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;
import org.mhhs.bench.market.ConsumptionSubmission;

/**
 * Sends consumption through {@code SubmitConsumptionStream} as data services do: one stream per data service, each
 * with at most {@code inFlight} items sent but not yet answered, optionally paced to a steady rate. Records the
 * latency from sending an item to receiving its result, and tells a listener when each item was acknowledged.
 */
final class ConsumptionSender {

    /** Told of every accepted submission when its result arrives (nanoTime of arrival). */
    interface AckListener {
        void acknowledged(ConsumptionSubmission submission, long nanoTime);
    }

    record Result(
            int sent, long accepted, long rejected, Map<String, Long> rejections, double seconds, Latencies latencies) {
        double perSecond() {
            return sent / seconds;
        }
    }

    private static final Item END = new Item(-1, null);

    private final HubConnection hub;
    private final int inFlight;
    private final String commandPrefix;

    ConsumptionSender(HubConnection hub, int inFlight) {
        this(hub, inFlight, "c-");
    }

    /**
     * {@code commandPrefix}: two characters before each item's number in its command id; senders to one hub need
     * prefixes of their own, since the hub accepts a command id once.
     */
    ConsumptionSender(HubConnection hub, int inFlight, String commandPrefix) {
        if (commandPrefix.length() != 2) {
            throw new IllegalArgumentException("a command id prefix has two characters, not " + commandPrefix);
        }
        this.hub = hub;
        this.inFlight = inFlight;
        this.commandPrefix = commandPrefix;
    }

    /** Sends {@code count} submissions (as fast as flow control allows when {@code perSecond} is 0). */
    Result send(Iterator<ConsumptionSubmission> submissions, int count, int perSecond, AckListener listener)
            throws Exception {
        long[] sentAt = new long[count];
        long[] latencies = new long[count];
        ConsumptionSubmission[] pending = listener == null ? null : new ConsumptionSubmission[count];
        AtomicLong accepted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        Map<String, Long> rejections = new ConcurrentHashMap<>();
        Map<String, Lane> lanes = new LinkedHashMap<>();
        long start = System.nanoTime();
        int sent = 0;
        while (sent < count && submissions.hasNext()) {
            ConsumptionSubmission submission = submissions.next();
            if (perSecond > 0) {
                long due = start + sent * 1_000_000_000L / perSecond;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
            }
            if (pending != null) {
                pending[sent] = submission;
            }
            Lane lane = lanes.computeIfAbsent(
                    submission.dataServiceId(),
                    dataService -> new Lane(
                            dataService,
                            lanes.size(),
                            result -> {
                                int item =
                                        Integer.parseInt(result.getCommandId().substring(2));
                                long now = System.nanoTime();
                                latencies[item] = now - sentAt[item];
                                if (result.hasAccepted()) {
                                    accepted.incrementAndGet();
                                    if (listener != null) {
                                        listener.acknowledged(pending[item], now);
                                        pending[item] = null;
                                    }
                                } else {
                                    rejected.incrementAndGet();
                                    rejections.merge(
                                            result.getRejected().getMessage().replaceAll("[0-9]{13}", "<mpan>"),
                                            1L,
                                            Long::sum);
                                }
                            },
                            sentAt));
            lane.offer(new Item(sent, submission));
            sent++;
        }
        for (Lane lane : lanes.values()) {
            lane.offer(END);
        }
        for (Lane lane : lanes.values()) {
            lane.done.get(30, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(sent, accepted.get(), rejected.get(), rejections, seconds, Latencies.of(latencies, sent));
    }

    static SubmitConsumptionRequest request(ConsumptionSubmission submission, String commandId) {
        SubmitConsumptionRequest.Builder request = SubmitConsumptionRequest.newBuilder()
                .setHeader(CommandHeader.newBuilder().setCommandId(commandId))
                .setMpan(submission.mpan())
                .setSettlementDate(submission.day().toString());
        for (int period = 1; period <= submission.periodCount(); period++) {
            request.addReadings(PeriodReading.newBuilder()
                    .setPeriod(period)
                    .setKwh(kwh(submission.wattHours(period)))
                    .setQuality(submission.estimated(period) ? Quality.QUALITY_ESTIMATED : Quality.QUALITY_ACTUAL));
        }
        return request.build();
    }

    private static String kwh(long wattHours) {
        long thousandths = wattHours % 1000;
        return wattHours / 1000 + (thousandths < 10 ? ".00" : thousandths < 100 ? ".0" : ".") + thousandths;
    }

    private record Item(int index, ConsumptionSubmission submission) {}

    /** One data service's stream, fed by its own thread so that a slow stream holds up no other. */
    private final class Lane {

        final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(1024);
        final CompletableFuture<Void> done = new CompletableFuture<>();

        /** Waits for room, and fails with the stream's error rather than waiting for a lane that stopped. */
        void offer(Item item) throws InterruptedException {
            while (!queue.offer(item, 1, TimeUnit.SECONDS)) {
                if (done.isCompletedExceptionally()) {
                    done.join();
                }
            }
        }

        Lane(String dataService, int number, Consumer<SubmissionResult> onResult, long[] sentAt) {
            Semaphore window = new Semaphore(inFlight);
            StreamObserver<SubmitConsumptionRequest> requests = hub.as(
                            dataService, number, MeteringServiceGrpc::newStub)
                    .submitConsumptionStream(new StreamObserver<>() {
                        @Override
                        public void onNext(SubmissionResult result) {
                            onResult.accept(result);
                            window.release();
                        }

                        @Override
                        public void onError(Throwable t) {
                            done.completeExceptionally(t);
                            window.release(inFlight);
                        }

                        @Override
                        public void onCompleted() {
                            done.complete(null);
                        }
                    });
            Thread.ofPlatform().daemon().name("lane-" + dataService).start(() -> {
                try {
                    for (Item item = queue.take(); item != END; item = queue.take()) {
                        SubmitConsumptionRequest request = request(item.submission(), commandPrefix + item.index());
                        window.acquire();
                        if (done.isCompletedExceptionally()) {
                            return;
                        }
                        sentAt[item.index()] = System.nanoTime();
                        requests.onNext(request);
                    }
                    window.acquire(inFlight);
                    requests.onCompleted();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    done.completeExceptionally(e);
                }
            });
        }
    }

    static List<String> top(Map<String, Long> rejections) {
        List<String> lines = new ArrayList<>();
        rejections.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5)
                .forEach(e -> lines.add(e.getValue() + " x " + e.getKey()));
        return lines;
    }
}
