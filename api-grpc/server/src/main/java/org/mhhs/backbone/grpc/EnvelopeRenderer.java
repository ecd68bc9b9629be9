package org.mhhs.backbone.grpc;

import static org.mhhs.backbone.grpc.ProtoMapping.date;
import static org.mhhs.backbone.grpc.ProtoMapping.energisation;
import static org.mhhs.backbone.grpc.ProtoMapping.role;
import static org.mhhs.backbone.grpc.ProtoMapping.runType;
import static org.mhhs.backbone.grpc.ProtoMapping.segment;
import static org.mhhs.backbone.grpc.ProtoMapping.serviceRole;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.MeteringPointDetails;
import org.mhhs.backbone.grpc.v1.RunOffset;
import org.mhhs.backbone.hub.AxonPersistenceConfiguration;
import org.mhhs.backbone.isd.api.AppointmentResponseTimeoutChanged;
import org.mhhs.backbone.isd.api.BankHolidayAdded;
import org.mhhs.backbone.isd.api.BankHolidayRemoved;
import org.mhhs.backbone.isd.api.FinalDisputeWindowChanged;
import org.mhhs.backbone.isd.api.GspGroupDnoChanged;
import org.mhhs.backbone.isd.api.GspGroupRegistered;
import org.mhhs.backbone.isd.api.ParticipantRegistered;
import org.mhhs.backbone.isd.api.RoleGranted;
import org.mhhs.backbone.isd.api.RoleRevoked;
import org.mhhs.backbone.isd.api.RunScheduleChanged;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.ConsumptionShredded;
import org.mhhs.backbone.metering.api.ReadingsCodec;
import org.mhhs.backbone.notification.api.FeedRenderer;
import org.mhhs.backbone.registration.api.EnergisationStatus;
import org.mhhs.backbone.registration.api.MarketSegment;
import org.mhhs.backbone.registration.api.MeteringPointDetailsChanged;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.ServiceAppointmentAccepted;
import org.mhhs.backbone.registration.api.ServiceAppointmentEnded;
import org.mhhs.backbone.registration.api.ServiceAppointmentRejected;
import org.mhhs.backbone.registration.api.ServiceAppointmentRequested;
import org.mhhs.backbone.registration.api.ServiceAppointmentTimedOut;
import org.mhhs.backbone.registration.api.SupplierRegistered;
import org.mhhs.backbone.settlement.api.DnoTotalsPublished;
import org.mhhs.backbone.settlement.api.SettlementRunCompleted;
import org.mhhs.backbone.settlement.api.SupplierAllocationPublished;
import org.springframework.stereotype.Component;

/**
 * Renders each event of the feed as the {@link EventEnvelope} subscribers receive: the envelope fields from the
 * stored message and its metadata, the typed event from the payload. An event type this class does not know still
 * gets its envelope (type name, ids, positions) without a typed body. Consumption readings are opened with the
 * MPAN's data key; readings that no longer open (shredded) are rendered as shredded, without readings.
 */
@Component
class EnvelopeRenderer implements FeedRenderer {

    private final ConsumptionCipher cipher;

    EnvelopeRenderer(ConsumptionCipher cipher) {
        this.cipher = cipher;
    }

    /** Metadata keys Axon's correlation providers put on every event (see AxonPersistenceConfiguration). */
    static final String TRACE_ID = "traceId";

    static final String CORRELATION_ID = "correlationId";
    static final String PARTICIPANT = AxonPersistenceConfiguration.PRODUCING_PARTICIPANT;

    @Override
    public byte[] render(EventMessage<?> event, long position, Instant publishedAt) {
        EventEnvelope.Builder envelope = EventEnvelope.newBuilder()
                .setPosition(position)
                .setEventId(event.getIdentifier())
                .setType(event.getPayloadType().getSimpleName())
                .setSchemaVersion(1)
                .setOccurredAt(timestamp(event.getTimestamp()))
                .setPublishedAt(timestamp(publishedAt))
                .setCorrelationId(text(event.getMetaData().get(TRACE_ID)))
                .setCausationId(text(event.getMetaData().get(CORRELATION_ID)))
                .setProducer(text(event.getMetaData().get(PARTICIPANT)));
        if (event instanceof DomainEventMessage<?> domainEvent) {
            envelope.setAggregateId(domainEvent.getAggregateIdentifier())
                    .setAggregateSequence(domainEvent.getSequenceNumber());
        }
        typed(event.getPayload(), envelope);
        return envelope.build().toByteArray();
    }

    @Override
    public byte[] withoutReadings(byte[] stored) {
        try {
            EventEnvelope envelope = EventEnvelope.parseFrom(stored);
            if (!envelope.hasConsumptionRecorded()) {
                return stored;
            }
            return envelope.toBuilder()
                    .setConsumptionRecorded(envelope.getConsumptionRecorded().toBuilder()
                            .clearReadings()
                            .clearTotalKwh()
                            .setShredded(true))
                    .build()
                    .toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored envelope does not parse", e);
        }
    }

