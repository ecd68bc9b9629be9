package org.mhhs.backbone.grpc.metering;

import static java.time.Month.JULY;
import static java.time.Month.JUNE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.MarketDays.lastYear;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.ConsumptionShreddedResponse;
import org.mhhs.backbone.grpc.v1.GetConsumptionRequest;
import org.mhhs.backbone.grpc.v1.ShredConsumptionRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.mhhs.backbone.testing.Submissions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Shredding and sealing cannot race (ADR 0008): a submission seals under a shared lock on the MPAN's key row in the
 * transaction that appends its event, a shred destroys the key under an exclusive one. The hub of this test caches
 * keys for an hour, as a node does that has not yet heard of a shred on another node; that shred is the statement
 * the other node's shred runs, on a connection of the test's own.
 */
@HubIntegrationTest
@TestPropertySource(properties = "hub.encryption.key-cache-ttl=1h")
@DirtiesContext
class ShreddingRacesSealingApiIntegrationTest {

    private static final String OPERATOR = "OPER";
    private static final String DESTROY_KEY = """
            UPDATE metering.mpan_key SET wrapped_key = NULL, shredded_at = now()
            WHERE mpan = ? AND key_version = ?""";

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    /** Callers of their own: the common pool may have a single thread on a small machine. */
    final ExecutorService callers = Executors.newFixedThreadPool(16);

    Market market;
    SettlementMarket settlementMarket;
    Parties parties;
    String mpan;

    @BeforeEach
    void aMeteringPointWithItsDataService() {
        market = new Market(hub);
        settlementMarket = new SettlementMarket(hub, market);
        parties = settlementMarket.parties("_D");
        mpan = settlementMarket.meteringPoint(parties);
    }

    @Test
    void afterAShredOnAnotherNodeNothingIsSealedWithTheKeyThisNodeStillCaches() throws SQLException {
        String day = lastYear(JUNE, 12).toString();
        String newDay = lastYear(JUNE, 11).toString();
        settlementMarket.submit(parties.dataService(), mpan, day, "0.200");
        try (Connection otherNode = dataSource.getConnection()) {
            destroyKey(otherNode, 1);
        }

        var revision = refused(() -> submit(day, "0.300"));
        var repetition = refused(() -> submit(day, "0.200"));

        assertThat(code(revision) + "/" + reason(revision))
                .isEqualTo(Status.Code.FAILED_PRECONDITION + "/ShreddedConsumptionIsClosed");
        assertThat(code(repetition) + "/" + reason(repetition))
                .as("as on the node that shredded")
                .isEqualTo(Status.Code.FAILED_PRECONDITION + "/ShreddedConsumptionIsClosed");
        assertThat(submit(newDay, "0.100")).isOne();
        assertThat(sealedKeyVersions()).containsExactly(day + ":1", newDay + ":2");
        assertThat(await().ignoreExceptions()
                        .until(() -> consumption(newDay), c -> true)
                        .getReadingsList())
                .hasSize(48)
                .allSatisfy(reading -> assertThat(reading.getKwh()).isEqualTo("0.100"));
    }

    @Test
    void submissionsWhileAShredIsUnderWayWaitForItAndThenSealNothingWithTheDestroyedKey() throws Exception {
        String day = lastYear(JUNE, 14).toString();
        String newDay = lastYear(JUNE, 13).toString();
        settlementMarket.submit(parties.dataService(), mpan, day, "0.200");
        CompletableFuture<Integer> newDaySubmission;
        CompletableFuture<StatusRuntimeException> revision;
        try (Connection shred = dataSource.getConnection()) {
            shred.setAutoCommit(false);
            destroyKey(shred, 1);

            newDaySubmission = CompletableFuture.supplyAsync(() -> submit(newDay, "0.100"), callers);
            revision = CompletableFuture.supplyAsync(() -> refused(() -> submit(day, "0.300")), callers);
            await().until(() -> waitingFor("FOR SHARE"), waiting -> waiting == 2);
            assertThat(newDaySubmission).isNotDone();
            assertThat(revision).isNotDone();
            shred.commit();
        }

        assertThat(newDaySubmission.get(30, TimeUnit.SECONDS)).isOne();
        StatusRuntimeException refusal = revision.get(30, TimeUnit.SECONDS);
        assertThat(code(refusal) + "/" + reason(refusal))
                .isEqualTo(Status.Code.FAILED_PRECONDITION + "/ShreddedConsumptionIsClosed");
        assertThat(sealedKeyVersions()).containsExactly(day + ":1", newDay + ":2");
    }

