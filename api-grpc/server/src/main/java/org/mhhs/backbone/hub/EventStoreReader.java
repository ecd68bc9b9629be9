package org.mhhs.backbone.hub;

import java.util.List;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.springframework.stereotype.Component;

/**
 * Wakes the reader of Axon's embedded (JDBC) event store once a command's transaction has committed. Axon wakes it
 * when its unit of work commits, but the gRPC layer's transaction around the command commits later, so without this
 * the new events would wait for the reader's next periodic look ({@code hub.event-store.fetch-delay}). Publishing an
 * empty batch outside a unit of work is Axon's public way to run that wake-up; it stores nothing. With Axon Server
 * (which pushes events itself) this does nothing.
 */
@Component
public class EventStoreReader {

    private final EventBus eventBus;

    EventStoreReader(EventBus eventBus) {
        this.eventBus = eventBus;
    }

    /** New events have just been committed. */
    public void eventsCommitted() {
        if (eventBus instanceof EmbeddedEventStore) {
            eventBus.publish(List.of());
        }
    }
}
