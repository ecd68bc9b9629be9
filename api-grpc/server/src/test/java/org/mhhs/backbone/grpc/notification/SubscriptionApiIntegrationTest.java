package org.mhhs.backbone.grpc.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.violatedFields;
import static org.mhhs.backbone.testing.Submissions.submission;
import static org.mhhs.backbone.testing.TestSubscriber.from;
import static org.mhhs.backbone.testing.TestSubscriber.registered;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Month;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.GetSubscriptionRequest;
import org.mhhs.backbone.grpc.v1.ListSubscribersRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.OpenSubscription;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.Subscriber;
import org.mhhs.backbone.grpc.v1.SubscriptionServiceGrpc;
import org.mhhs.backbone.testing.ChannelMarket;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.Registrations;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Subscriptions through the real gRPC API on PostgreSQL: audiences, resumption, filters, bad input, operators. */
@HubIntegrationTest
class SubscriptionApiIntegrationTest {

    private static final Set<String> ISD_TYPES = Set.of(
            "ParticipantRegistered",
            "RoleGranted",
            "RoleRevoked",
            "GspGroupRegistered",
            "GspGroupDnoChanged",
            "BankHolidayAdded",
            "BankHolidayRemoved",
            "RunScheduleChanged",
            "AppointmentResponseTimeoutChanged",
            "FinalDisputeWindowChanged",
            "ChangeOfSupplierHorizonChanged");

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    Market market;

    @BeforeEach
    void aMarket() {
        market = new Market(hub);
    }

