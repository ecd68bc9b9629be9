package org.mhhs.backbone.notification;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notification processor's dead-letter queue: the hub's JDBC queue (its table and schema), wrapped so that what
 * it parks keeps its place in the delivery feed ({@link WithholdingDeadLetterQueue}). A queue registered for the
 * group takes the place of the one Axon would provide for {@code dlq.enabled}.
 */
@Configuration(proxyBeanMethods = false)
class FeedDeadLetters {

    @Bean
    ConfigurerModule feedDeadLetterQueue(
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            DeadLetterSchema schema,
            ObjectProvider<FeedPublisher> feed) {
        return configurer -> configurer
                .eventProcessing()
                .registerDeadLetterQueue(
                        NotificationProcessingGroup.NAME,
                        axon -> new WithholdingDeadLetterQueue(
                                JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                        .processingGroup(NotificationProcessingGroup.NAME)
                                        .connectionProvider(connectionProvider)
                                        .transactionManager(transactionManager)
                                        .schema(schema)
                                        .genericSerializer(axon.serializer())
                                        .eventSerializer(axon.eventSerializer())
                                        .build(),
                                feed.getObject()));
    }
}