    @Test
    void aShredWaitsForTheSubmissionsSealingWithTheKeyItDestroys() throws Exception {
        String day = lastYear(JUNE, 16).toString();
        settlementMarket.submit(parties.dataService(), mpan, day, "0.200");
        CompletableFuture<ConsumptionShreddedResponse> shred;
        try (Connection sealing = dataSource.getConnection()) {
            sealing.setAutoCommit(false);
            try (PreparedStatement lock = sealing.prepareStatement(
                    "SELECT 1 FROM metering.mpan_key WHERE mpan = ? AND key_version = 1 FOR SHARE")) {
                lock.setString(1, mpan);
                lock.executeQuery().close();
            }

            shred = CompletableFuture.supplyAsync(this::shred, callers);
            await().until(() -> waitingFor("FOR UPDATE"), waiting -> waiting == 1);
            assertThat(shred).isNotDone();
            sealing.commit();
        }

        assertThat(shred.get(30, TimeUnit.SECONDS).getKeyVersion()).isOne();
    }

    @Test
    void concurrentSubmissionsAndAShredEndWithEveryKeysEventsBeforeItsShred() throws Exception {
        settlementMarket.submit(parties.dataService(), mpan, lastYear(JUNE, 30).toString(), "0.200");
        List<String> days = IntStream.rangeClosed(1, 16)
                .mapToObj(n -> lastYear(JULY, n).toString())
                .toList();

        List<CompletableFuture<Integer>> submissions = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            String day = days.get(i);
            submissions.add(CompletableFuture.supplyAsync(() -> submit(day, "0.050"), callers));
            if (i == days.size() / 2) {
                CompletableFuture.supplyAsync(this::shred, callers).get(30, TimeUnit.SECONDS);
            }
        }

        assertThat(submissions)
                .allSatisfy(submission ->
                        assertThat(submission.get(30, TimeUnit.SECONDS)).isOne());
        long shredIndex = shredPosition();
        List<String> sealed = jdbc.sql("""
                        SELECT CASE WHEN global_index < :shred THEN 'before' ELSE 'after' END || ':'
                               || substring(convert_from(payload, 'UTF8') FROM '"keyVersion":([0-9]+)')
                        FROM axon.domain_event_entry
                        WHERE aggregate_identifier LIKE :mpan AND payload_type LIKE '%.ConsumptionRecorded'""")
                .param("shred", shredIndex)
                .param("mpan", mpan + "/%")
                .query(String.class)
                .list();
        assertThat(sealed).hasSize(days.size() + 1).containsOnly("before:1", "after:2");
        assertThat(jdbc.sql("SELECT key_version || ':' || (wrapped_key IS NULL) FROM metering.mpan_key"
                                + " WHERE mpan = :mpan ORDER BY key_version")
                        .param("mpan", mpan)
                        .query(String.class)
                        .list())
                .as("the key it destroyed, and the next one if a submission came after the shred")
                .startsWith("1:true")
                .hasSizeLessThanOrEqualTo(2)
                .allSatisfy(key -> assertThat(key).isIn("1:true", "2:false"));
    }

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    /** Where the MPAN's ConsumptionShredded is in the event store. */
    private long shredPosition() {
        return jdbc.sql("""
                        SELECT global_index FROM axon.domain_event_entry
                        WHERE payload_type LIKE '%.ConsumptionShredded'
                          AND convert_from(payload, 'UTF8') LIKE :mpan
                        """).param("mpan", "%" + mpan + "%").query(Long.class).single();
    }

    private int submit(String day, String kwhEachPeriod) {
        return market.metering(parties.dataService())
                .submitConsumption(Submissions.actualDay(mpan, day, kwhEachPeriod))
                .getVersion();
    }

    private ConsumptionShreddedResponse shred() {
        return market.metering(OPERATOR)
                .shredConsumption(ShredConsumptionRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setReason("erasure request of the household")
                        .build());
    }

    private org.mhhs.backbone.grpc.v1.Consumption consumption(String day) {
        return market.metering(parties.supplier())
                .getConsumption(GetConsumptionRequest.newBuilder()
                        .setMpan(mpan)
                        .setSettlementDate(day)
                        .build());
    }

    private void destroyKey(Connection connection, int keyVersion) throws SQLException {
        try (PreparedStatement destroy = connection.prepareStatement(DESTROY_KEY)) {
            destroy.setString(1, mpan);
            destroy.setInt(2, keyVersion);
            assertThat(destroy.executeUpdate()).isOne();
        }
    }

    /** Sessions of the hub waiting for a row lock, in a statement that locks {@code lockClause}. */
    private long waitingFor(String lockClause) {
        return jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND query LIKE '%mpan_key%' AND query LIKE :clause""")
                .param("clause", "%" + lockClause + "%")
                .query(Long.class)
                .single();
    }

    /** Each stored ConsumptionRecorded of the MPAN as "day:keyVersion", in the order of the store. */
    private List<String> sealedKeyVersions() {
        return jdbc.sql("""
                        SELECT substring(aggregate_identifier FROM 15) || ':'
                               || substring(convert_from(payload, 'UTF8') FROM '"keyVersion":([0-9]+)')
                        FROM axon.domain_event_entry
                        WHERE aggregate_identifier LIKE :mpan AND payload_type LIKE '%.ConsumptionRecorded'
                        ORDER BY global_index""").param("mpan", mpan + "/%").query(String.class).list();
    }
}
