package org.mhhs.backbone.hub;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The events this node's processors failed on and have not parked yet, with the number of failed attempts per
 * processing group. A failed attempt rolls its whole batch back and the processor tries again after its back-off;
 * the next attempt at a known failing event runs its handlers in a savepoint ({@link SavepointForFailedEvents}), so
 * that parking it can commit even when a statement of the handler failed. Kept in memory: a node that takes the
 * segment over counts afresh.
 */
@Component
class FailedEvents {

    private final Cache<String, Integer> attempts = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofHours(6))
            .build();
    private final Cache<String, Boolean> events = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofHours(6))
            .build();

    /** Counts a failed attempt of the group at the event; answers the attempts so far. */
    int failed(String processingGroup, String eventId) {
        events.put(eventId, Boolean.TRUE);
        return attempts.asMap().merge(processingGroup + "/" + eventId, 1, Integer::sum);
    }

    /** The event was parked or handled: the next failure at it starts counting again. */
    void forget(String processingGroup, String eventId) {
        attempts.invalidate(processingGroup + "/" + eventId);
    }

    boolean hasFailed(String eventId) {
        return events.getIfPresent(eventId) != null;
    }
}
