package org.mhhs.backbone.grpc.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.GrpcErrors;
import org.mhhs.backbone.grpc.v1.CommandHeader;
import org.mhhs.backbone.grpc.v1.ConsumptionAccepted;
import org.mhhs.backbone.grpc.v1.SubmissionResult;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;

/**
 * The hub ends a submission stream from its guard thread while the call's own thread may be storing an item: the call
 * is never used by both at once, the item being stored is answered before the stream ends, and nothing is taken
 * after.
 */
class ConsumptionSubmissionStreamTest {

    private static final StatusException REVOKED =
            Status.UNAUTHENTICATED.withDescription("revoked").asException();

    private final Response response = new Response();
    private final AtomicInteger submitted = new AtomicInteger();

    @Test
    void anItemBeingStoredWhenTheStreamIsEndedIsAnsweredFirstAndNoItemIsTakenAfter() throws Exception {
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch stored = new CountDownLatch(1);
        ConsumptionSubmissionStream stream = new ConsumptionSubmissionStream(
                item -> {
                    submitted.incrementAndGet();
                    storing.countDown();
                    awaitQuietly(stored);
                    return ConsumptionAccepted.getDefaultInstance();
                },
                new GrpcErrors(),
                response);
        Thread call = Thread.ofPlatform().start(() -> stream.onNext(item("first")));
        assertThat(storing.await(10, TimeUnit.SECONDS)).isTrue();

        stream.end(REVOKED);

        assertThat(response.calls()).as("nothing sent while the item is stored").isEmpty();
        stored.countDown();
        call.join(10_000);
        assertThat(response.calls()).containsExactly("result first", "error UNAUTHENTICATED");
        stream.onNext(item("second"));
        stream.onCompleted();
        assertThat(submitted).hasValue(1);
        assertThat(response.calls()).containsExactly("result first", "error UNAUTHENTICATED");
    }

    @Test
    void anIdleStreamEndsOnceOnTheThreadThatEndsItAndLeavesTheRegistry() {
        AtomicBoolean registered = new AtomicBoolean(true);
        ConsumptionSubmissionStream stream = new ConsumptionSubmissionStream(
                item -> {
                    submitted.incrementAndGet();
                    return ConsumptionAccepted.getDefaultInstance();
                },
                new GrpcErrors(),
                response);
        stream.registeredAs(() -> registered.set(false));
        stream.onNext(item("first"));

        stream.end(REVOKED);
        stream.end(REVOKED);

        assertThat(response.calls()).containsExactly("result first", "error UNAUTHENTICATED");
        assertThat(registered).isFalse();
    }

    private static SubmitConsumptionRequest item(String commandId) {
        return SubmitConsumptionRequest.newBuilder()
                .setHeader(CommandHeader.newBuilder().setCommandId(commandId))
                .build();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The call's sending side, recording what it was asked to send; fails on use by two threads at once. */
    private static final class Response extends ServerCallStreamObserver<SubmissionResult> {

        private final List<String> calls = new ArrayList<>();
        private final AtomicBoolean inUse = new AtomicBoolean();

        synchronized List<String> calls() {
            return List.copyOf(calls);
        }

        private void record(String call) {
            if (!inUse.compareAndSet(false, true)) {
                throw new IllegalStateException("the call was used by two threads at once");
            }
            synchronized (this) {
                calls.add(call);
            }
            inUse.set(false);
        }

        @Override
        public void onNext(SubmissionResult result) {
            record("result " + result.getCommandId());
        }

        @Override
        public void onError(Throwable t) {
            record("error " + Status.fromThrowable(t).getCode());
        }

        @Override
        public void onCompleted() {
            record("completed");
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void setOnCancelHandler(Runnable handler) {}

        @Override
        public void setCompression(String compression) {}

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setOnReadyHandler(Runnable handler) {}

        @Override
        public void disableAutoInboundFlowControl() {}

        @Override
        public void request(int count) {}

        @Override
        public void setMessageCompression(boolean enable) {}
    }
}
