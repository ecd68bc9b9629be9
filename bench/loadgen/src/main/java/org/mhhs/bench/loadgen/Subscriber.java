package org.mhhs.bench.loadgen;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.mhhs.backbone.grpc.v1.Acknowledge;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.OpenSubscription;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.SubscribeRequest;
import org.mhhs.backbone.grpc.v1.SubscribeResponse;
import org.mhhs.backbone.grpc.v1.SubscriptionOpened;
import org.mhhs.backbone.grpc.v1.SubscriptionServiceGrpc;

/**
 * One participant's subscription stream. It reads as fast as it can (gRPC flow control asks for the next message
 * once {@link #onEvent} returns), acknowledges every {@value #ACK_EVERY} events, and tells a listener of each event.
 */
final class Subscriber implements AutoCloseable {

    interface EventListener {
        void received(Subscriber subscriber, EventEnvelope event, long nanoTime);
    }

    private static final int ACK_EVERY = 1_000;

    private final String participantId;
    private final CompletableFuture<SubscriptionOpened> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final AtomicLong received = new AtomicLong();
    private volatile long lastPosition;
    private final StreamObserver<SubscribeRequest> requests;

    Subscriber(
            HubConnection hub, String participantId, int lane, String name, StartFrom start, EventListener listener) {
        this.participantId = participantId;
        this.requests = hub.as(participantId, lane, SubscriptionServiceGrpc::newStub)
                .subscribe(new StreamObserver<>() {
                    @Override
                    public void onNext(SubscribeResponse response) {
                        if (response.hasOpened()) {
                            opened.complete(response.getOpened());
                        } else {
                            onEvent(response.getEvent(), listener);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        opened.completeExceptionally(t);
                        ended.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(null);
                    }
                });
        requests.onNext(SubscribeRequest.newBuilder()
                .setOpen(OpenSubscription.newBuilder().setSubscriptionName(name).setStart(start))
                .build());
    }

    private void onEvent(EventEnvelope event, EventListener listener) {
        long now = System.nanoTime();
        lastPosition = event.getPosition();
        if (listener != null) {
            listener.received(this, event, now);
        }
        if (received.incrementAndGet() % ACK_EVERY == 0) {
            synchronized (requests) {
                requests.onNext(SubscribeRequest.newBuilder()
                        .setAck(Acknowledge.newBuilder().setPosition(event.getPosition()))
                        .build());
            }
        }
    }

    String participantId() {
        return participantId;
    }

    SubscriptionOpened opened() {
        return opened.join();
    }

    long received() {
        return received.get();
    }

    long lastPosition() {
        return lastPosition;
    }

    boolean failed() {
        return ended.isCompletedExceptionally();
    }

    @Override
    public void close() {
        synchronized (requests) {
            try {
                requests.onCompleted();
            } catch (IllegalStateException alreadyClosed) {
                // the hub ended the stream first
            }
        }
    }
}
