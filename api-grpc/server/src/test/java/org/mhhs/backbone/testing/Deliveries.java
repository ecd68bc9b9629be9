package org.mhhs.backbone.testing;

import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.TestSubscriber.registered;

import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.StartFrom;

/**
 * What participants' subscriptions hold about some metering points, for the tests of who receives what: each
 * delivered registration or consumption event as one line naming what tells it apart ({@link #about}), e.g.
 * {@code ConsumptionRecorded 1400123456789 2026-03-03 v2}.
 */
public final class Deliveries {

    private Deliveries() {}

    /**
     * Opens a subscription from the beginning for each participant, waits until each holds a marker broadcast after
     * everything done so far (so the feed has published it all), and answers per participant what it received about
     * the metering points, in delivery order.
     */
    public static Map<String, List<String>> fromBeginning(
            ManagedChannel channel,
            IsdServiceGrpc.IsdServiceBlockingStub operator,
            Function<String, String> tokenOf,
            Collection<String> participants,
            Set<String> mpans) {
        String marker = MarketIds.mpid('Z');
        operator.registerParticipant(RegisterParticipantRequest.newBuilder()
                .setHeader(newCommand())
                .setParticipantId(marker)
                .setName("Marker after the timeline")
                .build());
        Map<String, List<String>> received = new LinkedHashMap<>();
        List<TestSubscriber> subscribers = new ArrayList<>();
        try {
            for (String participant : participants) {
                subscribers.add(TestSubscriber.open(
                        channel,
                        tokenOf.apply(participant),
                        TestSubscriber.from("entitlement-" + participant, StartFrom.START_FROM_BEGINNING)
                                .build()));
            }
            int i = 0;
            for (String participant : participants) {
                TestSubscriber subscriber = subscribers.get(i++);
                subscriber.awaitEvent(e -> registered(e, marker));
                received.put(
                        participant,
                        subscriber.events().stream()
                                .map(e -> mpanOf(e).filter(mpans::contains).map(mpan -> about(e)))
                                .flatMap(Optional::stream)
                                .toList());
            }
        } finally {
            subscribers.forEach(TestSubscriber::close);
        }
        return received;
    }

    /** The MPAN a registration or consumption event is about; empty for every other event. */
    public static Optional<String> mpanOf(EventEnvelope e) {
        String mpan = switch (e.getEventCase()) {
            case METERING_POINT_REGISTERED -> e.getMeteringPointRegistered().getMpan();
            case METERING_POINT_DETAILS_CHANGED ->
                e.getMeteringPointDetailsChanged().getMpan();
            case SUPPLIER_REGISTERED -> e.getSupplierRegistered().getMpan();
            case SUPPLIER_REGISTRATION_WITHDRAWN ->
                e.getSupplierRegistrationWithdrawn().getMpan();
            case SERVICE_APPOINTMENT_REQUESTED ->
                e.getServiceAppointmentRequested().getMpan();
            case SERVICE_APPOINTMENT_ACCEPTED ->
                e.getServiceAppointmentAccepted().getMpan();
            case SERVICE_APPOINTMENT_REJECTED ->
                e.getServiceAppointmentRejected().getMpan();
            case SERVICE_APPOINTMENT_TIMED_OUT ->
                e.getServiceAppointmentTimedOut().getMpan();
            case SERVICE_APPOINTMENT_ENDED -> e.getServiceAppointmentEnded().getMpan();
            case CONSUMPTION_RECORDED -> e.getConsumptionRecorded().getMpan();
            case CONSUMPTION_SHREDDED -> e.getConsumptionShredded().getMpan();
            default -> null;
        };
        return Optional.ofNullable(mpan);
    }

    /** The event as one line: its type, MPAN and what tells it apart from others of its type. */
    public static String about(EventEnvelope e) {
        return switch (e.getEventCase()) {
            case METERING_POINT_REGISTERED ->
                pointRegistered(e.getMeteringPointRegistered().getMpan());
            case METERING_POINT_DETAILS_CHANGED ->
                detailsChanged(
                        e.getMeteringPointDetailsChanged().getMpan(),
                        e.getMeteringPointDetailsChanged().getDetails().getEffectiveFrom());
            case SUPPLIER_REGISTERED ->
                supplier(
                        e.getSupplierRegistered().getMpan(),
                        e.getSupplierRegistered().getSupplier(),
                        e.getSupplierRegistered().getEffectiveFrom());
            case SUPPLIER_REGISTRATION_WITHDRAWN ->
                withdrawn(
                        e.getSupplierRegistrationWithdrawn().getMpan(),
                        e.getSupplierRegistrationWithdrawn().getSupplier(),
                        e.getSupplierRegistrationWithdrawn().getEffectiveFrom());
            case SERVICE_APPOINTMENT_REQUESTED ->
                requested(
                        e.getServiceAppointmentRequested().getMpan(),
                        e.getServiceAppointmentRequested().getService(),
                        e.getServiceAppointmentRequested().getEffectiveFrom());
            case SERVICE_APPOINTMENT_ACCEPTED ->
                accepted(
                        e.getServiceAppointmentAccepted().getMpan(),
                        e.getServiceAppointmentAccepted().getService(),
                        e.getServiceAppointmentAccepted().getEffectiveFrom());
            case SERVICE_APPOINTMENT_REJECTED ->
                rejected(
                        e.getServiceAppointmentRejected().getMpan(),
                        e.getServiceAppointmentRejected().getService());
            case SERVICE_APPOINTMENT_ENDED ->
                ended(
                        e.getServiceAppointmentEnded().getMpan(),
                        e.getServiceAppointmentEnded().getService(),
                        e.getServiceAppointmentEnded().getLastDay());
            case CONSUMPTION_RECORDED ->
                consumption(
                        e.getConsumptionRecorded().getMpan(),
                        e.getConsumptionRecorded().getSettlementDate(),
                        e.getConsumptionRecorded().getVersion());
            default -> e.getType() + " " + mpanOf(e).orElse(e.getAggregateId());
        };
    }

    public static String pointRegistered(String mpan) {
        return "MeteringPointRegistered " + mpan;
    }

    public static String detailsChanged(String mpan, Object from) {
        return "MeteringPointDetailsChanged " + mpan + " " + from;
    }

    public static String supplier(String mpan, String supplier, Object from) {
        return "SupplierRegistered " + mpan + " " + supplier + " " + from;
    }

    public static String withdrawn(String mpan, String supplier, Object from) {
        return "SupplierRegistrationWithdrawn " + mpan + " " + supplier + " " + from;
    }

    public static String requested(String mpan, String service, Object from) {
        return "ServiceAppointmentRequested " + mpan + " " + service + " " + from;
    }

    public static String accepted(String mpan, String service, Object from) {
        return "ServiceAppointmentAccepted " + mpan + " " + service + " " + from;
    }

    public static String rejected(String mpan, String service) {
        return "ServiceAppointmentRejected " + mpan + " " + service;
    }

    public static String ended(String mpan, String service, Object lastDay) {
        return "ServiceAppointmentEnded " + mpan + " " + service + " " + lastDay;
    }

    public static String consumption(String mpan, Object day, int version) {
        return "ConsumptionRecorded " + mpan + " " + day + " v" + version;
    }
}
