package org.mhhs.backbone.notification.api;

import java.time.Instant;
import org.axonframework.eventhandling.EventMessage;

/**
 * Renders an event as subscribers receive it on the wire. Provided by the API layer; called once per event when the
 * event enters the feed, so that a delivery to any number of subscribers costs no further conversion.
 */
public interface FeedRenderer {

    /**
     * The event's envelope without its feed position, which is only taken when the batch commits
     * ({@link #atPosition}). Rendered while the event is handled, so that an event that cannot be rendered fails its
     * handling (and is parked) instead of its batch's commit.
     *
     * @param event       the stored event with its metadata
     * @param publishedAt when it entered the feed
     */
    byte[] render(EventMessage<?> event, Instant publishedAt);

    /**
     * The envelope of an event the feed withholds (parked by the notification processor, docs/adr/0015), without its
     * position: its type, ids, timestamps and the reason, never its payload or anything else of its content.
     */
    byte[] renderWithheld(EventMessage<?> event, Instant publishedAt, String reason);

    /** A rendered envelope with its position in the delivery feed. */
    byte[] atPosition(byte[] envelope, long position);

    /**
     * A stored envelope of consumption whose readings were shredded, rendered again without them (and marked
     * shredded); every other field as it was.
     */
    byte[] withoutReadings(byte[] envelope);

    /** The id of the event a stored envelope carries (the store's event identifier). */
    String eventIdOf(byte[] envelope);
}