    private void typed(Object payload, EventEnvelope.Builder envelope) {
        switch (payload) {
            case ParticipantRegistered e ->
                envelope.setParticipantRegistered(org.mhhs.backbone.grpc.v1.ParticipantRegistered.newBuilder()
                        .setParticipantId(id(e.participantId()))
                        .setName(e.name()));
            case RoleGranted e ->
                envelope.setRoleGranted(org.mhhs.backbone.grpc.v1.RoleGranted.newBuilder()
                        .setParticipantId(id(e.participantId()))
                        .setRole(role(e.role()))
                        .setEffectiveFrom(date(e.period().from()))
                        .setEffectiveTo(date(e.period().to())));
            case RoleRevoked e ->
                envelope.setRoleRevoked(org.mhhs.backbone.grpc.v1.RoleRevoked.newBuilder()
                        .setParticipantId(id(e.participantId()))
                        .setRole(role(e.role()))
                        .setEffectiveFrom(date(e.period().from()))
                        .setEffectiveTo(date(e.period().to()))
                        .setLastDay(date(e.lastDay())));
            case GspGroupRegistered e ->
                envelope.setGspGroupRegistered(org.mhhs.backbone.grpc.v1.GspGroupRegistered.newBuilder()
                        .setGspGroupId(e.gspGroupId().value())
                        .setName(e.name())
                        .setDnoId(id(e.dnoId())));
            case GspGroupDnoChanged e ->
                envelope.setGspGroupDnoChanged(org.mhhs.backbone.grpc.v1.GspGroupDnoChanged.newBuilder()
                        .setGspGroupId(e.gspGroupId().value())
                        .setPreviousDnoId(id(e.previousDnoId()))
                        .setDnoId(id(e.dnoId())));
            case BankHolidayAdded e ->
                envelope.setBankHolidayAdded(org.mhhs.backbone.grpc.v1.BankHolidayAdded.newBuilder()
                        .setDate(date(e.date()))
                        .setName(e.name()));
            case BankHolidayRemoved e ->
                envelope.setBankHolidayRemoved(org.mhhs.backbone.grpc.v1.BankHolidayRemoved.newBuilder()
                        .setDate(date(e.date())));
            case RunScheduleChanged e -> {
                var changed = org.mhhs.backbone.grpc.v1.RunScheduleChanged.newBuilder();
                e.workingDaysAfterSettlementDay()
                        .forEach((run, days) -> changed.addOffsets(
                                RunOffset.newBuilder().setRunType(runType(run)).setWorkingDays(days)));
                envelope.setRunScheduleChanged(changed);
            }
            case AppointmentResponseTimeoutChanged e ->
                envelope.setAppointmentResponseTimeoutChanged(
                        org.mhhs.backbone.grpc.v1.AppointmentResponseTimeoutChanged.newBuilder()
                                .setTimeout(e.timeout().toString()));
            case FinalDisputeWindowChanged e ->
                envelope.setFinalDisputeWindowChanged(org.mhhs.backbone.grpc.v1.FinalDisputeWindowChanged.newBuilder()
                        .setMonths(e.months()));
            case MeteringPointRegistered e ->
                envelope.setMeteringPointRegistered(org.mhhs.backbone.grpc.v1.MeteringPointRegistered.newBuilder()
                        .setMpan(e.mpan().value())
                        .setDetails(details(e.effectiveFrom(), e.gspGroupId(), e.segment(), e.energisation()))
                        .setRegistrationService(id(e.registrationService())));
            case MeteringPointDetailsChanged e ->
                envelope.setMeteringPointDetailsChanged(
                        org.mhhs.backbone.grpc.v1.MeteringPointDetailsChanged.newBuilder()
                                .setMpan(e.mpan().value())
                                .setDetails(details(e.effectiveFrom(), e.gspGroupId(), e.segment(), e.energisation()))
                                .setChangedBy(id(e.changedBy())));
            case SupplierRegistered e ->
                envelope.setSupplierRegistered(org.mhhs.backbone.grpc.v1.SupplierRegistered.newBuilder()
                        .setMpan(e.mpan().value())
                        .setSupplier(id(e.supplier()))
                        .setEffectiveFrom(date(e.effectiveFrom()))
                        .setLosingSupplier(id(e.losingSupplier()))
                        .setLosingSupplierFrom(date(e.losingSupplierFrom())));
            case ServiceAppointmentRequested e ->
                envelope.setServiceAppointmentRequested(
                        org.mhhs.backbone.grpc.v1.ServiceAppointmentRequested.newBuilder()
                                .setMpan(e.mpan().value())
                                .setAppointmentId(e.appointmentId().toString())
                                .setRole(serviceRole(e.role()))
                                .setService(id(e.service()))
                                .setSupplier(id(e.supplier()))
                                .setEffectiveFrom(date(e.effectiveFrom()))
                                .setRespondBy(timestamp(e.respondBy())));
            case ServiceAppointmentAccepted e ->
                envelope.setServiceAppointmentAccepted(org.mhhs.backbone.grpc.v1.ServiceAppointmentAccepted.newBuilder()
                        .setMpan(e.mpan().value())
                        .setAppointmentId(e.appointmentId().toString())
                        .setRole(serviceRole(e.role()))
                        .setService(id(e.service()))
                        .setSupplier(id(e.supplier()))
                        .setEffectiveFrom(date(e.effectiveFrom())));
            case ServiceAppointmentRejected e ->
                envelope.setServiceAppointmentRejected(org.mhhs.backbone.grpc.v1.ServiceAppointmentRejected.newBuilder()
                        .setMpan(e.mpan().value())
                        .setAppointmentId(e.appointmentId().toString())
                        .setRole(serviceRole(e.role()))
                        .setService(id(e.service()))
                        .setSupplier(id(e.supplier()))
                        .setReason(e.reason() == null ? "" : e.reason()));
            case ServiceAppointmentTimedOut e ->
                envelope.setServiceAppointmentTimedOut(org.mhhs.backbone.grpc.v1.ServiceAppointmentTimedOut.newBuilder()
                        .setMpan(e.mpan().value())
                        .setAppointmentId(e.appointmentId().toString())
                        .setRole(serviceRole(e.role()))
                        .setService(id(e.service()))
                        .setSupplier(id(e.supplier())));
            case ServiceAppointmentEnded e ->
                envelope.setServiceAppointmentEnded(org.mhhs.backbone.grpc.v1.ServiceAppointmentEnded.newBuilder()
                        .setMpan(e.mpan().value())
                        .setAppointmentId(e.appointmentId().toString())
                        .setRole(serviceRole(e.role()))
                        .setService(id(e.service()))
                        .setEffectiveFrom(date(e.effectiveFrom()))
                        .setLastDay(date(e.lastDay()))
                        .setEndedBy(id(e.endedBy())));
            case ConsumptionRecorded e -> envelope.setConsumptionRecorded(consumption(e));
            case ConsumptionShredded e ->
                envelope.setConsumptionShredded(org.mhhs.backbone.grpc.v1.ConsumptionShredded.newBuilder()
                        .setMpan(e.mpan().value())
                        .setKeyVersion(e.keyVersion())
                        .setVersionsShredded(e.versionsShredded())
                        .setShreddedAt(timestamp(e.shreddedAt()))
                        .setShreddedBy(id(e.shreddedBy()))
                        .setReason(e.reason()));
            case SupplierAllocationPublished e ->
                envelope.setSupplierAllocationPublished(SettlementEventMessages.of(e));
            case DnoTotalsPublished e -> envelope.setDnoTotalsPublished(SettlementEventMessages.of(e));
            case SettlementRunCompleted e -> envelope.setSettlementRunCompleted(SettlementEventMessages.of(e));
            default -> {
                // the envelope alone: a type the wire contract has no message for yet
            }
        }
    }

