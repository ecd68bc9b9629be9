package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.HubApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The axonserver profile switches the event store and the command and query buses to Axon Server. No Axon Server
 * can run on the build machines, so this proves the wiring only: nothing is sent. A streaming processor asks the
 * event store for its first token when it starts, which needs a live Axon Server; here the projections subscribe
 * instead, which changes nothing of what is checked. The feed's writer and the allocation may not subscribe
 * ({@code OrderedProcessorsGuard}): they stay tracking processors that keep asking in the background. The profile
 * runs with mutual TLS, as production must (the test profile's development mode would be refused;
 * {@code SecurityModeGuardTest}).
 */
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
class AxonServerProfileTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theAxonServerProfileStoresEventsInAxonServerAndRoutesCommandsAndQueriesThroughIt() {
        assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
        assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
        assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
        assertThat(context.getBeansOfType(JdbcEventStorageEngine.class)).isEmpty();
        assertThat(context.getBean(AxonServerConfiguration.class).getServers()).isEqualTo("localhost:18124");
        assertThat(context.getBean(AxonServerConfiguration.class).getComponentName())
                .isEqualTo("mhhs-hub");
    }
}
