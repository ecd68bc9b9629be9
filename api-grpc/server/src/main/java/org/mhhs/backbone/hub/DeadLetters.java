package org.mhhs.backbone.hub;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.mhhs.backbone.kernel.RuleViolation;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The events the hub's processors parked (docs/adr/0015), for operators: list them, retry a parked event with the
 * events of its aggregate queued behind it, or evict one. Also the gauge {@code hub.projection.dead.letters} per
 * processor and the readiness component {@code deadLetters}: DEGRADED while any processor has dead letters (the node
 * still serves and stays ready), with the count per processor.
 */
@Component("deadLetters")
public class DeadLetters implements HealthIndicator {

    /** Readiness while events are parked: serving, but something waits for the operator. */
    public static final Status DEGRADED = new Status("DEGRADED", "events are parked as dead letters");

    private static final Pattern NUMBER = Pattern.compile("\"%s\"\\s*:\\s*(\\d+)");

    /** One parked event as the operator sees it: never its payload. */
    public record Letter(
            String id,
            String processingGroup,
            String sequenceId,
            long sequenceIndex,
            String eventId,
            String eventType,
            String aggregateId,
            long aggregateSequence,
            String enqueuedAt,
            String lastTouched,
            String causeType,
            String causeMessage,
            int attempts,
            int retries) {}

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final MeterRegistry meters;

    DeadLetters(JdbcClient jdbc, EventProcessingConfiguration processing, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.meters = meters;
    }

    /** Parked events per processing group (groups without any are absent). */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("SELECT processing_group, count(*) FROM axon.dead_letter_entry GROUP BY processing_group")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return counts;
    }

    public long count(String processingGroup) {
        return counts().getOrDefault(processingGroup, 0L);
    }

    /** The group's dead letters, by sequence (aggregate) as they were parked, each sequence in its order. */
    public List<Letter> list(String processingGroup) {
        queue(processingGroup);
        return jdbc.sql("""
                SELECT dead_letter_id, processing_group, sequence_identifier, sequence_index, event_identifier,
                       payload_type, aggregate_identifier, sequence_number, enqueued_at, last_touched, cause_type,
                       cause_message, diagnostics
                FROM axon.dead_letter_entry WHERE processing_group = :group
                ORDER BY (SELECT min(first.enqueued_at) FROM axon.dead_letter_entry first
                          WHERE first.processing_group = dead_letter_entry.processing_group
                            AND first.sequence_identifier = dead_letter_entry.sequence_identifier),
                         sequence_identifier, sequence_index""")
                .param("group", processingGroup)
                .query((rs, n) -> {
                    String diagnostics =
                            rs.getBytes(13) == null ? "" : new String(rs.getBytes(13), StandardCharsets.UTF_8);
                    String payloadType = rs.getString(6);
                    return new Letter(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getString(5),
                            payloadType.substring(payloadType.lastIndexOf('.') + 1),
                            text(rs.getString(7)),
                            rs.getLong(8),
                            rs.getString(9),
                            text(rs.getString(10)),
                            text(rs.getString(11)),
                            text(rs.getString(12)),
                            number(diagnostics, RetryThenPark.ATTEMPTS),
                            number(diagnostics, RetryThenPark.RETRIES));
                })
                .list();
    }

    /**
     * Processes the dead letter again and, if it goes through, the letters of its sequence behind it, in order; the
     * first that fails stays parked with its new cause. Answers whether the whole sequence left the queue.
     */
    public boolean retry(String processingGroup, String deadLetterId) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(processingGroup)
                .orElseThrow(() -> noSuchGroup(processingGroup));
        Letter letter = find(processingGroup, deadLetterId);
        boolean first = list(processingGroup).stream()
                .filter(other -> other.sequenceId().equals(letter.sequenceId()))
                .findFirst()
                .map(head -> head.id().equals(deadLetterId))
                .orElse(false);
        if (!first) {
            throw RuleViolation.precondition(
                    "DeadLetterMustBeFirstOfItsSequence",
                    deadLetterId,
                    "the dead letter " + deadLetterId + " waits behind an earlier one of aggregate "
                            + letter.sequenceId() + ": retry that one");
        }
        processor.process(candidate -> candidate instanceof JdbcDeadLetter<?> jdbcLetter
                && jdbcLetter.getIdentifier().equals(deadLetterId));
        return jdbc.sql("SELECT count(*) FROM axon.dead_letter_entry WHERE processing_group = :group"
                                + " AND sequence_identifier = :sequence")
                        .param("group", processingGroup)
                        .param("sequence", letter.sequenceId())
                        .query(Long.class)
                        .single()
                == 0;
    }

    /** Removes the dead letter for good: the processor never handles its event. Answers the letter evicted. */
    public Letter evict(String processingGroup, String deadLetterId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup);
        Letter letter = find(processingGroup, deadLetterId);
        for (DeadLetter<? extends EventMessage<?>> parked : queue.deadLetterSequence(letter.sequenceId())) {
            if (parked instanceof JdbcDeadLetter<?> jdbcLetter
                    && jdbcLetter.getIdentifier().equals(deadLetterId)) {
                queue.evict(parked);
                return letter;
            }
        }
        throw notFound(processingGroup, deadLetterId);
    }

    private Letter find(String processingGroup, String deadLetterId) {
        return list(processingGroup).stream()
                .filter(letter -> letter.id().equals(deadLetterId))
                .findFirst()
                .orElseThrow(() -> notFound(processingGroup, deadLetterId));
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processingGroup) {
        return processing.deadLetterQueue(processingGroup).orElseThrow(() -> noSuchGroup(processingGroup));
    }

    private static RuntimeException noSuchGroup(String processingGroup) {
        return RuleViolation.notFound(
                "ProjectionMustExist",
                processingGroup,
                "the hub has no projection named " + processingGroup + " with dead letters");
    }

    private static RuntimeException notFound(String processingGroup, String deadLetterId) {
        return RuleViolation.notFound(
                "DeadLetterNotFound",
                deadLetterId,
                "the projection " + processingGroup + " has no dead letter " + deadLetterId);
    }

    @Override
    public Health health() {
        Map<String, Long> counts = counts();
        Health.Builder health = counts.isEmpty() ? Health.up() : Health.status(DEGRADED);
        return health.withDetails(Map.copyOf(counts)).build();
    }

    /** Every processor's parked events, as {@code hub.projection.dead.letters}. */
    @EventListener(ApplicationReadyEvent.class)
    void meterDeadLetters() {
        processing
                .eventProcessors()
                .keySet()
                .forEach(name -> Gauge.builder("hub.projection.dead.letters", this, letters -> letters.count(name))
                        .tag("processor", name)
                        .description("events the processor parked as dead letters")
                        .register(meters));
    }

    private static String text(String value) {
        return Optional.ofNullable(value).orElse("");
    }

    private static int number(String diagnostics, String key) {
        Matcher matcher = Pattern.compile(NUMBER.pattern().formatted(key)).matcher(diagnostics);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