    @Test
    void eachParticipantReceivesExactlyTheEventsOfItsAudience() {
        String dno = market.gspGroup("_J").getDnoId();
        String registrationService = market.participant('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        String firstSupplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String secondSupplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String dataService = market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE);
        String auditor = market.participant('U', MarketRole.MARKET_ROLE_AUDITOR);
        long before = hubHead();
        OpenSubscription fromNow = from("audience", StartFrom.START_FROM_POSITION)
                .setPosition(before)
                .build();
        try (TestSubscriber first = subscribe(firstSupplier, fromNow);
                TestSubscriber second = subscribe(secondSupplier, fromNow);
                TestSubscriber distributor = subscribe(dno, fromNow);
                TestSubscriber data = subscribe(dataService, fromNow);
                TestSubscriber audit = subscribe(auditor, fromNow)) {

            String firstPoint = suppliedAndMetered("_J", registrationService, firstSupplier, dataService);
            String secondPoint = suppliedAndMetered("_J", registrationService, secondSupplier, dataService);
            market.registration(secondSupplier)
                    .registerSupplier(Registrations.supplier(
                            firstPoint, MarketDays.daysAhead(14).toString()));
            String sentinel = broadcastSentinel();
            List.of(first, second, distributor, data, audit).forEach(s -> s.awaitEvent(e -> registered(e, sentinel)));

            assertThat(about(first))
                    .containsExactlyInAnyOrder(
                            "SupplierRegistered " + firstPoint + " " + firstSupplier,
                            "ServiceAppointmentRequested " + firstPoint,
                            "ServiceAppointmentAccepted " + firstPoint,
                            "ConsumptionRecorded " + firstPoint,
                            "SupplierRegistered " + firstPoint + " " + secondSupplier);
            assertThat(about(second))
                    .containsExactlyInAnyOrder(
                            "SupplierRegistered " + secondPoint + " " + secondSupplier,
                            "ServiceAppointmentRequested " + secondPoint,
                            "ServiceAppointmentAccepted " + secondPoint,
                            "ConsumptionRecorded " + secondPoint,
                            "SupplierRegistered " + firstPoint + " " + secondSupplier);
            List<String> everything = List.of(
                    "MeteringPointRegistered " + firstPoint,
                    "SupplierRegistered " + firstPoint + " " + firstSupplier,
                    "ServiceAppointmentRequested " + firstPoint,
                    "ServiceAppointmentAccepted " + firstPoint,
                    "ConsumptionRecorded " + firstPoint,
                    "MeteringPointRegistered " + secondPoint,
                    "SupplierRegistered " + secondPoint + " " + secondSupplier,
                    "ServiceAppointmentRequested " + secondPoint,
                    "ServiceAppointmentAccepted " + secondPoint,
                    "ConsumptionRecorded " + secondPoint,
                    "SupplierRegistered " + firstPoint + " " + secondSupplier);
            assertThat(about(distributor)).containsExactlyInAnyOrderElementsOf(everything);
            // the data service, still appointed when the second supplier takes over, is told of the change
            assertThat(about(data))
                    .containsExactlyInAnyOrder(
                            "ServiceAppointmentRequested " + firstPoint,
                            "ServiceAppointmentAccepted " + firstPoint,
                            "ConsumptionRecorded " + firstPoint,
                            "ServiceAppointmentRequested " + secondPoint,
                            "ServiceAppointmentAccepted " + secondPoint,
                            "ConsumptionRecorded " + secondPoint,
                            "SupplierRegistered " + firstPoint + " " + secondSupplier);
            assertThat(about(audit).stream().filter(e -> e.contains(firstPoint) || e.contains(secondPoint)))
                    .containsExactlyInAnyOrderElementsOf(everything);
            assertThat(audit.events()).extracting(EventEnvelope::getType).contains("ParticipantRegistered");
            List.of(first, second, distributor, data, audit)
                    .forEach(s -> assertThat(s.events())
                            .extracting(EventEnvelope::getPosition)
                            .isSorted()
                            .doesNotHaveDuplicates());
        }
    }

    @Test
    void resumingFromTheLastAcknowledgedPositionDeliversTheRestWithNoGapAndNoRepeat() {
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String subscriptionName = "resume-" + supplier;
        long start = hubHead();
        List<String> first = broadcastParticipants(3);
        EventEnvelope acknowledged;
        try (TestSubscriber subscriber = subscribe(
                supplier,
                from(subscriptionName, StartFrom.START_FROM_POSITION)
                        .setPosition(start)
                        .build())) {
            acknowledged = subscriber.awaitEvent(e -> registered(e, first.get(1)));
            subscriber.ack(acknowledged.getPosition());
            await().until(() -> acknowledgedPosition(supplier, subscriptionName) == acknowledged.getPosition());
        }
        List<String> later = broadcastParticipants(3);
        try (TestSubscriber resumed = subscribe(
                supplier,
                from(subscriptionName, StartFrom.START_FROM_LAST_ACKNOWLEDGED).build())) {
            assertThat(resumed.opened().getStartPosition()).isEqualTo(acknowledged.getPosition());
            resumed.awaitEvent(e -> registered(e, later.get(2)));
            List<String> registeredHere = resumed.events().stream()
                    .filter(e -> e.hasParticipantRegistered())
                    .map(e -> e.getParticipantRegistered().getParticipantId())
                    .filter(id -> first.contains(id) || later.contains(id))
                    .toList();
            assertThat(registeredHere).containsExactly(first.get(2), later.get(0), later.get(1), later.get(2));
            assertThat(resumed.events())
                    .allSatisfy(e -> assertThat(e.getPosition()).isGreaterThan(acknowledged.getPosition()));
        }
    }

    @Test
    void aTypeFilterDeliversOnlyThoseTypes() {
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        long start = hubHead();
        String participant = broadcastParticipants(1).getFirst();
        try (TestSubscriber subscriber = subscribe(
                supplier,
                from("filtered", StartFrom.START_FROM_POSITION)
                        .setPosition(start)
                        .addEventTypes("RoleGranted")
                        .build())) {
            subscriber.awaitEvent(e ->
                    e.hasRoleGranted() && e.getRoleGranted().getParticipantId().equals(participant));
            assertThat(subscriber.events()).extracting(EventEnvelope::getType).containsOnly("RoleGranted");
        }
    }

    @Test
    void latestDeliversOnlyWhatIsPublishedAfterOpeningAndMarksItLive() {
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        long before = hubHead();
        String earlier = broadcastParticipants(1).getFirst();
        // the feed is published asynchronously: wait until it holds the earlier participant's last event, so that
        // opening from LATEST cannot race its publication
        long earlierPublishedAt;
        try (TestSubscriber watcher = subscribe(
                supplier,
                from("latest-precondition", StartFrom.START_FROM_POSITION)
                        .setPosition(before)
                        .build())) {
            earlierPublishedAt = watcher.awaitEvent(e -> e.hasRoleGranted()
                            && e.getRoleGranted().getParticipantId().equals(earlier))
                    .getPosition();
        }
        try (TestSubscriber subscriber =
                subscribe(supplier, from("latest", StartFrom.START_FROM_LATEST).build())) {
            long head = subscriber.opened().getHeadPosition();
            assertThat(head).as("the head LATEST starts from").isGreaterThanOrEqualTo(earlierPublishedAt);
            String later = broadcastParticipants(1).getFirst();
            EventEnvelope live = subscriber.awaitEvent(e -> registered(e, later));
            assertThat(live.getReplayed()).isFalse();
            assertThat(live.getPosition()).isGreaterThan(head);
            assertThat(subscriber.events()).noneMatch(e -> registered(e, earlier));
        }
    }

    @Test
    void theEnvelopeCarriesIdsPositionsTimesAndTheProducer() {
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        long start = hubHead();
        String participant = broadcastParticipants(1).getFirst();
        try (TestSubscriber subscriber = subscribe(
                supplier,
                from("envelope", StartFrom.START_FROM_POSITION)
                        .setPosition(start)
                        .build())) {
            EventEnvelope event = subscriber.awaitEvent(e -> registered(e, participant));
            assertThat(event.getType()).isEqualTo("ParticipantRegistered");
            assertThat(event.getSchemaVersion()).isEqualTo(1);
            assertThat(event.getEventId()).isNotEmpty();
            assertThat(event.getAggregateId()).isEqualTo(participant);
            assertThat(event.getAggregateSequence()).isZero();
            assertThat(event.getProducer()).isEqualTo("OPER");
            assertThat(event.getCausationId()).isNotEmpty();
            assertThat(event.getCorrelationId()).isNotEmpty();
            assertThat(event.getOccurredAt().getSeconds()).isPositive();
            assertThat(event.getPublishedAt().getSeconds())
                    .isGreaterThanOrEqualTo(event.getOccurredAt().getSeconds());
            String storedId = jdbc.sql("SELECT event_identifier FROM axon.domain_event_entry"
                            + " WHERE aggregate_identifier = :id AND sequence_number = 0")
                    .param("id", participant)
                    .query(String.class)
                    .single();
            assertThat(event.getEventId()).isEqualTo(storedId);
        }
        try (TestSubscriber again = subscribe(
                supplier,
                from("envelope", StartFrom.START_FROM_POSITION)
                        .setPosition(start)
                        .build())) {
            EventEnvelope replayed = again.awaitEvent(e -> registered(e, participant));
            assertThat(replayed.getReplayed()).isTrue();
        }
    }

    @Test
    void badOpeningsAreRefusedPrecisely() {
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        assertThat(refusal(
                        supplier,
                        OpenSubscription.newBuilder()
                                .setStart(StartFrom.START_FROM_BEGINNING)
                                .build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("open.subscription_name"));
        assertThat(refusal(
                        supplier,
                        from("bad name!", StartFrom.START_FROM_BEGINNING).build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("open.subscription_name"));
        assertThat(refusal(
                        supplier,
                        OpenSubscription.newBuilder().setSubscriptionName("x").build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("open.start"));
        assertThat(refusal(
                        supplier,
                        OpenSubscription.newBuilder()
                                .setSubscriptionName("x")
                                .setStartValue(42)
                                .build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("open.start"));
        assertThat(refusal(
                        supplier,
                        from("x", StartFrom.START_FROM_BEGINNING)
                                .addEventTypes("RoleGranted")
                                .addEventTypes("NoSuchEvent")
                                .build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("open.event_types[1]"));
        assertThat(refusal(
                        supplier,
                        from("x", StartFrom.START_FROM_LATEST).setPosition(5).build()))
                .satisfies(e -> assertThat(violatedFields(e)).containsExactly("open.position"));
        StatusRuntimeException beyond = refusal(
                supplier,
                from("x", StartFrom.START_FROM_POSITION)
                        .setPosition(hubHead() + 1_000_000)
                        .build());
        assertThat(code(beyond)).isEqualTo(Status.Code.OUT_OF_RANGE);
        assertThat(reason(beyond)).isEqualTo("PositionMustNotBeBeyondHead");
        assertThat(acknowledgementRows(supplier)).isZero();
    }

    @Test
    void anAcknowledgementBeyondWhatWasDeliveredEndsTheStreamAndIsNotKept() {
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        try (TestSubscriber subscriber =
                subscribe(supplier, from("acks", StartFrom.START_FROM_LATEST).build())) {
            long head = subscriber.opened().getHeadPosition();
            subscriber.ack(head + 10);
            StatusRuntimeException refused = subscriber.awaitEnd();
            assertThat(code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(violatedFields(refused)).containsExactly("ack.position");
        }
        assertThat(acknowledgementRows(supplier)).isZero();
        StatusRuntimeException none = org.junit.jupiter.api.Assertions.assertThrows(
                StatusRuntimeException.class,
                () -> subscriptions(supplier)
                        .getSubscription(GetSubscriptionRequest.newBuilder()
                                .setSubscriptionName("acks")
                                .build()));
        assertThat(code(none)).isEqualTo(Status.Code.NOT_FOUND);
        StatusRuntimeException malformed = org.junit.jupiter.api.Assertions.assertThrows(
                StatusRuntimeException.class,
                () -> subscriptions(supplier)
                        .getSubscription(GetSubscriptionRequest.newBuilder()
                                .setSubscriptionName("bad name!")
                                .build()));
        assertThat(code(malformed)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(malformed)).containsExactly("subscription_name");
    }

    @Test
    void openingTheSameSubscriptionAgainReplacesTheEarlierStream() {
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        try (TestSubscriber earlier = subscribe(
                        supplier, from("twice", StartFrom.START_FROM_LATEST).build());
                TestSubscriber later = subscribe(
                        supplier, from("twice", StartFrom.START_FROM_LATEST).build())) {
            earlier.opened();
            later.opened();
            assertThat(code(earlier.awaitEnd())).isEqualTo(Status.Code.ABORTED);
            assertThat(later.hasEnded()).isFalse();
        }
    }

    @Test
    void operatorsSeeConnectedSubscribersWithPositionAndLagAndAuditorReadsAreRecorded() {
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String auditor = market.participant('U', MarketRole.MARKET_ROLE_AUDITOR);
        try (TestSubscriber live = subscribe(
                        supplier, from("watched", StartFrom.START_FROM_LATEST).build());
                TestSubscriber audit = subscribe(
                        auditor, from("audit", StartFrom.START_FROM_LATEST).build())) {
            live.opened();
            audit.opened();
            Subscriber listed = await().until(
                            () -> subscriptions(hub.operatorToken())
                                    .listSubscribers(ListSubscribersRequest.getDefaultInstance())
                                    .getSubscribersList()
                                    .stream()
                                    .filter(s -> s.getParticipantId().equals(supplier))
                                    .findFirst(),
                            java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(listed.getSubscriptionName()).isEqualTo("watched");
            assertThat(listed.getLag()).isGreaterThanOrEqualTo(0);
            assertThat(listed.getPosition())
                    .isGreaterThanOrEqualTo(live.opened().getHeadPosition());
            StatusRuntimeException denied = org.junit.jupiter.api.Assertions.assertThrows(
                    StatusRuntimeException.class,
                    () -> subscriptions(market.token(supplier))
                            .listSubscribers(ListSubscribersRequest.getDefaultInstance()));
            assertThat(code(denied)).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        await().untilAsserted(() -> assertThat(jdbc.sql("""
                SELECT count(*) FROM notification.privileged_read
                WHERE participant_id = :auditor AND subscription_name = 'audit' AND closed_at IS NOT NULL""")
                        .param("auditor", auditor)
                        .query(Long.class)
                        .single())
                .isEqualTo(1));
        assertThat(jdbc.sql("SELECT count(*) FROM notification.privileged_read WHERE participant_id = :supplier")
                        .param("supplier", supplier)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    // ---- helpers

    private TestSubscriber subscribe(String participant, OpenSubscription open) {
        TestSubscriber subscriber = TestSubscriber.open(hub.channel(), market.token(participant), open);
        subscriber.opened();
        return subscriber;
    }

    private SubscriptionServiceGrpc.SubscriptionServiceBlockingStub subscriptions(String tokenOrParticipant) {
        String token = tokenOrParticipant.length() == 4 ? market.token(tokenOrParticipant) : tokenOrParticipant;
        return hub.as(SubscriptionServiceGrpc.newBlockingStub(hub.channel()), token);
    }

    private StatusRuntimeException refusal(String participant, OpenSubscription open) {
        TestSubscriber subscriber = TestSubscriber.open(hub.channel(), market.token(participant), open);
        StatusRuntimeException refused = subscriber.awaitEnd();
        assertThat(refused).isNotNull();
        if (code(refused) != Status.Code.OUT_OF_RANGE) {
            assertThat(code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
        return refused;
    }

    private long hubHead() {
        return jdbc.sql("SELECT coalesce(max(position), 0) FROM notification.feed")
                .query(Long.class)
                .single();
    }

    private long acknowledgedPosition(String participant, String name) {
        return subscriptions(participant)
                .getSubscription(GetSubscriptionRequest.newBuilder()
                        .setSubscriptionName(name)
                        .build())
                .getAcknowledgedPosition();
    }

    private long acknowledgementRows(String participant) {
        return jdbc.sql("SELECT count(*) FROM notification.subscription WHERE participant_id = :p"
                        + " AND acknowledged_at IS NOT NULL")
                .param("p", participant)
                .query(Long.class)
                .single();
    }

    /** Registers participants (broadcast events), returning their ids in order. */
    private List<String> broadcastParticipants(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> market.participant('B', MarketRole.MARKET_ROLE_SUPPLIER))
                .toList();
    }

    private String broadcastSentinel() {
        String id = MarketIds.mpid('Z');
        hub.operatorIsd()
                .registerParticipant(RegisterParticipantRequest.newBuilder()
                        .setHeader(newCommand())
                        .setParticipantId(id)
                        .setName("Sentinel")
                        .build());
        return id;
    }

    /** What a subscriber received apart from broadcast standing data: "type mpan [supplier]". */
    private static List<String> about(TestSubscriber subscriber) {
        return subscriber.events().stream()
                .filter(e -> !ISD_TYPES.contains(e.getType()))
                .map(e -> switch (e.getEventCase()) {
                    case METERING_POINT_REGISTERED ->
                        e.getType() + " " + e.getMeteringPointRegistered().getMpan();
                    case SUPPLIER_REGISTERED ->
                        e.getType() + " " + e.getSupplierRegistered().getMpan() + " "
                                + e.getSupplierRegistered().getSupplier();
                    case SERVICE_APPOINTMENT_REQUESTED ->
                        e.getType() + " " + e.getServiceAppointmentRequested().getMpan();
                    case SERVICE_APPOINTMENT_ACCEPTED ->
                        e.getType() + " " + e.getServiceAppointmentAccepted().getMpan();
                    case CONSUMPTION_RECORDED ->
                        e.getType() + " " + e.getConsumptionRecorded().getMpan();
                    default -> e.getType() + " " + e.getAggregateId();
                })
                .collect(Collectors.toList());
    }

    /** A metering point in the GSP group, supplied since last January 1st with its data service, one day metered. */
    private String suppliedAndMetered(String gsp, String registrationService, String supplier, String dataService) {
        String mpan = Market.newMpan();
        ChannelMarket viaChannel = new ChannelMarket(hub.channel(), hub.operatorToken());
        viaChannel.meteringPoint(mpan, gsp, market.token(registrationService));
        viaChannel.supplier(mpan, market.token(supplier));
        viaChannel.dataService(mpan, market.token(supplier), dataService, market.token(dataService));
        market.metering(dataService)
                .submitConsumption(
                        submission(mpan, MarketDays.lastYear(Month.MARCH, 2).toString(), 48, "0.250"));
        return mpan;
    }
}
