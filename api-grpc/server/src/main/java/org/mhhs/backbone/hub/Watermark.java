package org.mhhs.backbone.hub;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * The commit-order watermark of the event table (docs/adr/0016): the highest global index at or below which no index
 * can still commit. Each look takes a probe: the sequence's last value, then a transaction id of the reader's own as a
 * fence. A transaction that holds an index up to that value had its id before it (migration axon/V3), so its id is
 * below the fence. Once a snapshot shows no transaction below the fence running, every index up to the probe's value
 * is final. (A snapshot's xmax is the latest completed id plus one, not the next id: a running transaction above it
 * is in no snapshot's list, which is why the fence is an id of the reader's own, not a snapshot's xmax.) The reader's
 * own transaction is left out of the snapshot: it may hold a token row lock, never an unwritten event of its own.
 */
final class Watermark {

    /**
     * Probes kept while running transactions hold them back. When full, the newest gives way to the next: the oldest
     * are the next to be confirmed, and dropping them could starve the watermark under a steady load.
     */
    static final int MAX_PENDING_PROBES = 256;

    private static final String FENCE = "SELECT pg_current_xact_id()::text::bigint";

    private static final String OLDEST_RUNNING = """
            SELECT coalesce((SELECT min(x::text::bigint) FROM pg_snapshot_xip(s) AS x),
                            pg_snapshot_xmax(s)::text::bigint)
            FROM pg_current_snapshot() AS s""";

    private final String table;
    private final String column;
    private final List<Probe> pending = new ArrayList<>();
    private volatile String lastValue;
    private long finalIndex = -1;

    Watermark(EventSchema schema) {
        this.table = schema.domainEventTable();
        this.column = schema.globalIndexColumn();
    }

    /**
     * Takes a probe on the connection and answers the watermark: three statements of microseconds, in this order. The
     * fence makes the reader's transaction hold an id; it writes nothing, so its commit waits for no disk flush.
     */
    long finalIndex(Connection connection) throws SQLException {
        long allocated = single(connection, lastValueQuery(connection));
        long fence = single(connection, FENCE);
        long oldestRunning = single(connection, OLDEST_RUNNING);
        return confirm(new Probe(allocated, fence), oldestRunning);
    }

    /** The highest watermark confirmed so far, without a new probe. */
    synchronized long confirmed() {
        return finalIndex;
    }

    /** Adds the probe, confirms every probe no running transaction holds back, answers the highest confirmed. */
    synchronized long confirm(Probe probe, long oldestRunning) {
        if (probe.allocated() > finalIndex
                && (pending.isEmpty() || probe.allocated() > pending.getLast().allocated())) {
            if (pending.size() == MAX_PENDING_PROBES) {
                pending.removeLast();
            }
            pending.add(probe);
        }
        pending.removeIf(p -> {
            boolean confirmed = p.fence() < oldestRunning;
            if (confirmed) {
                finalIndex = Math.max(finalIndex, p.allocated());
            }
            return confirmed;
        });
        return finalIndex;
    }

    /** The last index the sequence has given out, read outside any snapshot (sequences are not transactional). */
    private String lastValueQuery(Connection connection) throws SQLException {
        String query = lastValue;
        if (query == null) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
                statement.setString(1, table);
                statement.setString(2, column);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    String sequence = result.getString(1);
                    if (sequence == null) {
                        throw new IllegalStateException("no sequence owned by " + table + "." + column);
                    }
                    query = "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM " + sequence;
                }
            }
            lastValue = query;
        }
        return query;
    }

    private static long single(Connection connection, String query) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The sequence's last value, and a transaction id taken after it was read. */
    record Probe(long allocated, long fence) {}
}
