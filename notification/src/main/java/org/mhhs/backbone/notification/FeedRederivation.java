package org.mhhs.backbone.notification;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.mhhs.backbone.notification.api.FeedRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Derives the routing of the feed again, once, when the hub starts after an upgrade that changed how audiences are
 * decided (a row of {@code notification.rederivation} left pending by the migration): the routing state is rebuilt
 * from the start of the event store and every feed entry gets the audience and settlement day {@link FeedPublisher}
 * gives it today, in place. Positions, envelopes and order stay as they are, so acknowledged positions stay valid.
 *
 * <p>Each entry is routed with the parties as they stood before its event, exactly as when it was published: the
 * events are taken in feed order (matched to the store by event id; the two orders differ only where transactions
 * committed out of order). It runs before any event processor starts, in one transaction that holds the pending row
 * (a second node starting meanwhile waits, then finds it done) and first truncates the routing state (which also
 * holds off a notification processor still running elsewhere until it commits). Run again, it gives the same result.
 */
@Component
class FeedRederivation implements SmartLifecycle {

    static final String DATED_ROUTING = "dated-routing";

    private static final Logger log = LoggerFactory.getLogger(FeedRederivation.class);
    private static final int PAGE = 1000;
    /** Axon starts its event processors in the phase of its Spring configuration, Integer.MAX_VALUE - 3072. */
    private static final int BEFORE_THE_PROCESSORS = Integer.MAX_VALUE - 4096;

    private static final int STORE_READ_TIMEOUT_SECONDS = 30;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transaction;
    private final EventStore events;
    private final RoutingTable routing;
    private final JdbcMarketParties parties;
    private final FeedRenderer renderer;
    private final Clock clock;
    private volatile boolean running;

    FeedRederivation(
            JdbcClient jdbc,
            JdbcTemplate batches,
            TransactionTemplate transaction,
            EventStore events,
            RoutingTable routing,
            JdbcMarketParties parties,
            FeedRenderer renderer,
            Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.transaction = transaction;
        this.events = events;
        this.routing = routing;
        this.parties = parties;
        this.renderer = renderer;
        this.clock = clock;
    }

    @Override
    public void start() {
        rederiveIfPending(DATED_ROUTING);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return BEFORE_THE_PROCESSORS;
    }

    /** Runs the named re-derivation if it is pending; true if it ran now. */
    boolean rederiveIfPending(String name) {
        if (isPending(name, false) && feedHoldsEntries()) {
            catchUpWithTheStore();
        }
        return Boolean.TRUE.equals(transaction.execute(status -> {
            if (!isPending(name, true)) {
                return false;
            }
            long started = System.nanoTime();
            long entries = rederive();
            jdbc.sql("UPDATE notification.rederivation SET completed_at = :now, entries = :entries WHERE name = :name")
                    .param("now", Timestamp.from(clock.instant()))
                    .param("entries", entries)
                    .param("name", name)
                    .update();
            log.info(
                    "Derived the routing of {} feed entries again ({}) in {} ms",
                    entries,
                    name,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return true;
        }));
    }

    private boolean feedHoldsEntries() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM notification.feed)")
                .query(Boolean.class)
                .single();
    }

    /** Whether the named re-derivation is still to run; {@code lock}: holding its row until the transaction ends. */
    private boolean isPending(String name, boolean lock) {
        return jdbc.sql("SELECT completed_at IS NULL FROM notification.rederivation WHERE name = :name"
                        + (lock ? " FOR UPDATE" : ""))
                .param("name", name)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /**
     * Lets the store's readers pass every event stored so far before the re-derivation's transaction opens: they stop
     * where a running transaction may still commit (docs/adr/0016), and the re-derivation's own would hold them back
     * for as long as it runs, short of the events it reads. One read of a stream, outside any transaction, moves that
     * watermark past every event stored now, and with it past every event the feed holds (an empty feed needs none,
     * and on an empty store the read would only wait out its time-out).
     */
    private void catchUpWithTheStore() {
        try (BlockingStream<TrackedEventMessage<?>> store = events.openStream(null)) {
            store.hasNextAvailable(STORE_READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event store", e);
        }
    }

    /**
     * Rebuilds the routing state and routes every feed entry again, in the caller's transaction; answers the number
     * of entries. The notification processor must not run meanwhile on this node.
     */
    long rederive() {
        parties.clear();
        long last = jdbc.sql("SELECT coalesce(max(position), 0) FROM notification.feed")
                .query(Long.class)
                .single();
        if (last == 0) {
            return 0;
        }
        long routed = 0;
        try (BlockingStream<TrackedEventMessage<?>> store = events.openStream(null)) {
            Map<String, TrackedEventMessage<?>> readAhead = new HashMap<>();
            long after = 0;
            while (after < last) {
                record Stored(long position, byte[] envelope) {}
                List<Stored> page = jdbc.sql("""
                        SELECT position, envelope FROM notification.feed
                        WHERE position > :after AND position <= :last ORDER BY position LIMIT :page""")
                        .param("after", after)
                        .param("last", last)
                        .param("page", PAGE)
                        .query((rs, n) -> new Stored(rs.getLong(1), rs.getBytes(2)))
                        .list();
                if (page.isEmpty()) {
                    break;
                }
                List<Routed> routedPage = new ArrayList<>(page.size());
                for (Stored entry : page) {
                    String eventId = renderer.eventIdOf(entry.envelope());
                    TrackedEventMessage<?> event = readAhead.remove(eventId);
                    if (event == null) {
                        event = find(store, eventId, entry.position(), readAhead);
                    }
                    FeedPublisher.Entry rerouted = FeedPublisher.route(event.getPayload(), event, routing, parties);
                    routedPage.add(new Routed(entry.position(), rerouted.audience()));
                }
                update(routedPage);
                routed += routedPage.size();
                after = page.getLast().position();
            }
        }
        return routed;
    }

    /** Reads the store on to the event, keeping what it passes for the entries still to come. */
    private static TrackedEventMessage<?> find(
            BlockingStream<TrackedEventMessage<?>> store,
            String eventId,
            long position,
            Map<String, TrackedEventMessage<?>> readAhead) {
        try {
            while (store.hasNextAvailable(STORE_READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> next = store.nextAvailable();
                if (next.getIdentifier().equals(eventId)) {
                    return next;
                }
                readAhead.put(next.getIdentifier(), next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event store", e);
        }
        throw new IllegalStateException("The feed entry at position " + position + " holds event " + eventId
                + ", which the event store does not hold: the feed's routing cannot be derived again");
    }

    private void update(List<Routed> page) {
        batches.batchUpdate(
                "UPDATE notification.feed SET audience = ?, settlement_day = ? WHERE position = ?",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement update, int i) throws SQLException {
                        Routed entry = page.get(i);
                        update.setArray(
                                1,
                                update.getConnection()
                                        .createArrayOf("text", entry.audience().sorted()));
                        update.setObject(2, entry.audience().day());
                        update.setLong(3, entry.position());
                    }

                    @Override
                    public int getBatchSize() {
                        return page.size();
                    }
                });
    }

    private record Routed(long position, Audience audience) {}
}
