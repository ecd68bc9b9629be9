package org.mhhs.backbone.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.ConsumptionShredded;
import org.mhhs.backbone.notification.api.FeedEntryView;
import org.mhhs.backbone.notification.api.FeedPageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The live end of the feed in memory: the one reader of {@code notification.feed} on this node. It fetches what was
 * published after the last entry it holds (nudged at once when this node published; polled otherwise, which is how
 * it follows a feed written by another node), keeps the latest entries in a bounded ring and wakes the listeners.
 * However many subscribers are live, the database sees this one reader.
 */
@Component
class FeedTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedTail.class);
    private static final int FETCH = 1000;
    private static final String SHREDDED = ConsumptionShredded.class.getSimpleName();
    private static final String RECORDED = ConsumptionRecorded.class.getSimpleName();

    private final JdbcClient jdbc;
    private final Duration pollInterval;
    private final FeedEntryView[] ring;
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private final Semaphore nudges = new Semaphore(0);

    // guarded by this
    private int first;
    private int size;
    private long coveredFrom;
    private long head;

    private volatile boolean running;
    private Thread reader;

    FeedTail(
            JdbcClient jdbc,
            @Value("${hub.notification.live-buffer-events:8192}") int capacity,
            @Value("${hub.notification.poll-interval:200ms}") Duration pollInterval) {
        this.jdbc = jdbc;
        this.pollInterval = pollInterval;
        this.ring = new FeedEntryView[capacity];
    }

    @Override
    public void start() {
        long latest = jdbc.sql("SELECT coalesce(max(position), 0) FROM notification.feed")
                .query(Long.class)
                .single();
        synchronized (this) {
            head = latest;
            coveredFrom = latest;
        }
        running = true;
        reader = Thread.ofPlatform().name("feed-tail").daemon().start(this::follow);
    }

    @Override
    public void stop() {
        running = false;
        nudge();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** New entries have been committed: fetch them now rather than at the next poll. */
    void nudge() {
        nudges.release();
    }

    synchronized long head() {
        return head;
    }

    AutoCloseable listen(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Up to {@code max} entries after {@code after} that pass the filter, or null when the ring no longer holds
     * everything after {@code after} (the reader must go to the database).
     */
    synchronized FeedPageView read(long after, int max, Predicate<FeedEntryView> filter) {
        if (after < coveredFrom) {
            return null;
        }
        List<FeedEntryView> found = new ArrayList<>();
        long examinedTo = Math.max(after, head);
        for (int i = firstAfter(after); i < size; i++) {
            FeedEntryView entry = ring[(first + i) % ring.length];
            if (filter.test(entry)) {
                found.add(entry);
                if (found.size() == max) {
                    examinedTo = entry.position();
                    break;
                }
            }
        }
        return new FeedPageView(found, examinedTo);
    }

    private int firstAfter(long after) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ring[(first + mid) % ring.length].position() <= after) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private void follow() {
        while (running) {
            try {
                nudges.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                nudges.drainPermits();
                if (running && fetch()) {
                    listeners.forEach(Runnable::run);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Reading the feed failed; retrying: {}", e.toString());
            }
        }
    }

    private boolean fetch() {
        boolean fetched = false;
        List<FeedEntryView> batch;
        do {
            batch = jdbc.sql("""
                    SELECT position, event_type, audience, settlement_day, envelope FROM notification.feed
                    WHERE position > :after ORDER BY position LIMIT :limit""")
                    .param("after", head())
                    .param("limit", FETCH)
                    .query((rs, n) -> entry(rs))
                    .list();
            if (!batch.isEmpty()) {
                append(batch);
                if (batch.stream().anyMatch(entry -> SHREDDED.equals(entry.eventType()))) {
                    reloadConsumption();
                }
                fetched = true;
            }
        } while (batch.size() == FETCH && running);
        return fetched;
    }

    /** A shred rewrote consumption envelopes in the feed (FeedShredder): the copies held here are reloaded. */
    private void reloadConsumption() {
        List<Long> positions = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < size; i++) {
                FeedEntryView entry = ring[(first + i) % ring.length];
                if (RECORDED.equals(entry.eventType())) {
                    positions.add(entry.position());
                }
            }
        }
        if (positions.isEmpty()) {
            return;
        }
        Map<Long, FeedEntryView> reloaded = new HashMap<>();
        jdbc.sql("SELECT position, event_type, audience, settlement_day, envelope FROM notification.feed"
                        + " WHERE position = ANY (:positions)")
                .param("positions", positions.toArray(Long[]::new))
                .query((rs, n) -> entry(rs))
                .list()
                .forEach(entry -> reloaded.put(entry.position(), entry));
        synchronized (this) {
            for (int i = 0; i < size; i++) {
                int at = (first + i) % ring.length;
                FeedEntryView fresh = reloaded.get(ring[at].position());
                if (fresh != null) {
                    ring[at] = fresh;
                }
            }
        }
    }

    private synchronized void append(List<FeedEntryView> entries) {
        for (FeedEntryView entry : entries) {
            if (size == ring.length) {
                coveredFrom = ring[first].position();
                ring[first] = null;
                first = (first + 1) % ring.length;
                size--;
            }
            ring[(first + size) % ring.length] = entry;
            size++;
            head = entry.position();
        }
    }

    /** An entry from the columns position, event_type, audience, settlement_day, envelope. */
    static FeedEntryView entry(ResultSet rs) throws SQLException {
        return new FeedEntryView(
                rs.getLong(1),
                rs.getString(2),
                Set.of((String[]) rs.getArray(3).getArray()),
                rs.getObject(4, LocalDate.class),
                rs.getBytes(5));
    }
}
