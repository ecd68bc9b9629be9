package org.mhhs.bench.loadgen;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub's PostgreSQL seen directly: the sizes of the hub's tables (what consumption adds to each), and the reference
 * limit, rows of the shape of Axon's event table inserted by plain JDBC in a scratch schema.
 */
final class RawPostgres {

    private static final String SCRATCH = "bench_raw";

    /**
     * The hub's schemas, as the database has them: every schema but PostgreSQL's own ({@code pg_*},
     * {@code information_schema}), {@code public} and this class's scratch schema. A new context's schema counts
     * without an edit here.
     */
    static final String HUB_SCHEMAS =
            "n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'public', '" + SCRATCH + "')";

    /** Every table of the hub's schemas (partitioned ones whole) with its total size. */
    static final String TABLE_SIZES =
            "SELECT n.nspname || '.' || c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND " + HUB_SCHEMAS
                    + " ORDER BY 1";

    private final String url;

    RawPostgres(String url) {
        if (url == null) {
            throw new IllegalArgumentException("--jdbc-url is needed for the PostgreSQL figures "
                    + "(e.g. jdbc:postgresql://localhost:5433/postgres?user=postgres)");
        }
        this.url = url;
    }

    /** Total size (table, indexes, TOAST) of every table of the hub's schemas. */
    Map<String, Long> tableSizes() throws SQLException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(TABLE_SIZES)) {
            while (rows.next()) {
                sizes.put(rows.getString(1), rows.getLong(2));
            }
        }
        return sizes;
    }

    long count(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The two numbers of a one-row, two-column query. */
    long[] pair(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    /** Reads every row of a one-column query to the client (1,000 rows per fetch); answers rows per second. */
    double scanRate(String sql) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(1_000);
                long start = System.nanoTime();
                long rows = 0;
                try (ResultSet result = statement.executeQuery(sql)) {
                    while (result.next()) {
                        if (result.getBytes(1) != null) {
                            rows++;
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                connection.commit();
                return rows / seconds;
            }
        }
    }

    /**
     * Inserts {@code count} copies of a stored consumption event's row (new identifiers each) into a copy of the
     * event table with its indexes, on {@code threads} connections; {@code batch} rows per transaction.
     */
    double insertRate(int count, int threads, int batch) throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCRATCH + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCRATCH);
            statement.execute("CREATE TABLE " + SCRATCH + ".event_copy (LIKE axon.domain_event_entry INCLUDING ALL)");
            statement.execute("ALTER TABLE " + SCRATCH + ".event_copy ALTER COLUMN global_index DROP DEFAULT");
            statement.execute("CREATE SEQUENCE " + SCRATCH + ".event_copy_seq");
        }
        String insert = "INSERT INTO " + SCRATCH + ".event_copy (global_index, aggregate_identifier, sequence_number, "
                + "type, event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) "
                + "SELECT nextval('" + SCRATCH + ".event_copy_seq'), ?, 0, type, gen_random_uuid()::text, meta_data, "
                + "payload, payload_revision, payload_type, time_stamp FROM " + SCRATCH + ".sample";
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + SCRATCH + ".sample AS SELECT * FROM axon.domain_event_entry "
                    + "WHERE payload_type LIKE '%ConsumptionRecorded' ORDER BY global_index DESC LIMIT 1");
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    try (Connection connection = connect();
                            PreparedStatement statement = connection.prepareStatement(insert)) {
                        connection.setAutoCommit(batch == 1);
                        for (int from = next.getAndAdd(batch); from < count; from = next.getAndAdd(batch)) {
                            for (int i = from; i < Math.min(count, from + batch); i++) {
                                statement.setString(1, "raw-" + batch + "-" + i);
                                statement.addBatch();
                            }
                            statement.executeBatch();
                            if (batch > 1) {
                                connection.commit();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
            try (Connection connection = connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + SCRATCH + " CASCADE");
            }
        }
    }

    /**
     * Appends copies of the stored consumption events to the hub's event table until it holds {@code target}
     * consumption events: same payloads under new aggregate identifiers, in one statement per 100,000 rows. This is
     * how the replay benchmark reaches millions of events faster than the hub ingests them.
     */
    long amplifyConsumption(long target) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            long existing = count(
                    "SELECT count(*) FROM axon.domain_event_entry WHERE payload_type LIKE " + "'%ConsumptionRecorded'");
            if (existing == 0) {
                throw new IllegalStateException("no consumption events to copy");
            }
            long copies = 0;
            statement.execute(
                    "CREATE TEMPORARY TABLE originals AS SELECT row_number() OVER (ORDER BY global_index) - 1 "
                            + "AS n, type, meta_data, payload, payload_revision, payload_type, time_stamp "
                            + "FROM axon.domain_event_entry WHERE payload_type LIKE '%ConsumptionRecorded'");
            while (existing + copies < target) {
                long rows = Math.min(100_000, target - existing - copies);
                statement.execute("INSERT INTO axon.domain_event_entry (aggregate_identifier, sequence_number, type, "
                        + "event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) "
                        + "SELECT 'copy-" + copies + "-' || g, 0, o.type, gen_random_uuid()::text, o.meta_data, "
                        + "o.payload, o.payload_revision, o.payload_type, o.time_stamp FROM generate_series(0, "
                        + (rows - 1) + ") g JOIN originals o ON o.n = (g + " + copies + ") % " + existing);
                copies += rows;
            }
            return copies;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }
}
