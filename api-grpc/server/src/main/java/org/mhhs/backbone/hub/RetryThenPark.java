package org.mhhs.backbone.hub;

import static org.axonframework.messaging.deadletter.ThrowableCause.truncated;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter policy of every processor (docs/adr/0015). An event whose handling fails is not parked at once: the
 * failure is thrown on, so the processor rolls the batch back and handles it again after its back-off. A transient
 * failure ({@link TransientFailures}) is retried so for as long as it lasts; any other is parked once it failed
 * {@code hub.dead-letters.attempts-before-parking} times, and the processor goes on with the next event. A parked
 * event that fails again when the operator retries it stays parked with the new cause and one retry more.
 */
final class RetryThenPark implements EnqueuePolicy<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(RetryThenPark.class);

    /** Diagnostics of a dead letter: the attempts before it was parked, and the operator's retries since. */
    static final String ATTEMPTS = "attempts";

    static final String RETRIES = "retries";

    private final String processingGroup;
    private final FailedEvents failed;
    private final int attemptsBeforeParking;

    RetryThenPark(String processingGroup, FailedEvents failed, int attemptsBeforeParking) {
        this.processingGroup = processingGroup;
        this.failed = failed;
        this.attemptsBeforeParking = attemptsBeforeParking;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (letter.diagnostics().containsKey(ATTEMPTS)) {
            int retries = number(letter.diagnostics().get(RETRIES)) + 1;
            log.warn(
                    "Dead letter of event {} in {} failed again (retry {}): {}",
                    letter.message().getIdentifier(),
                    processingGroup,
                    retries,
                    cause.toString());
            return Decisions.requeue(
                    truncated(cause), parked -> parked.diagnostics().and(RETRIES, retries));
        }
        String eventId = letter.message().getIdentifier();
        int attempts = failed.failed(processingGroup, eventId);
        if (TransientFailures.isTransient(cause) || attempts < attemptsBeforeParking) {
            log.warn(
                    "Processor {} failed on event {} (attempt {}), retrying after its back-off: {}",
                    processingGroup,
                    eventId,
                    attempts,
                    cause.toString());
            throw new HandlingRetried(processingGroup, eventId, attempts, cause);
        }
        failed.forget(processingGroup, eventId);
        log.error(
                "Processor {} parked event {} ({}) after {} attempts; it goes on with later events",
                processingGroup,
                eventId,
                letter.message().getPayloadType().getSimpleName(),
                attempts,
                cause);
        return Decisions.enqueue(
                truncated(cause), parked -> parked.diagnostics().and(ATTEMPTS, attempts));
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }

    /** Thrown on to the processor, which rolls the batch back and tries again after its back-off. */
    static final class HandlingRetried extends RuntimeException {

        HandlingRetried(String processingGroup, String eventId, int attempts, Throwable cause) {
            super(
                    "processor " + processingGroup + " failed on event " + eventId + " (attempt " + attempts
                            + "); retried after the processor's back-off",
                    cause);
        }
    }
}
