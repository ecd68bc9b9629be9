package org.mhhs.backbone.testing;

import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.SubmissionResult;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;

/**
 * A data service's open {@code SubmitConsumptionStream} as a real client holds it: sends items, collects the results,
 * and notes when and how the hub ended the stream.
 */
public final class TestSubmissionStream implements AutoCloseable {

    private final List<SubmissionResult> results = new CopyOnWriteArrayList<>();
    private final CompletableFuture<StatusRuntimeException> ended = new CompletableFuture<>();
    private volatile long endedAtNanos;
    private StreamObserver<SubmitConsumptionRequest> items;

    private TestSubmissionStream() {}

    /** Opens the stream on the stub (with whatever credentials it carries). */
    public static TestSubmissionStream open(MeteringServiceGrpc.MeteringServiceStub stub) {
        TestSubmissionStream stream = new TestSubmissionStream();
        stream.items = stub.submitConsumptionStream(new StreamObserver<>() {
            @Override
            public void onNext(SubmissionResult result) {
                stream.results.add(result);
            }

            @Override
            public void onError(Throwable t) {
                stream.endedAtNanos = System.nanoTime();
                stream.ended.complete(
                        t instanceof StatusRuntimeException s
                                ? s
                                : new StatusRuntimeException(Status.fromThrowable(t)));
            }

            @Override
            public void onCompleted() {
                stream.endedAtNanos = System.nanoTime();
                stream.ended.complete(null);
            }
        });
        return stream;
    }

    /** Sends an item and waits for its result: the stream is open and the hub takes items on it. */
    public SubmissionResult submit(SubmitConsumptionRequest item) {
        int before = results.size();
        synchronized (this) {
            items.onNext(item);
        }
        await().until(() -> results.size() > before || ended.isDone());
        if (results.size() <= before) {
            throw new AssertionError("the stream ended before answering: " + ended.join());
        }
        return results.get(before);
    }

    public List<SubmissionResult> results() {
        return new ArrayList<>(results);
    }

    /** The status the hub ended the stream with (null for a normal completion), waiting for it. */
    public StatusRuntimeException awaitEnd() {
        return ended.orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** When the stream ended, by {@link System#nanoTime()}, waiting for it. */
    public long endedAtNanos() {
        awaitEnd();
        return endedAtNanos;
    }

    public boolean hasEnded() {
        return ended.isDone();
    }

    @Override
    public synchronized void close() {
        if (!ended.isDone()) {
            items.onError(Status.CANCELLED.withDescription("test over").asRuntimeException());
        }
    }
}
