package org.mhhs.backbone.grpc.notification;

import static org.mhhs.backbone.grpc.Replies.reply;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.mhhs.backbone.grpc.CallerContext;
import org.mhhs.backbone.grpc.GrpcErrors;
import org.mhhs.backbone.grpc.OpenStreams;
import org.mhhs.backbone.grpc.OutOfRange;
import org.mhhs.backbone.grpc.ProtoMapping;
import org.mhhs.backbone.grpc.RequestFields;
import org.mhhs.backbone.grpc.v1.GetSubscriptionRequest;
import org.mhhs.backbone.grpc.v1.ListSubscribersRequest;
import org.mhhs.backbone.grpc.v1.ListSubscribersResponse;
import org.mhhs.backbone.grpc.v1.OpenSubscription;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.SubscribeRequest;
import org.mhhs.backbone.grpc.v1.SubscribeResponse;
import org.mhhs.backbone.grpc.v1.Subscription;
import org.mhhs.backbone.grpc.v1.SubscriptionServiceGrpc;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.notification.api.NotificationFeed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Durable subscriptions: each stream is a {@link SubscriptionStream} reading the delivery feed at its own pace. The
 * streams share one small pool of delivery threads and the feed's in-memory live end, so connected subscribers cost
 * neither a thread nor a database reader each.
 */
@Service
class SubscriptionGrpcService implements SubscriptionServiceGrpc.AsyncService, BindableService {

    static final int MAX_EVENT_TYPES = 100;

    private final NotificationFeed feed;
    private final OpenStreams openStreams;
    private final GrpcErrors errors;
    private final Clock clock;
    private final ExecutorService delivery;
    private final Map<StreamKey, SubscriptionStream> streams = new ConcurrentHashMap<>();
    private final Set<String> eventTypes;
    private final Counter delivered;

    SubscriptionGrpcService(
            NotificationFeed feed,
            OpenStreams openStreams,
            GrpcErrors errors,
            Clock clock,
            MeterRegistry metrics,
            @Value("${hub.notification.delivery-threads:4}") int deliveryThreads) {
        this.feed = feed;
        this.openStreams = openStreams;
        this.errors = errors;
        this.clock = clock;
        this.delivery = Executors.newFixedThreadPool(
                deliveryThreads,
                Thread.ofPlatform().name("subscription-delivery-", 1).daemon().factory());
        this.eventTypes =
                feed.routedEventTypes().stream().map(Class::getSimpleName).collect(Collectors.toUnmodifiableSet());
        this.delivered = Counter.builder("hub.subscriptions.events.delivered")
                .description("Events sent to subscribers")
                .register(metrics);
        Gauge.builder("hub.subscriptions.connected", streams, Map::size)
                .description("Subscription streams open on this node")
                .register(metrics);
        Gauge.builder("hub.subscriptions.lag.max", this, service -> service.maxLag())
                .description("Largest distance of an open stream behind the head of the feed, in positions")
                .register(metrics);
        Gauge.builder("hub.feed.head.position", feed, NotificationFeed::headPosition)
                .description("Latest position of the delivery feed known to this node")
                .register(metrics);
    }

    @Override
    public ServerServiceDefinition bindService() {
        return PreEncodedResponses.withPreEncodedSubscribe(SubscriptionServiceGrpc.bindService(this));
    }

    @Override
    public StreamObserver<SubscribeRequest> subscribe(StreamObserver<SubscribeResponse> response) {
        SubscriptionStream stream = new SubscriptionStream(
                this, CallerContext.participant(), (ServerCallStreamObserver<SubscribeResponse>) response);
        stream.registeredAs(openStreams.register(stream));
        return stream;
    }

    @Override
    public void getSubscription(GetSubscriptionRequest request, StreamObserver<Subscription> response) {
        RequestFields fields = new RequestFields();
        String name = fields.subscriptionName("subscription_name", request.getSubscriptionName());
        fields.validate();
        ParticipantId caller = CallerContext.participant();
        var acknowledgement = feed.acknowledgement(caller, name)
                .orElseThrow(() -> RuleViolation.notFound(
                        "SubscriptionMustHaveAcknowledgements",
                        name,
                        "nothing has been acknowledged on subscription " + name));
        reply(
                response,
                Subscription.newBuilder()
                        .setParticipantId(caller.value())
                        .setSubscriptionName(name)
                        .setAcknowledgedPosition(acknowledgement.position())
                        .setAcknowledgedAt(ProtoMapping.timestamp(acknowledgement.acknowledgedAt()))
                        .build());
    }

