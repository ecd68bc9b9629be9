package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.HubApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With SPRING_DATASOURCE_URL set, as in every deployment, the DataSource comes from Spring Boot's auto-configuration
 * rather than from the hub's embedded PostgreSQL, and Axon's JDBC components (connection provider, token store) must
 * still be built on it: otherwise tracking tokens silently live in memory and every restart replays every projection.
 */
class ExternalDatabaseTest {

    private static final EmbeddedPostgres EXTERNAL = start();

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> EXTERNAL.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @AfterAll
    static void stop() throws IOException {
        EXTERNAL.close();
    }

    // Each context is closed after its class, before the database it uses is stopped.
    @Nested
    @DirtiesContext
    @SpringBootTest(classes = HubApplication.class, properties = "hub.access.bootstrap-on-start=false")
    @ActiveProfiles("test")
    class OnTheJdbcEventStore {

        @Autowired
        ApplicationContext context;

        @Test
        void trackingTokensAreKeptInTheExternalDatabase() {
            List<String> processors =
                    context.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                            .filter(StreamingEventProcessor.class::isInstance)
                            .map(EventProcessor::getName)
                            .sorted()
                            .toList();
            assertThat(processors).contains("isd", "registration", "metering", "settlement-allocation", "notification");

            // every tracking processor's segments, claimed by this node, are rows of the external database
            await().untilAsserted(() ->
                    assertThat(claimedProcessorsInTheExternalDatabase()).containsAll(processors));
            assertThat(tokenRowsInTheExternalDatabase(probeOf(context))).isEqualTo(1);
        }
    }

    @Nested
    @DirtiesContext
    @SpringBootTest(
            classes = HubApplication.class,
            properties = {
                "hub.access.bootstrap-on-start=false",
                "hub.processor-mode=subscribing",
                "axon.eventhandling.processors.notification.mode=tracking",
                "axon.eventhandling.processors.settlement-allocation.mode=tracking",
                "hub.security.mode=mtls",
                "hub.tls.enabled=true",
                "hub.tls.directory=target/axonserver-profile-tls",
                "axon.axonserver.servers=localhost:18124"
            })
    @ActiveProfiles({"test", "axonserver"})
    class OnAxonServer {

        @Autowired
        ApplicationContext context;

        @Test
        void trackingTokensAreKeptInTheExternalDatabase() {
            assertThat(tokenRowsInTheExternalDatabase(probeOf(context))).isEqualTo(1);
        }
    }

    /**
     * Initializes the tokens of a processor of the test's own through the hub's token store, in a transaction of the
     * hub's, and answers its name: had the store kept them in memory, the external database would have no row of it.
     */
    private static String probeOf(ApplicationContext context) {
        String processor = "external-database-probe-" + UUID.randomUUID();
        TokenStore tokens = context.getBean(TokenStore.class);
        context.getBean(TransactionManager.class)
                .executeInTransaction(() -> tokens.initializeTokenSegments(processor, 1));
        return processor;
    }

    private static long tokenRowsInTheExternalDatabase(String processor) {
        return JdbcClient.create(EXTERNAL.getPostgresDatabase())
                .sql("SELECT count(*) FROM axon.token_entry WHERE processor_name = :processor")
                .param("processor", processor)
                .query(Long.class)
                .single();
    }

    /** Processors with a row in the external database's token table that a node has claimed. */
    private static List<String> claimedProcessorsInTheExternalDatabase() {
        return JdbcClient.create(EXTERNAL.getPostgresDatabase())
                .sql("SELECT DISTINCT processor_name FROM axon.token_entry WHERE owner IS NOT NULL")
                .query(String.class)
                .list();
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stand-in for an external PostgreSQL", e);
        }
    }
}
