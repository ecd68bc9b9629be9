package org.mhhs.backbone.hub;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon on PostgreSQL: Spring-managed transactions, snake_case tables in the axon schema, Jackson for every message.
 */
@Configuration(proxyBeanMethods = false)
public class AxonPersistenceConfiguration {

    /** Metadata key of the participant whose command produced an event. */
    public static final String PRODUCING_PARTICIPANT = "participant";

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Axon's own transaction auto-configuration runs too early on Boot 4 and silently falls back to no transactions;
     * declaring it here makes every command and every event handler batch one database transaction.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /**
     * PostgreSQL reports a duplicate key by SQLState 23505, not by vendor error code: without this, re-creating an
     * existing aggregate is an opaque storage failure instead of "already exists".
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("axon.domain_event_entry")
                .snapshotTable("axon.snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("axon.token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * The Jackson 2 mapper Axon picks up by this bean name. Records serialise by their components; is-getters
     * are ignored, so a convenience accessor such as isOpenEnded() never leaks into stored events.
     */
    @Bean
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new KernelValuesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
    }

    /**
     * A projection that fails on an event must not skip it: the failure rolls the batch back (token included) and
     * the processor retries with back-off, so a read model never silently misses an event.
     */
    @Bean
    ConfigurerModule projectionFailuresAreRetriedNotSkipped() {
        return configurer ->
                configurer.eventProcessing(processing -> processing.registerDefaultListenerInvocationErrorHandler(
                        configuration -> PropagatingErrorHandler.instance()));
    }

    /**
     * Every event carries the ids of its causing message and its chain (Axon's message origin) and the participant
     * whose command produced it ({@code participant}, put on each command by the gRPC layer): the envelope of a
     * delivered event shows them. Declaring any provider replaces Axon's default, so both are declared here.
     */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider producingParticipant() {
        return new SimpleCorrelationDataProvider(PRODUCING_PARTICIPANT);
    }

    /**
     * The JDBC event store, built as Axon's auto-configuration builds it except for two things. Its reader never
     * passes an event that may still commit ({@link CommitOrderEventStorageEngine}, docs/adr/0016). And how long the
     * store's reader waits before looking for new events when nothing told it of any. A command commits in the gRPC
     * layer's transaction, after the point where Axon wakes the reader, so new events are found by that periodic
     * look; Axon's default of 1 s would put up to a second between a command and its subscribers. Declaring the
     * store means declaring its storage engine too (Axon backs off from both). The connection provider and token
     * store stay Axon's (see {@link AxonJdbcAfterDataSource}). Not with Axon Server.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    static class JdbcEventStoreConfiguration {

        // Axon's Configuration stays fully qualified below: the simple name is Spring's @Configuration here.

        @Bean
        EventStorageEngine eventStorageEngine(
                Serializer defaultSerializer,
                PersistenceExceptionResolver persistenceExceptionResolver,
                @Qualifier("eventSerializer") Serializer eventSerializer,
                org.axonframework.config.Configuration axon,
                ConnectionProvider connectionProvider,
                TransactionManager transactionManager,
                EventSchema eventSchema) {
            return new CommitOrderEventStorageEngine(
                    JdbcEventStorageEngine.builder()
                            .snapshotSerializer(defaultSerializer)
                            .upcasterChain(axon.upcasterChain())
                            .persistenceExceptionResolver(persistenceExceptionResolver)
                            .eventSerializer(eventSerializer)
                            .snapshotFilter(axon.snapshotFilter())
                            .connectionProvider(connectionProvider)
                            .transactionManager(transactionManager),
                    eventSchema);
        }

        @Bean(name = "eventBus")
        @Qualifier("eventStore")
        EmbeddedEventStore eventStore(
                EventStorageEngine storageEngine,
                org.axonframework.config.Configuration axon,
                @Value("${hub.event-store.fetch-delay:50ms}") Duration fetchDelay) {
            return EmbeddedEventStore.builder()
                    .storageEngine(storageEngine)
                    .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                    .spanFactory(axon.getComponent(EventBusSpanFactory.class))
                    .fetchDelay(fetchDelay.toMillis())
                    .build();
        }
    }
}
