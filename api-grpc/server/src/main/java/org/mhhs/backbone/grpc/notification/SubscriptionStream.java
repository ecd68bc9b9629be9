package org.mhhs.backbone.grpc.notification;

import com.google.rpc.BadRequest.FieldViolation;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.mhhs.backbone.grpc.DatabaseUnavailable;
import org.mhhs.backbone.grpc.InvalidRequest;
import org.mhhs.backbone.grpc.OpenStreams;
import org.mhhs.backbone.grpc.ProtoMapping;
import org.mhhs.backbone.grpc.v1.SubscribeRequest;
import org.mhhs.backbone.grpc.v1.SubscribeResponse;
import org.mhhs.backbone.grpc.v1.Subscriber;
import org.mhhs.backbone.grpc.v1.SubscriptionOpened;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.notification.api.FeedEntryView;
import org.mhhs.backbone.notification.api.FeedPageView;
import org.mhhs.backbone.notification.api.FeedReaderView;
import org.mhhs.backbone.notification.api.NotificationFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open subscription stream. It holds a position, not a queue: whenever the client can take more (gRPC flow
 * control says ready) and the feed has something after that position, a delivery thread reads a page of what the
 * reader may see (from the feed's memory when live, from PostgreSQL when behind), sends it while the client stays
 * ready, keeps the rest of that page for when it is ready again, and moves the position past what it sent. A client
 * that stops reading therefore costs gRPC's bounded outbound buffer ({@value #READY_THRESHOLD} bytes) and at most
 * one page ({@value #PAGE} events) on the server, never the events that keep arriving.
 */
final class SubscriptionStream implements StreamObserver<SubscribeRequest>, OpenStreams.Guarded {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionStream.class);
    private static final int PAGE = 200;
    /** Bytes gRPC may queue for a client before it reports the stream not ready. */
    private static final int READY_THRESHOLD = 64 * 1024;

    private static final int PAGES_PER_TURN = 8;

    private final SubscriptionGrpcService service;
    private final NotificationFeed feed;
    private final ParticipantId participant;
    private final ServerCallStreamObserver<SubscribeResponse> out;
    private final Instant connectedAt;
    private final AtomicInteger wanted = new AtomicInteger();
    private final Object sending = new Object();

    private volatile OpenStreams.Registration registration;

    // set once when opened
    private volatile boolean open;
    private String name = "";
    private Set<String> eventTypes = Set.of();
    private long backlogEnd;
    private AutoCloseable listening;

    /** Who reads: replaced, by the delivery thread, when the participant's roles change. */
    private volatile FeedReaderView reader;

    private volatile boolean readerStale;

    // guarded by sending: the record of a privileged (AUDITOR, OPERATOR) read, -1 when the reader is not privileged
    private volatile long privilegedRead = -1;
    private long deliveredBeforePrivilegedRead;

    /** The rest of the page being sent when the client stopped being ready: at most one page. */
    private final ArrayDeque<FeedEntryView> pending = new ArrayDeque<>();

    private long pendingExaminedTo;

    // guarded by sending
    private volatile boolean closed;
    private volatile long position;
    private volatile long lastSent;
    private volatile long acknowledged;
    private volatile long eventsDelivered;

    SubscriptionStream(
            SubscriptionGrpcService service,
            ParticipantId participant,
            ServerCallStreamObserver<SubscribeResponse> out) {
        this.service = service;
        this.feed = service.feed();
        this.participant = participant;
        this.out = out;
        this.connectedAt = service.clock().instant();
        out.setOnReadyThreshold(READY_THRESHOLD);
        out.setOnReadyHandler(this::wake);
        out.setOnCancelHandler(() -> close("cancelled by the client"));
    }

    ParticipantId participant() {
        return participant;
    }

    /** The stream's place among the node's open streams, released when it ends. */
    void registeredAs(OpenStreams.Registration registration) {
        this.registration = registration;
        if (closed) {
            registration.close();
        }
    }

    String name() {
        return name;
    }

    long position() {
        return position;
    }

    // ---- what the client sends

    @Override
    public void onNext(SubscribeRequest request) {
        try {
            switch (request.getKindCase()) {
                case OPEN -> open(request.getOpen());
                case ACK -> acknowledge(request.getAck().getPosition());
                case KIND_NOT_SET -> throw invalid("kind", "a request is an open or an ack");
            }
        } catch (RuntimeException refused) {
            fail(service.statusOf(refused), "refused: " + refused.getMessage());
        }
    }

    @Override
    public void onError(Throwable cancelled) {
        close("cancelled by the client");
    }

    @Override
    public void onCompleted() {
        synchronized (sending) {
            if (!closed) {
                out.onCompleted();
            }
        }
        close("completed by the client");
    }

    private void open(org.mhhs.backbone.grpc.v1.OpenSubscription request) {
        if (open) {
            throw invalid("open", "the stream is already open; send open only once, first");
        }
        long head = feed.headPosition();
        SubscriptionGrpcService.OpenRequest valid = service.validate(request, head);
        feed.subscriptionOpened(participant, valid.name());
        long acknowledgedBefore = feed.acknowledgement(participant, valid.name())
                .map(a -> a.position())
                .orElse(0L);
        long start = switch (valid.start()) {
            case START_FROM_BEGINNING -> 0;
            case START_FROM_LATEST -> head;
            case START_FROM_POSITION -> valid.position();
            case START_FROM_LAST_ACKNOWLEDGED -> acknowledgedBefore;
            default -> throw new IllegalStateException("validated: " + valid.start());
        };
        name = valid.name();
        eventTypes = valid.eventTypes();
        readerStale = false;
        reader = feed.readerFor(participant);
        backlogEnd = head;
        position = start;
        lastSent = start;
        acknowledged = acknowledgedBefore;
        if (reader.privileged()) {
            privilegedRead = feed.privilegedReadOpened(reader, name, eventTypes, start);
        }
        synchronized (sending) {
            if (closed) {
                return;
            }
            out.onNext(SubscribeResponse.newBuilder()
                    .setOpened(SubscriptionOpened.newBuilder()
                            .setSubscriptionName(name)
                            .setStartPosition(start)
                            .setHeadPosition(head)
                            .setAcknowledgedPosition(acknowledgedBefore))
                    .build());
        }
        open = true;
        service.opened(this);
        listening = feed.onPublished(this::wake);
        wake();
    }

    private void acknowledge(long ackPosition) {
        if (!open) {
            throw invalid("ack", "open the subscription before acknowledging");
        }
        if (ackPosition < 0 || ackPosition > lastSent) {
            throw invalid(
                    "ack.position",
                    "position " + ackPosition + " has not been delivered on this stream" + " (last delivered: "
                            + lastSent + ")");
        }
        if (ackPosition > acknowledged) {
            feed.acknowledge(participant, name, ackPosition);
            acknowledged = ackPosition;
        }
    }

    private static InvalidRequest invalid(String field, String description) {
        return new InvalidRequest(List.of(FieldViolation.newBuilder()
                .setField(field)
                .setDescription(description)
                .build()));
    }

    // ---- delivery

    /** Something may be deliverable (new events, or the client ready again): make sure a delivery turn runs. */
    void wake() {
        if (open && wanted.getAndIncrement() == 0) {
            try {
                service.delivery().execute(this::deliver);
            } catch (RejectedExecutionException shuttingDown) {
                wanted.set(0);
            }
        }
    }

    private void deliver() {
        int missed = 1;
        while (true) {
            try {
                if (!deliverSomePages()) {
                    // more to send but this turn is over: let other streams have the thread
                    wanted.set(0);
                    wake();
                    return;
                }
            } catch (RuntimeException failure) {
                if (DatabaseUnavailable.causedBy(failure)) {
                    // the client resumes from its last acknowledged position, on this node or another
                    log.warn(
                            "Delivery to {} / {} stopped, the database is out of reach: {}",
                            participant,
                            name,
                            failure.toString());
                    fail(DatabaseUnavailable.status(), "failed: " + failure);
                    return;
                }
                log.error("Delivery to {} / {} failed", participant, name, failure);
                fail(
                        Status.INTERNAL
                                .withDescription("the hub failed to deliver events")
                                .asException(),
                        "failed: " + failure);
                return;
            }
            missed = wanted.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Sends pages while the client is ready; false if it stopped only because the turn used its pages. */
    private boolean deliverSomePages() {
        for (int page = 0; page < PAGES_PER_TURN; page++) {
            if (readerStale) {
                refreshReader();
            }
            if (closed || !out.isReady()) {
                return true;
            }
            if (pending.isEmpty()) {
                FeedPageView next = feed.read(reader, position, eventTypes, PAGE);
                if (next.entries().isEmpty()) {
                    position = Math.max(position, next.examinedTo());
                    return true;
                }
                pending.addAll(next.entries());
                pendingExaminedTo = next.examinedTo();
            }
            while (!pending.isEmpty() && out.isReady() && !closed && !readerStale) {
                send(pending.poll());
            }
            if (readerStale) {
                continue;
            }
            if (!pending.isEmpty()) {
                return true;
            }
            position = Math.max(position, pendingExaminedTo);
        }
        return false;
    }

    /**
     * The participant's roles changed: reads go on from the position reached with the reader of its roles now. What
     * the old reader had read but not sent yet is read again, so that nothing it may no longer see goes out, and an
     * AUDITOR or OPERATOR read that stops (or starts) being one is recorded as closed (or opened) at this point.
     */
    private void refreshReader() {
        readerStale = false;
        FeedReaderView fresh = feed.readerFor(participant);
        pending.clear();
        synchronized (sending) {
            if (closed) {
                return;
            }
            if (privilegedRead >= 0 && !fresh.privileged()) {
                feed.privilegedReadClosed(
                        privilegedRead,
                        lastSent,
                        eventsDelivered - deliveredBeforePrivilegedRead,
                        "no longer AUDITOR or OPERATOR: the stream goes on with the participant's own audience");
                privilegedRead = -1;
            } else if (privilegedRead < 0 && fresh.privileged()) {
                privilegedRead = feed.privilegedReadOpened(fresh, name, eventTypes, position);
                deliveredBeforePrivilegedRead = eventsDelivered;
            }
            reader = fresh;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void send(FeedEntryView entry) {
        PreEncodedResponses.Encoded response =
                PreEncodedResponses.event(entry.envelope(), entry.position() <= backlogEnd);
        synchronized (sending) {
            if (closed) {
                return;
            }
            // the Subscribe method's marshaller takes encoded responses (PreEncodedResponses)
            ((StreamObserver) out).onNext(response);
            position = entry.position();
            lastSent = entry.position();
            eventsDelivered++;
        }
        service.countDelivered();
    }

    // ---- ending

    @Override
    public void end(StatusException status) {
        fail(status, "ended by the hub: " + status.getStatus().getDescription());
    }

    @Override
    public void rolesChanged() {
        readerStale = true;
        wake();
    }

    void fail(StatusException status, String outcome) {
        synchronized (sending) {
            if (!closed) {
                try {
                    out.onError(status);
                } catch (RuntimeException alreadyGone) {
                    // the call was cancelled meanwhile
                }
            }
        }
        close(outcome);
    }

    private void close(String outcome) {
        synchronized (sending) {
            if (closed) {
                return;
            }
            closed = true;
        }
        service.closed(this);
        OpenStreams.Registration registered = registration;
        if (registered != null) {
            registered.close();
        }
        if (listening != null) {
            try {
                listening.close();
            } catch (Exception e) {
                log.debug("closing the feed listener", e);
            }
        }
        if (privilegedRead >= 0) {
            try {
                feed.privilegedReadClosed(
                        privilegedRead, lastSent, eventsDelivered - deliveredBeforePrivilegedRead, outcome);
            } catch (RuntimeException e) {
                log.error("Could not complete the record of privileged read {}", privilegedRead, e);
            }
        }
    }

    Subscriber describe(long head) {
        return Subscriber.newBuilder()
                .setParticipantId(participant.value())
                .setSubscriptionName(name)
                .setConnectedAt(ProtoMapping.timestamp(connectedAt))
                .setPosition(position)
                .setAcknowledgedPosition(acknowledged)
                .setLag(Math.max(0, head - position))
                .setEventsDelivered(eventsDelivered)
                .addAllEventTypes(eventTypes)
                .setReady(out.isReady())
                .build();
    }
}
