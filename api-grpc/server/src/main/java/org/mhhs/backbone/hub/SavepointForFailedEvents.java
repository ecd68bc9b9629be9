package org.mhhs.backbone.hub;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Runs the projection handlers of an event that failed before in a savepoint of the batch's transaction. In
 * PostgreSQL a failed statement aborts the whole transaction, so parking the event in the same transaction (the
 * dead-letter insert, the feed's withheld entry) needs the failed handling rolled back to a savepoint first. Events
 * that never failed run as before: a savepoint costs a round trip, and most events never need one.
 */
class SavepointForFailedEvents implements HandlerEnhancerDefinition {

    private final FailedEvents failed;
    private final PlatformTransactionManager transactions;
    private final DefaultTransactionDefinition nested =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    SavepointForFailedEvents(FailedEvents failed, PlatformTransactionManager transactions) {
        this.failed = failed;
        this.transactions = transactions;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)
                || !original.declaringClass().isAnnotationPresent(ProcessingGroup.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!failed.hasFailed(message.getIdentifier())) {
                    return super.handle(message, target);
                }
                TransactionStatus savepoint = transactions.getTransaction(nested);
                Object result;
                try {
                    result = super.handle(message, target);
                } catch (Exception | Error failure) {
                    transactions.rollback(savepoint);
                    throw failure;
                }
                transactions.commit(savepoint);
                return result;
            }
        };
    }
}
