package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.HubApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
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
            assertThat(context.getBeansOfType(ConnectionProvider.class)).isNotEmpty();
            assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
        }
    }

    @Nested
    @DirtiesContext
    @SpringBootTest(
            classes = HubApplication.class,
            properties = {
                "hub.access.bootstrap-on-start=false",
                "hub.processor-mode=subscribing",
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
            assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
        }
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stand-in for an external PostgreSQL", e);
        }
    }
}
