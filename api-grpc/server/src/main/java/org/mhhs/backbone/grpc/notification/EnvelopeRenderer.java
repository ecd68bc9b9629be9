package org.mhhs.backbone.grpc.notification;

import static org.mhhs.backbone.grpc.ProtoMapping.timestamp;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.mhhs.backbone.grpc.EnvelopeContent;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.Withheld;
import org.mhhs.backbone.hub.AxonPersistenceConfiguration;
import org.mhhs.backbone.notification.api.FeedRenderer;
import org.springframework.stereotype.Component;

/**
 * Renders each event of the feed as the {@link EventEnvelope} subscribers receive: the envelope fields from the
 * stored message and its metadata, the typed event from the payload as each context's {@link EnvelopeContent} renders
 * it. An event type no context renders still gets its envelope (type name, ids, positions) without a typed body.
 */
@Component
class EnvelopeRenderer implements FeedRenderer {

    private final List<EnvelopeContent> contents;

    EnvelopeRenderer(List<EnvelopeContent> contents) {
        this.contents = List.copyOf(contents);
    }

    /** Metadata keys Axon's correlation providers put on every event (see AxonPersistenceConfiguration). */
    static final String TRACE_ID = "traceId";

    static final String CORRELATION_ID = "correlationId";
    static final String PARTICIPANT = AxonPersistenceConfiguration.PRODUCING_PARTICIPANT;

    @Override
    public byte[] render(EventMessage<?> event, Instant publishedAt) {
        EventEnvelope.Builder envelope = envelope(event, publishedAt);
        typed(event.getPayload(), envelope);
        return envelope.build().toByteArray();
    }

    /** The envelope's ids and timestamps and the reason; no typed event, no producer (the content stays parked). */
    @Override
    public byte[] renderWithheld(EventMessage<?> event, Instant publishedAt, String reason) {
        return envelope(event, publishedAt)
                .clearProducer()
                .setWithheld(Withheld.newBuilder().setReason(reason))
                .build()
                .toByteArray();
    }

    /**
     * The position appended as its field: an envelope rendered without one (0 is not encoded) parses with it, as
     * protobuf's merge rule reads concatenated messages; no parse and re-encode per event.
     */
    @Override
    public byte[] atPosition(byte[] envelope, long position) {
        byte[] positioned = new byte
                [envelope.length + CodedOutputStream.computeInt64Size(EventEnvelope.POSITION_FIELD_NUMBER, position)];
        CodedOutputStream out = CodedOutputStream.newInstance(positioned);
        try {
            out.writeRawBytes(envelope);
            out.writeInt64(EventEnvelope.POSITION_FIELD_NUMBER, position);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return positioned;
    }

    private static EventEnvelope.Builder envelope(EventMessage<?> event, Instant publishedAt) {
        EventEnvelope.Builder envelope = EventEnvelope.newBuilder()
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
        return envelope;
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

    @Override
    public String eventIdOf(byte[] stored) {
        try {
            return EventEnvelope.parseFrom(stored).getEventId();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored envelope does not parse", e);
        }
    }

    private void typed(Object payload, EventEnvelope.Builder envelope) {
        for (EnvelopeContent content : contents) {
            if (content.fill(payload, envelope)) {
                return;
            }
        }
        // the envelope alone: a type the wire contract has no message for yet
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
