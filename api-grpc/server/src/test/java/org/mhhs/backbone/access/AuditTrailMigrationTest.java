package org.mhhs.backbone.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The migrations that turn the audit trail into a table partitioned by month, on a database holding entries from
 * before them: every row stays, with its id and content, in the partition of its month; the trail stays append-only.
 */
class AuditTrailMigrationTest {

    private EmbeddedPostgres postgres;
    private DataSource dataSource;
    private JdbcClient jdbc;

    @BeforeEach
    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterEach
    void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void theEntriesOfAnUnpartitionedTrailAreKeptEachInThePartitionOfItsMonth() {
        migrate("3");
        insertBeforePartitioning("2024-11-30T23:59:59Z", "PRIVILEGED_READ", "AUDR");
        insertBeforePartitioning("2025-02-01T00:00:00Z", "DENIED_CALL", null);
        insertBeforePartitioning("2025-02-14T12:00:00Z", "CREDENTIAL_CHANGE", "OPER");
        List<String> before = rows();

        migrate("latest");

        assertThat(rows()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM access.audit_trail WHERE occurrences = 1 AND last_at = at")
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        assertThat(jdbc.sql("SELECT id || ' ' || tableoid::regclass FROM access.audit_trail ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly(
                        "1 access.audit_trail_2024_11", "2 access.audit_trail_2025_02", "3 access.audit_trail_2025_02");
        assertThat(partitions())
                .as("every month between the oldest entry and the database's next two")
                .contains(
                        "audit_trail_2024_11",
                        "audit_trail_2024_12",
                        "audit_trail_2025_01",
                        "audit_trail_2025_02",
                        "audit_trail_default",
                        "audit_trail_" + month(OffsetDateTime.now(ZoneOffset.UTC)),
                        "audit_trail_"
                                + month(OffsetDateTime.now(ZoneOffset.UTC).plusMonths(2)));
        String insert = """
                INSERT INTO access.audit_trail (at, last_at, category, authentication, rpc, outcome)
                VALUES (now(), now(), 'DENIED_CALL', 'none', 'x', 'UNAUTHENTICATED') RETURNING id""";
        assertThat(jdbc.sql(insert).query(Long.class).single())
                .as("ids go on from the old table's sequence")
                .isEqualTo(4);
        assertThatThrownBy(
                        () -> jdbc.sql("DELETE FROM access.audit_trail_2025_02").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE access.audit_trail_2024_11").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE access.audit_trail").update())
                .hasMessageContaining("append-only");
    }

    @Test
    void aMonthWhoseEntriesWentToTheDefaultPartitionGetsNoPartitionOfItsOwn() {
        migrate("latest");
        jdbc.sql("""
                INSERT INTO access.audit_trail (at, last_at, category, authentication, rpc, outcome)
                VALUES ('2040-05-03T00:00:00Z', '2040-05-03T00:00:00Z', 'DENIED_CALL', 'none', 'x', 'UNAUTHENTICATED')
                """).update();

        assertThat(jdbc.sql("SELECT access.audit_trail_partition('2040-05-20')")
                        .query(String.class)
                        .optional())
                .isEmpty();
        assertThat(jdbc.sql("SELECT access.audit_trail_partition('2040-06-01')")
                        .query(String.class)
                        .single())
                .isEqualTo("audit_trail_2040_06");
        assertThat(jdbc.sql("SELECT count(*) FROM access.audit_trail_default")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private void migrate(String target) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("access")
                .defaultSchema("access")
                .createSchemas(true)
                .locations("classpath:db/access")
                .target(target)
                .load()
                .migrate();
    }

    private void insertBeforePartitioning(String at, String category, String participant) {
        jdbc.sql("""
                INSERT INTO access.audit_trail (at, category, participant_id, authentication, peer, rpc, outcome,
                    reason, detail)
                VALUES (:at::timestamptz, :category, :participant, 'bearer-token', '/10.0.0.1:5000', 'x/Y', 'OK', 'R',
                    'd')""")
                .param("at", at)
                .param("category", category)
                .param("participant", participant)
                .update();
    }

    private List<String> rows() {
        return jdbc.sql("""
                SELECT id || '|' || at || '|' || category || '|' || coalesce(participant_id, '-') || '|'
                    || authentication || '|' || peer || '|' || rpc || '|' || outcome || '|' || reason || '|' || detail
                FROM access.audit_trail ORDER BY id""").query(String.class).list();
    }

    private List<String> partitions() {
        return jdbc.sql("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'access.audit_trail'::regclass ORDER BY 1""").query(String.class).list();
    }

    private static String month(OffsetDateTime at) {
        return String.format("%d_%02d", at.getYear(), at.getMonthValue());
    }
}
