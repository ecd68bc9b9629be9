package org.mhhs.bench.loadgen;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Fires unary calls at the hub as fast as it answers them, at most {@code inFlight} at a time, on a thread of its own,
 * until it has fired {@code calls} or the deadline has passed (a hub that holds its refusals answers a client with
 * bounded concurrency slowly: the flood then makes fewer calls, which is the point), and counts the answers by
 * status code and ErrorInfo reason ({@code OK}, {@code UNAUTHENTICATED/Unauthenticated},
 * {@code RESOURCE_EXHAUSTED/RateLimited}, ...).
 */
final class FloodCaller {

    record Result(String name, long calls, double seconds, Map<String, Long> answers) {

        double perSecond() {
            return calls / seconds;
        }
    }

    private FloodCaller() {}

    static CompletableFuture<Result> fire(
            String name, int calls, int inFlight, long deadlineNanos, Supplier<ListenableFuture<?>> call) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        Map<String, Long> answers = new ConcurrentHashMap<>();
        Thread.ofPlatform().daemon().name("flood-" + name).start(() -> {
            Semaphore window = new Semaphore(inFlight);
            long start = System.nanoTime();
            long fired = 0;
            try {
                while (fired < calls && System.nanoTime() < deadlineNanos) {
                    if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    fired++;
                    Futures.addCallback(
                            call.get(),
                            new FutureCallback<Object>() {
                                @Override
                                public void onSuccess(Object result) {
                                    answers.merge("OK", 1L, Long::sum);
                                    window.release();
                                }

                                @Override
                                public void onFailure(Throwable t) {
                                    answers.merge(answer(t), 1L, Long::sum);
                                    window.release();
                                }
                            },
                            MoreExecutors.directExecutor());
                }
                window.acquire(inFlight);
                done.complete(new Result(name, fired, (System.nanoTime() - start) / 1e9, new TreeMap<>(answers)));
            } catch (InterruptedException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private static String answer(Throwable t) {
        Status status = Status.fromThrowable(t);
        com.google.rpc.Status details = StatusProto.fromThrowable(t);
        String reason = details == null
                ? ""
                : details.getDetailsList().stream()
                        .filter(any -> any.is(ErrorInfo.class))
                        .map(any -> {
                            try {
                                return "/" + any.unpack(ErrorInfo.class).getReason();
                            } catch (InvalidProtocolBufferException e) {
                                return "";
                            }
                        })
                        .findFirst()
                        .orElse("");
        return status.getCode() + reason;
    }
}
