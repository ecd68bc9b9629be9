package org.mhhs.backbone.hub;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * The commit-order watermark of the event table (docs/adr/0014): the highest global index at or below which no index
 * can still commit. Each look takes a probe, the sequence's last value followed by a snapshot; a transaction that
 * holds an index up to that value had its id before it (migration axon/V3), so it is running in the snapshot or has
 * ended. Once every transaction running in a probe's snapshot has ended, all indexes up to its value are final. The
 * reader's own transaction is left out (it may hold a token row lock, never an unwritten event of its own).
 */
final class Watermark {

    /** Probes kept while an open transaction holds them back; when full the oldest goes (only latency is lost). */
    static final int MAX_PENDING_PROBES = 256;

    private static final String SNAPSHOT = """
            SELECT pg_snapshot_xmax(s)::text::bigint AS next_xid,
                   coalesce((SELECT min(x::text::bigint) FROM pg_snapshot_xip(s) AS x),
                            pg_snapshot_xmax(s)::text::bigint) AS oldest_running
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

    /** Takes a probe on the connection (two statements, each with its own snapshot) and answers the watermark. */
    long finalIndex(Connection connection) throws SQLException {
        long allocated = single(connection, lastValueQuery(connection));
        long nextXid;
        long oldestRunning;
        try (PreparedStatement statement = connection.prepareStatement(SNAPSHOT);
                ResultSet result = statement.executeQuery()) {
            result.next();
            nextXid = result.getLong("next_xid");
            oldestRunning = result.getLong("oldest_running");
        }
        return confirm(new Probe(allocated, nextXid), oldestRunning);
    }

    /** The highest watermark confirmed so far, without a new probe. */
    synchronized long confirmed() {
        return finalIndex;
    }

    /** Adds the probe, confirms every probe no running transaction holds back, answers the highest confirmed. */
    synchronized long confirm(Probe probe, long oldestRunning) {
        pending.add(probe);
        pending.removeIf(p -> {
            boolean confirmed = p.nextXid() <= oldestRunning;
            if (confirmed) {
                finalIndex = Math.max(finalIndex, p.allocated());
            }
            return confirmed;
        });
        if (pending.size() > MAX_PENDING_PROBES) {
            pending.removeFirst();
        }
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

    /** The sequence's last value, and the first transaction id not yet given out when the snapshot was taken. */
    record Probe(long allocated, long nextXid) {}
}
