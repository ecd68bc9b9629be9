package org.mhhs.backbone.hub;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Dead letters for every event processor (docs/adr/0015): each processing group enables Axon's sequenced dead-letter
 * queue ({@code axon.eventhandling.processors.NAME.dlq.enabled}, checked by ProcessorConfigurationTest), which Axon's
 * JDBC auto-configuration keeps in {@code axon.dead_letter_entry} through the schema below. Events are sequenced per
 * aggregate (Axon's default sequencing policy): a later event of an aggregate with a parked event is parked behind
 * it. What is retried and what is parked is {@link RetryThenPark}; the notification module wraps its processor's queue
 * so that parked events keep their places in the delivery feed (withheld envelopes).
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("axon.dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    @Bean
    static HandlerEnhancerDefinition savepointForFailedEvents(
            FailedEvents failed, PlatformTransactionManager transactions) {
        return new SavepointForFailedEvents(failed, transactions);
    }

    /** Every processing group with a dead-letter queue retries, then parks ({@link RetryThenPark}). */
    @Bean
    ConfigurerModule deadLetterPolicies(
            EventProcessorProperties processors,
            FailedEvents failed,
            DeadLetterProperties properties,
            PlatformTransactionManager transactions) {
        TransactionManager savepointWithin = new SpringTransactionManager(
                transactions, new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED));
        return configurer -> configurer.eventProcessing(processing -> processors
                .getProcessors()
                .forEach((group, settings) -> {
                    if (!settings.getDlq().isEnabled()) {
                        return;
                    }
                    processing.registerDeadLetterPolicy(
                            group, axon -> new RetryThenPark(group, failed, properties.attemptsBeforeParking()));
                    // A retried letter is handled in its own unit of work within the retry's transaction: in a
                    // savepoint, a failure rolls back its handling alone and the letter is parked again with its
                    // new cause, instead of the whole retry rolling back. The cache spares a lookup per event. A
                    // rebuild (reset and replay) clears the group's dead letters: the replay handles their events.
                    processing.registerDeadLetteringEventHandlerInvokerConfiguration(
                            group,
                            (axon, invoker) -> invoker.transactionManager(savepointWithin)
                                    .enableSequenceIdentifierCache()
                                    .allowReset(true));
                }));
    }
}
