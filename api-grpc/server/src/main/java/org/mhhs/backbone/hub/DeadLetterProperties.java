package org.mhhs.backbone.hub;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How event processors treat an event they fail on (docs/adr/0015).
 *
 * attemptsBeforeParking: how often an event that fails for a non-transient reason is handled, the processor backing
 * off between attempts (1 s, 2 s, 4 s, ... up to 60 s), before it is parked as a dead letter; at least 2, since the
 * first attempt runs without the savepoint that lets the parking commit after a failed statement. A transient failure
 * (the database unreachable, a deadlock, a serialization conflict) is retried with the same back-off for as long as it
 * lasts and never parks an event.
 */
@ConfigurationProperties("hub.dead-letters")
public record DeadLetterProperties(@DefaultValue("3") int attemptsBeforeParking) {

    public DeadLetterProperties {
        if (attemptsBeforeParking < 2) {
            throw new IllegalArgumentException(
                    "hub.dead-letters.attempts-before-parking must be at least 2, not " + attemptsBeforeParking);
        }
    }
}
