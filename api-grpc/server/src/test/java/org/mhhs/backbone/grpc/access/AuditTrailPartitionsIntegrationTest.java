package org.mhhs.backbone.grpc.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit trail of a running hub is partitioned by month, ready for this month and the next ones. */
@HubIntegrationTest
class AuditTrailPartitionsIntegrationTest {

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void theAuditTrailHasAPartitionForThisMonthAndTheNextAndAnEntryLandsInThisMonths() {
        String supplier = new Market(hub).participant('P', MarketRole.MARKET_ROLE_SUPPLIER);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

        String token = hub.access(hub.operatorToken())
                .issueToken(IssueTokenRequest.newBuilder()
                        .setParticipantId(supplier)
                        .setDescription("partition check")
                        .build())
                .getToken();

        assertThat(token).isNotEmpty();
        assertThat(jdbc.sql("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = 'access.audit_trail'::regclass""").query(String.class).list())
                .contains(
                        partition(today),
                        partition(today.plusMonths(1)),
                        partition(today.plusMonths(2)),
                        "audit_trail_default");
        assertThat(jdbc.sql("""
                        SELECT tableoid::regclass::text FROM access.audit_trail
                        WHERE category = 'CREDENTIAL_CHANGE' AND detail LIKE :token""")
                        .param("token", "%" + supplier + "%")
                        .query(String.class)
                        .list())
                .containsExactly("access." + partition(today));
        assertThat(jdbc.sql("SELECT count(*) FROM access.audit_trail_default")
                        .query(Long.class)
                        .single())
                .as("entries without a partition of their month")
                .isZero();
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE access." + partition(today)).update())
                .hasMessageContaining("append-only");
    }

    private static String partition(LocalDate day) {
        return String.format("audit_trail_%d_%02d", day.getYear(), day.getMonthValue());
    }
}