    private org.mhhs.backbone.grpc.v1.ConsumptionRecorded consumption(ConsumptionRecorded e) {
        var recorded = org.mhhs.backbone.grpc.v1.ConsumptionRecorded.newBuilder()
                .setMpan(e.mpan().value())
                .setSettlementDate(date(e.settlementDate()))
                .setVersion(e.version())
                .setReplacesVersion(e.replacesVersion())
                .setDataService(id(e.dataService()))
                .setSupplier(id(e.supplier()))
                .setGspGroupId(e.gspGroupId().value());
        cipher.open(e)
                .ifPresentOrElse(
                        readings -> {
                            recorded.setTotalKwh(Energy.ofWattHours(ReadingsCodec.totalWattHours(readings))
                                    .toString());
                            readings.forEach(reading -> recorded.addReadings(ProtoMapping.periodReading(reading)));
                        },
                        () -> recorded.setShredded(true));
        return recorded.build();
    }

    private static MeteringPointDetails details(
            LocalDate from, GspGroupId gsp, MarketSegment segment, EnergisationStatus energisation) {
        return MeteringPointDetails.newBuilder()
                .setEffectiveFrom(date(from))
                .setGspGroupId(gsp.value())
                .setSegment(segment(segment))
                .setEnergisation(energisation(energisation))
                .build();
    }

    private static String id(ParticipantId participant) {
        return participant == null ? "" : participant.value();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
