package org.mhhs.backbone.testing;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mhhs.backbone.grpc.v1.Acknowledge;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.SubscribeRequest;
import org.mhhs.backbone.grpc.v1.SubscribeResponse;
import org.mhhs.backbone.grpc.v1.SubscriptionServiceGrpc;

/**
 * A participant's durable subscription as a careful client keeps it through faults: it acknowledges what it received
 * every 100 ms, and when the stream ends it opens it again under the same name from the last acknowledged position,
 * on the next node of the hub. Every event received is kept with the session it came on, so that the stream can be
 * checked for gaps and for duplicates beyond at-least-once.
 */
public final class ResumingSubscriber implements AutoCloseable {

    /** An event as received: on which session (0, 1, ... one per opening) and at which position. */
    public record Received(int session, long position, String eventId, EventEnvelope event) {}

    private final List<ManagedChannel> nodes;
    private final String token;
    private final String name;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Long> sessionStarts = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("resuming-subscriber").factory());
    private volatile ClientCallStreamObserver<SubscribeRequest> requests;
    private volatile long lastReceived;
    private volatile long lastAcknowledged;
    private volatile boolean closed;
    private int session = -1;

    private ResumingSubscriber(List<ManagedChannel> nodes, String token, String name) {
        this.nodes = nodes;
        this.token = token;
        this.name = name;
    }

    /** Opens the subscription (from the beginning, the first time) on the first node. */
    public static ResumingSubscriber open(List<ManagedChannel> nodes, String token, String name) {
        ResumingSubscriber subscriber = new ResumingSubscriber(List.copyOf(nodes), token, name);
        subscriber.timer.execute(subscriber::connect);
        subscriber.timer.scheduleWithFixedDelay(subscriber::acknowledge, 100, 100, TimeUnit.MILLISECONDS);
        return subscriber;
    }

    private void connect() {
        if (closed) {
            return;
        }
        session++;
        int thisSession = session;
        sessionStarts.add(lastAcknowledged);
        ManagedChannel node = nodes.get(thisSession % nodes.size());
        SubscriptionServiceGrpc.newStub(node)
                .withCallCredentials(HubClient.bearer(token))
                .subscribe(new ClientResponseObserver<SubscribeRequest, SubscribeResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<SubscribeRequest> stream) {
                        requests = stream;
                    }

                    @Override
                    public void onNext(SubscribeResponse response) {
                        if (response.hasEvent()) {
                            EventEnvelope event = response.getEvent();
                            received.add(new Received(thisSession, event.getPosition(), event.getEventId(), event));
                            lastReceived = event.getPosition();
                        }
                    }

                    @Override
                    public void onError(Throwable ended) {
                        reconnect();
                    }

                    @Override
                    public void onCompleted() {
                        reconnect();
                    }
                });
        requests.onNext(SubscribeRequest.newBuilder()
                .setOpen(TestSubscriber.from(name, StartFrom.START_FROM_LAST_ACKNOWLEDGED))
                .build());
    }

    private void reconnect() {
        requests = null;
        if (!closed) {
            timer.schedule(this::connect, 250, TimeUnit.MILLISECONDS);
        }
    }

    private void acknowledge() {
        ClientCallStreamObserver<SubscribeRequest> stream = requests;
        long position = lastReceived;
        if (stream != null && position > lastAcknowledged) {
            try {
                stream.onNext(SubscribeRequest.newBuilder()
                        .setAck(Acknowledge.newBuilder().setPosition(position))
                        .build());
                lastAcknowledged = position;
            } catch (RuntimeException streamGone) {
                // the stream ended meanwhile; the next session resumes from what was acknowledged before
            }
        }
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** How many times the stream was opened. */
    public int sessions() {
        return session + 1;
    }

    /**
     * Deliveries beyond at-least-once: an event received twice on one session, a session's positions not strictly
     * increasing, or one event id at two positions. A redelivery on a later session (what was not acknowledged
     * before the stream ended) is at-least-once and not counted.
     */
    public List<String> duplicatesBeyondAtLeastOnce() {
        List<String> problems = new ArrayList<>();
        Map<Integer, Long> lastPosition = new HashMap<>();
        Map<Integer, Set<String>> idsOfSession = new HashMap<>();
        Map<String, Long> positionOfId = new HashMap<>();
        for (Received r : received) {
            Long last = lastPosition.put(r.session(), r.position());
            if (last != null && r.position() <= last) {
                problems.add("session " + r.session() + ": position " + r.position() + " after " + last);
            }
            if (!idsOfSession.computeIfAbsent(r.session(), s -> new HashSet<>()).add(r.eventId())) {
                problems.add("session " + r.session() + ": event " + r.eventId() + " twice");
            }
            Long earlier = positionOfId.putIfAbsent(r.eventId(), r.position());
            if (earlier != null && earlier != r.position()) {
                problems.add("event " + r.eventId() + " at positions " + earlier + " and " + r.position());
            }
        }
        return problems;
    }

    /** Events received again on a later session (at-least-once after a resumption). */
    public long redeliveries() {
        return received.size()
                - received.stream().map(Received::eventId).distinct().count();
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        ClientCallStreamObserver<SubscribeRequest> stream = requests;
        if (stream != null) {
            try {
                stream.cancel("test over", null);
            } catch (RuntimeException alreadyGone) {
                // ended meanwhile
            }
        }
    }

    @Override
    public String toString() {
        return name + " (" + sessions() + " sessions, starts " + sessionStarts + ")";
    }
}
