package org.mhhs.backbone.notification;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * The dead-letter queue of the notification processor (docs/adr/0015): each event it parks, the first failing one of
 * an aggregate and each later one queued behind it, also gets a withheld entry at its place in the delivery feed, in
 * the same transaction, so subscribers see that something is held back and the feed never waits on it. When a dead
 * letter is processed again successfully, {@link FeedPublisher} publishes the event for real at a later position.
 */
final class WithholdingDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    /** Reason of the first event of an aggregate that could not be published. */
    static final String PROCESSING_FAILED = "ProcessingFailed";

    /** Reason of a later event of the same aggregate, queued behind a parked one to keep the aggregate's order. */
    static final String WAITING_BEHIND_PARKED_EVENT = "WaitingBehindParkedEvent";

    private final SequencedDeadLetterQueue<EventMessage<?>> queue;
    private final FeedPublisher feed;

    WithholdingDeadLetterQueue(SequencedDeadLetterQueue<EventMessage<?>> queue, FeedPublisher feed) {
        this.queue = queue;
        this.feed = feed;
    }

    /** Also reached for the events queued behind a parked one (the interface's enqueueIfPresent calls it). */
    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        queue.enqueue(sequenceIdentifier, letter);
        feed.withhold(letter.message(), letter.cause().isPresent() ? PROCESSING_FAILED : WAITING_BEHIND_PARKED_EVENT);
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        queue.evict(letter);
    }

    @Override
    public void requeue(
            DeadLetter<? extends EventMessage<?>> letter,
            UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater)
            throws NoSuchDeadLetterException {
        queue.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return queue.contains(sequenceIdentifier);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return queue.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return queue.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return queue.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return queue.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return queue.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return queue.amountOfSequences();
    }

    @Override
    public boolean process(
            Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
            Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        return queue.process(sequenceFilter, processingTask);
    }

    @Override
    public void clear() {
        queue.clear();
    }
}
