package org.mhhs.backbone.notification.api;

import java.time.Instant;
import org.axonframework.eventhandling.EventMessage;

/**
 * Renders an event as subscribers receive it on the wire. Provided by the API layer; called once per event when the
 * event enters the feed, so that a delivery to any number of subscribers costs no further conversion.
 */
public interface FeedRenderer {

    /**
     * @param event       the stored event with its metadata
     * @param position    its position in the delivery feed
     * @param publishedAt     when it entered the feed
     */
    byte[] render(EventMessage<?> event, long position, Instant publishedAt);

    /**
     * A stored envelope of consumption whose readings were shredded, rendered again without them (and marked
     * shredded); every other field as it was.
     */
    byte[] withoutReadings(byte[] envelope);

    /** The id of the event a stored envelope carries (the store's event identifier). */
    String eventIdOf(byte[] envelope);
}