    @Override
    public void listSubscribers(ListSubscribersRequest request, StreamObserver<ListSubscribersResponse> response) {
        long head = feed.headPosition();
        ListSubscribersResponse.Builder answer =
                ListSubscribersResponse.newBuilder().setHeadPosition(head);
        streams.values().stream()
                .sorted(Comparator.comparing(
                                (SubscriptionStream s) -> s.participant().value())
                        .thenComparing(SubscriptionStream::name))
                .forEach(stream -> answer.addSubscribers(stream.describe(head)));
        reply(response, answer.build());
    }

    /** Closes every stream when the hub stops, so that subscribers reconnect (to another node) at once. */
    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        streams.values()
                .forEach(stream -> stream.fail(
                        Status.UNAVAILABLE
                                .withDescription(
                                        "the hub is shutting down; reconnect with START_FROM_LAST_ACKNOWLEDGED")
                                .asException(),
                        "hub shut down"));
        delivery.shutdown();
    }

    // ---- for the streams

    NotificationFeed feed() {
        return feed;
    }

    Clock clock() {
        return clock;
    }

    ExecutorService delivery() {
        return delivery;
    }

    StatusException statusOf(RuntimeException failure) {
        return errors.handleException(failure);
    }

    void countDelivered() {
        delivered.increment();
    }

    /** Registers an opened stream; an earlier stream of the same participant and name is replaced. */
    void opened(SubscriptionStream stream) {
        SubscriptionStream earlier = streams.put(new StreamKey(stream.participant(), stream.name()), stream);
        if (earlier != null) {
            earlier.fail(
                    Status.ABORTED
                            .withDescription("subscription " + stream.name()
                                    + " was opened again by another stream, which replaces this one")
                            .asException(),
                    "replaced");
        }
    }

    void closed(SubscriptionStream stream) {
        streams.remove(new StreamKey(stream.participant(), stream.name()), stream);
    }

    Collection<SubscriptionStream> streams() {
        return streams.values();
    }

    /** Validates the open message: every violation is reported at once, as INVALID_ARGUMENT. */
    OpenRequest validate(OpenSubscription open, long head) {
        RequestFields fields = new RequestFields();
        String name = fields.subscriptionName("open.subscription_name", open.getSubscriptionName());
        if (open.getStart() == StartFrom.START_FROM_UNSPECIFIED || open.getStart() == StartFrom.UNRECOGNIZED) {
            fields.violation("open.start", "start must be BEGINNING, LATEST, POSITION or LAST_ACKNOWLEDGED");
        }
        if (open.getStart() != StartFrom.START_FROM_POSITION && open.getPosition() != 0) {
            fields.violation("open.position", "a position is only taken with START_FROM_POSITION");
        }
        if (open.getPosition() < 0) {
            fields.violation("open.position", "a position is 0 or more");
        }
        if (open.getEventTypesCount() > MAX_EVENT_TYPES) {
            fields.violation("open.event_types", "at most " + MAX_EVENT_TYPES + " event types");
        } else {
            for (int i = 0; i < open.getEventTypesCount(); i++) {
                if (!eventTypes.contains(open.getEventTypes(i))) {
                    fields.violation(
                            "open.event_types[" + i + "]",
                            "unknown event type " + RequestFields.shown(open.getEventTypes(i)));
                }
            }
        }
        fields.validate();
        if (open.getStart() == StartFrom.START_FROM_POSITION && open.getPosition() > head) {
            throw new OutOfRange(
                    "PositionMustNotBeBeyondHead",
                    "position " + open.getPosition() + " is beyond the latest position of the feed (" + head + ")");
        }
        return new OpenRequest(
                name, open.getStart(), open.getPosition(), new LinkedHashSet<>(open.getEventTypesList()));
    }

    private long maxLag() {
        long head = feed.headPosition();
        return streams.values().stream()
                .mapToLong(stream -> Math.max(0, head - stream.position()))
                .max()
                .orElse(0);
    }

    record OpenRequest(String name, StartFrom start, long position, Set<String> eventTypes) {}

    private record StreamKey(ParticipantId participant, String name) {}

    /** START_FROM_POSITION beyond the head of the feed: OUT_OF_RANGE, since it may become valid later. */
}
