package org.mhhs.backbone.testing;

import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.grpc.v1.Acknowledge;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.OpenSubscription;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.SubscribeRequest;
import org.mhhs.backbone.grpc.v1.SubscribeResponse;
import org.mhhs.backbone.grpc.v1.SubscriptionOpened;
import org.mhhs.backbone.grpc.v1.SubscriptionServiceGrpc;

/**
 * A participant's subscription stream as a real client holds it: opens, collects what arrives, acknowledges, and
 * (with {@link #paused}) takes events only when asked to, like a consumer that stops reading.
 */
public final class TestSubscriber implements AutoCloseable {

    private final List<EventEnvelope> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<SubscriptionOpened> opened = new CompletableFuture<>();
    private final CompletableFuture<StatusRuntimeException> ended = new CompletableFuture<>();
    private volatile long endedAtNanos;
    private volatile ClientCallStreamObserver<SubscribeRequest> requests;

    private TestSubscriber() {}

    public static TestSubscriber open(ManagedChannel channel, String token, OpenSubscription open) {
        return start(channel, token, open, false);
    }

    /** A subscriber on a channel that authenticates by itself (mutual TLS: the channel's client certificate). */
    public static TestSubscriber open(ManagedChannel channel, OpenSubscription open) {
        return start(channel, null, open, false);
    }

    /** A subscriber that reads nothing until {@link #request} is called: gRPC flow control holds the hub back. */
    public static TestSubscriber paused(ManagedChannel channel, String token, OpenSubscription open) {
        return start(channel, token, open, true);
    }

    /** Whether the event is the registration of that participant (the broadcast tests use as markers). */
    public static boolean registered(EventEnvelope event, String participant) {
        return event.hasParticipantRegistered()
                && event.getParticipantRegistered().getParticipantId().equals(participant);
    }

    public static OpenSubscription.Builder from(String name, StartFrom start) {
        return OpenSubscription.newBuilder().setSubscriptionName(name).setStart(start);
    }

    private static TestSubscriber start(
            ManagedChannel channel, @Nullable String token, OpenSubscription open, boolean paused) {
        TestSubscriber subscriber = new TestSubscriber();
        SubscriptionServiceGrpc.SubscriptionServiceStub stub = SubscriptionServiceGrpc.newStub(channel);
        (token == null ? stub : stub.withCallCredentials(HubClient.bearer(token)))
                .subscribe(subscriber.observer(paused));
        subscriber.requests.onNext(SubscribeRequest.newBuilder().setOpen(open).build());
        if (paused) {
            subscriber.request(1);
        }
        return subscriber;
    }

    private ClientResponseObserver<SubscribeRequest, SubscribeResponse> observer(boolean paused) {
        return new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<SubscribeRequest> stream) {
                requests = stream;
                if (paused) {
                    stream.disableAutoRequestWithInitial(0);
                }
            }

            @Override
            public void onNext(SubscribeResponse response) {
                switch (response.getKindCase()) {
                    case OPENED -> opened.complete(response.getOpened());
                    case EVENT -> events.add(response.getEvent());
                    default -> throw new IllegalStateException("unexpected " + response);
                }
            }

            @Override
            public void onError(Throwable t) {
                endedAtNanos = System.nanoTime();
                StatusRuntimeException status = t instanceof StatusRuntimeException s
                        ? s
                        : new StatusRuntimeException(io.grpc.Status.fromThrowable(t));
                opened.completeExceptionally(status);
                ended.complete(status);
            }

            @Override
            public void onCompleted() {
                endedAtNanos = System.nanoTime();
                opened.completeExceptionally(new IllegalStateException("completed"));
                ended.complete(null);
            }
        };
    }

    public SubscriptionOpened opened() {
        return opened.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    /** Lets a paused subscriber take n more messages. */
    public void request(int n) {
        requests.request(n);
    }

    public void ack(long position) {
        requests.onNext(SubscribeRequest.newBuilder()
                .setAck(Acknowledge.newBuilder().setPosition(position))
                .build());
    }

    public List<EventEnvelope> events() {
        return new ArrayList<>(events);
    }

    /** Waits until an event matching the predicate has arrived and returns it. */
    public EventEnvelope awaitEvent(Predicate<EventEnvelope> wanted) {
        return await().until(() -> events.stream().filter(wanted).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** The status the hub ended the stream with (null for a normal completion), waiting for it. */
    public StatusRuntimeException awaitEnd() {
        return ended.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    public boolean hasEnded() {
        return ended.isDone();
    }

    /** When the stream ended, by {@link System#nanoTime()}, waiting for it. */
    public long endedAtNanos() {
        awaitEnd();
        return endedAtNanos;
    }

    @Override
    public void close() {
        if (!ended.isDone()) {
            requests.cancel("test over", null);
        }
    }
}
