package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.HubApplication;
import org.mhhs.backbone.isd.api.ParticipantRegistered;
import org.mhhs.backbone.isd.api.RegisterParticipant;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.testing.MarketIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Axon must run every event-handling batch in one database transaction with its token update (on Boot 4 it silently
 * runs without one unless wired explicitly). A handler that writes and then fails must leave nothing behind, and the
 * event must be handled again rather than skipped.
 */
@SpringBootTest(
        classes = HubApplication.class,
        properties = "axon.eventhandling.processors.transaction-probe.mode=pooled")
@ActiveProfiles("test")
@Import(ProjectionTransactionTest.ProbeConfiguration.class)
class ProjectionTransactionTest {

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Probe probe;

    @Test
    void aFailingProjectionRollsBackItsWritesAndRetriesTheEvent() {
        String poisoned = "poisoned " + MarketIds.mpid('P');
        probe.failOn.set(poisoned);

        commands.sendAndWait(new RegisterParticipant(ParticipantId.of(MarketIds.mpid('P')), poisoned));

        // a second failure: the event was handled again (not skipped) after the first attempt's transaction ended,
        // and that transaction left no row (the retry's insert would have hit the key before counting a failure)
        await().until(() -> probe.failures.get() >= 2);
        assertThat(rowsFor(poisoned)).as("rows left by the failed attempts").isZero();

        probe.failOn.set(null);
        await().until(() -> rowsFor(poisoned) == 1);
        assertThat(probe.failures.get()).isGreaterThanOrEqualTo(2);
    }

    private long rowsFor(String name) {
        return jdbc.sql("SELECT count(*) FROM public.transaction_probe WHERE name = :name")
                .param("name", name)
                .query(Long.class)
                .single();
    }

    @TestConfiguration
    static class ProbeConfiguration {

        @org.springframework.context.annotation.Bean
        Probe probe(JdbcClient jdbc) {
            jdbc.sql("CREATE TABLE IF NOT EXISTS public.transaction_probe (name text PRIMARY KEY)")
                    .update();
            return new Probe(jdbc);
        }
    }

    @ProcessingGroup("transaction-probe")
    static class Probe {

        final AtomicReference<String> failOn = new AtomicReference<>();
        final AtomicInteger failures = new AtomicInteger();
        private final JdbcClient jdbc;

        Probe(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(ParticipantRegistered event) {
            jdbc.sql("INSERT INTO public.transaction_probe (name) VALUES (:name)")
                    .param("name", event.name())
                    .update();
            if (event.name().equals(failOn.get())) {
                failures.incrementAndGet();
                throw new IllegalStateException("probe failure after writing " + event.name());
            }
        }
    }
}
