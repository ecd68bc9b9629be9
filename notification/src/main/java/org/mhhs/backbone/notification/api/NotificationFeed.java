package org.mhhs.backbone.notification.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * The delivery feed. Each event of the store enters it once, at a position that only grows, and positions become
 * visible strictly in order (one writer), so a reader that has seen position p never misses a later entry at or
 * below p. Recent entries are served from memory; older ones from PostgreSQL.
 */
public interface NotificationFeed {

    /** The latest position in the feed (0 when empty). */
    long headPosition();

    /**
     * The reader for a participant as of now: its role periods as ISD records them now (an entry addressed to a role
     * reaches the holders of that role on the entry's settlement day), privileged if it holds AUDITOR or OPERATOR
     * today. A stream that asks again later applies the grants and revocations made since.
     */
    FeedReaderView readerFor(ParticipantId participant);

    /** Up to {@code max} entries after {@code after} that the reader sees, of the given types (all when empty). */
    FeedPageView read(FeedReaderView reader, long after, Set<String> eventTypes, int max);

    /** Calls the listener (on a feed thread; it must not block) whenever new entries have been published. */
    AutoCloseable onPublished(Runnable listener);

    /** The event types that have a row in the routing table; their simple names are the feed's type names. */
    Set<Class<?>> routedEventTypes();

    Optional<AcknowledgementView> acknowledgement(ParticipantId participant, String subscriptionName);

    /** Records that the participant processed every event up to the position; lower than before changes nothing. */
    void acknowledge(ParticipantId participant, String subscriptionName, long position);

    /**
     * Records that a stream opened the named subscription now (which keeps it from expiring). A name the participant
     * does not keep yet is refused, as a {@code RuleViolation} of kind QUOTA ({@code SubscriptionQuotaExceeded}), when
     * the participant keeps {@code hub.notification.max-subscriptions-per-participant} names already.
     */
    void subscriptionOpened(ParticipantId participant, String subscriptionName);

    /**
     * Removes up to {@code max} subscriptions that no stream has opened or acknowledged on since {@code idleSince},
     * with their acknowledged positions; answers how many.
     */
    int expireIdleSubscriptions(Instant idleSince, int max);

    /**
     * Makes sure the record of privileged reads has a partition for the UTC month of {@code day} and the
     * {@code monthsAhead} after it; answers the partitions that exist (a month whose rows went to the default
     * partition cannot get one).
     */
    List<String> preparePrivilegedReadMonths(LocalDate day, int monthsAhead);

    /**
     * Moves the record of privileged reads of the UTC months before the month of {@code firstOnline} into the archive
     * schema, unchanged and read-only; answers the tables moved.
     */
    List<String> archivePrivilegedReads(LocalDate firstOnline);

    /** Records that a privileged reader opened a stream; returns the record's id. */
    long privilegedReadOpened(
            FeedReaderView reader, String subscriptionName, Set<String> eventTypes, long startPosition);

    /** Completes the record of a privileged stream. */
    void privilegedReadClosed(long readId, long lastPosition, long eventsDelivered, String outcome);
}
