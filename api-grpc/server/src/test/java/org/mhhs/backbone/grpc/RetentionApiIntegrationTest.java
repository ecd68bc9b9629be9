package org.mhhs.backbone.grpc;

import static java.time.Month.AUGUST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.MarketDays.lastYear;
import static org.mhhs.backbone.testing.TestSubscriber.from;
import static org.mhhs.backbone.testing.TestSubscriber.registered;

import io.grpc.Status;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.ConsumptionAccepted;
import org.mhhs.backbone.grpc.v1.GetSubscriptionRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;
import org.mhhs.backbone.grpc.v1.SubscriptionServiceGrpc;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.mhhs.backbone.testing.Submissions;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Retention through the API (README "Retention"): command ids expire after {@code hub.retention.command-ids} and a
 * resend is then a new command; a participant keeps at most {@code hub.notification.max-subscriptions-per-participant}
 * subscription names; a subscription idle for {@code hub.retention.subscription-idle} is removed and can be made
 * again; months of the audit trail and of the privileged reads before {@code hub.retention.online-months} move to the
 * archive schemas, unchanged and read-only. A hub of its own (a quota of 3); time passes by moving the stored instants
 * back (or writing entries of past months), and the job runs when the test calls it, as the scheduler does every
 * {@code hub.retention.interval}.
 */
@HubIntegrationTest
@TestPropertySource(
        properties = {
            "hub.notification.max-subscriptions-per-participant=3",
            // the scheduler runs the job at start; the tests run it when they need it
            "hub.retention.interval=1h"
        })
@DirtiesContext
class RetentionApiIntegrationTest {

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Retention retention;

    Market market;

    @BeforeEach
    void aMarket() {
        market = new Market(hub);
    }

    @Test
    void theRetentionJobIsAPersistentRecurringTaskOfTheScheduler() {
        assertThat(jdbc.sql("SELECT count(*) FROM axon.scheduled_tasks WHERE task_name = :task")
                        .param("task", Retention.TASK)
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void aCommandIdIsForgottenAfterTheWindowAndItsResendIsThenANewCommand() {
        SettlementMarket settlementMarket = new SettlementMarket(hub, market);
        Parties parties = settlementMarket.parties("_E");
        String mpan = settlementMarket.meteringPoint(parties);
        String day = lastYear(AUGUST, 3).toString();
        SubmitConsumptionRequest request = Submissions.actualDay(mpan, day, "0.250");
        SubmitConsumptionRequest recent =
                Submissions.actualDay(mpan, lastYear(AUGUST, 4).toString(), "0.250");
        settlementMarket.submit(parties.dataService(), mpan, lastYear(AUGUST, 2).toString(), "0.250");
        assertThat(submit(parties, request).getDuplicate()).isFalse();
        assertThat(submit(parties, recent).getDuplicate()).isFalse();
        assertThat(submit(parties, request).getDuplicate())
                .as("within the window")
                .isTrue();
        long stored = hub.storedEvents();

        accepted8DaysAgo(parties.dataService(), request.getHeader().getCommandId());
        assertThat(retention.run().commandIds()).isGreaterThanOrEqualTo(1);

        assertThat(commandIdKept(parties.dataService(), request.getHeader().getCommandId()))
                .isFalse();
        assertThat(commandIdKept(parties.dataService(), recent.getHeader().getCommandId()))
                .as("a command id within the window")
                .isTrue();
        ConsumptionAccepted resent = submit(parties, request);
        assertThat(resent.getDuplicate()).as("a new command").isFalse();
        assertThat(resent.getVersion())
                .as("which repeats the recorded day: nothing new")
                .isOne();
        assertThat(hub.storedEvents()).isEqualTo(stored);
        assertThat(submit(parties, recent).getDuplicate()).isTrue();
        assertThat(submit(parties, request).getDuplicate())
                .as("the resend's id is kept afresh")
                .isTrue();
    }

    @Test
    void aParticipantKeepsAtMostItsQuotaOfSubscriptionNames() {
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String token = market.token(supplier);
        for (String name : new String[] {"quota-1", "quota-2", "quota-3"}) {
            try (TestSubscriber subscriber = TestSubscriber.open(
                    hub.channel(),
                    token,
                    from(name, StartFrom.START_FROM_LATEST).build())) {
                subscriber.opened();
            }
        }

        try (TestSubscriber fourth = TestSubscriber.open(
                hub.channel(),
                token,
                from("quota-4", StartFrom.START_FROM_LATEST).build())) {
            var refusal = fourth.awaitEnd();
            assertThat(code(refusal)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(reason(refusal)).isEqualTo("SubscriptionQuotaExceeded");
            assertThat(refusal.getStatus().getDescription()).contains("max-subscriptions-per-participant");
        }
        try (TestSubscriber again = TestSubscriber.open(
                hub.channel(),
                token,
                from("quota-2", StartFrom.START_FROM_LATEST).build())) {
            assertThat(again.opened().getSubscriptionName())
                    .as("a name it keeps")
                    .isEqualTo("quota-2");
        }
        assertThat(subscriptionNames(supplier)).containsExactly("quota-1", "quota-2", "quota-3");

        readLongAgo(supplier, "quota-1");
        assertThat(retention.run().subscriptions()).isGreaterThanOrEqualTo(1);
        try (TestSubscriber fourth = TestSubscriber.open(
                hub.channel(),
                token,
                from("quota-4", StartFrom.START_FROM_LATEST).build())) {
            assertThat(fourth.opened().getSubscriptionName()).isEqualTo("quota-4");
        }
        assertThat(subscriptionNames(supplier)).containsExactly("quota-2", "quota-3", "quota-4");
    }

    @Test
    void anIdleSubscriptionIsRemovedAndItsParticipantMakesItAgainFromTheBeginning() {
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String token = market.token(supplier);
        long acknowledged;
        try (TestSubscriber subscriber = TestSubscriber.open(
                hub.channel(),
                token,
                from("idle", StartFrom.START_FROM_BEGINNING).build())) {
            subscriber.opened();
            acknowledged =
                    subscriber.awaitEvent(event -> registered(event, supplier)).getPosition();
            subscriber.ack(acknowledged);
            await().until(() -> subscription(token, "idle").getAcknowledgedPosition() == acknowledged);
        }
        String otherName = "busy";
        try (TestSubscriber busy = TestSubscriber.open(
                hub.channel(),
                token,
                from(otherName, StartFrom.START_FROM_LATEST).build())) {
            busy.opened();
        }

        readLongAgo(supplier, "idle");
        assertThat(retention.run().subscriptions()).isGreaterThanOrEqualTo(1);

        var gone = refused(() -> subscription(token, "idle"));
        assertThat(code(gone) + "/" + reason(gone)).isEqualTo("NOT_FOUND/SubscriptionMustHaveAcknowledgements");
        assertThat(subscriptionNames(supplier)).as("one read lately stays").containsExactly(otherName);
        try (TestSubscriber resumed = TestSubscriber.open(
                hub.channel(),
                token,
                from("idle", StartFrom.START_FROM_LAST_ACKNOWLEDGED).build())) {
            assertThat(resumed.opened().getAcknowledgedPosition())
                    .as("its acknowledgements went with it")
                    .isZero();
        }
        try (TestSubscriber again = TestSubscriber.open(
                hub.channel(),
                token,
                from("idle", StartFrom.START_FROM_BEGINNING).build())) {
            assertThat(again.opened().getStartPosition()).isZero();
            assertThat(again.awaitEvent(event -> registered(event, supplier)).getPosition())
                    .isEqualTo(acknowledged);
        }
    }

    @Test
    void monthsBeforeThoseKeptOnlineAreArchivedUnchangedAndStayAppendOnly() {
        LocalDate today = LocalDate.ofInstant(MarketDays.now(), ZoneOffset.UTC);
        LocalDate archivedMonth = today.withDayOfMonth(1).minusMonths(13);
        LocalDate oldestOnline = today.withDayOfMonth(1).minusMonths(12);
        String auditor = market.participant('U', MarketRole.MARKET_ROLE_AUDITOR);
        for (LocalDate month : List.of(archivedMonth, oldestOnline)) {
            // entries of those months, as the hub wrote them then
            jdbc.sql("SELECT access.audit_trail_partition(:day)")
                    .param("day", month)
                    .query(String.class)
                    .single();
            jdbc.sql("""
                            INSERT INTO access.audit_trail
                                (at, last_at, category, participant_id, authentication, rpc, outcome, detail)
                            VALUES (:at, :at, 'CREDENTIAL_CHANGE', :auditor, 'TOKEN', 'Old', 'OK', 'month entry')""")
                    .param("at", Timestamp.valueOf(month.atTime(12, 0)))
                    .param("auditor", auditor)
                    .update();
            jdbc.sql("SELECT notification.privileged_read_partition(:day)")
                    .param("day", month)
                    .query(String.class)
                    .single();
            jdbc.sql("""
                            INSERT INTO notification.privileged_read (participant_id, roles, subscription_name,
                                event_types, opened_at, start_position, closed_at, last_position, events_delivered,
                                outcome)
                            VALUES (:auditor, 'AUDITOR', 'old', '', :at, 0, :at, 0, 0, 'completed by the client')""")
                    .param("at", Timestamp.valueOf(month.atTime(12, 0)))
                    .param("auditor", auditor)
                    .update();
        }
        String archivedAudit = monthTable("audit_trail", archivedMonth);
        String archivedReads = monthTable("privileged_read", archivedMonth);

        List<String> archived = retention.run().archivedMonths();

        assertThat(archived).contains(archivedAudit, archivedReads);
        assertThat(archived).doesNotContain(monthTable("audit_trail", oldestOnline));
        assertThat(partitionsOf("access.audit_trail"))
                .doesNotContain(archivedAudit)
                .contains(monthTable("audit_trail", oldestOnline), monthTable("audit_trail", today));
        assertThat(partitionsOf("notification.privileged_read"))
                .doesNotContain(archivedReads)
                .contains(
                        monthTable("privileged_read", oldestOnline),
                        monthTable("privileged_read", today),
                        monthTable("privileged_read", today.plusMonths(2)));
        assertThat(jdbc.sql("SELECT detail FROM access_archive." + archivedAudit + " WHERE participant_id = :auditor")
                        .param("auditor", auditor)
                        .query(String.class)
                        .list())
                .containsExactly("month entry");
        assertThat(jdbc.sql("SELECT subscription_name FROM notification_archive." + archivedReads
                                + " WHERE participant_id = :auditor")
                        .param("auditor", auditor)
                        .query(String.class)
                        .list())
                .containsExactly("old");
        assertThat(jdbc.sql("SELECT count(*) FROM access.audit_trail WHERE participant_id = :auditor")
                        .param("auditor", auditor)
                        .query(Long.class)
                        .single())
                .as("the online month only")
                .isOne();
        for (String change : List.of(
                "UPDATE access_archive." + archivedAudit + " SET detail = 'x'",
                "DELETE FROM access_archive." + archivedAudit,
                "TRUNCATE access_archive." + archivedAudit,
                "UPDATE notification_archive." + archivedReads + " SET outcome = 'x'",
                "DELETE FROM notification_archive." + archivedReads,
                "TRUNCATE notification_archive." + archivedReads,
                "UPDATE notification.privileged_read SET outcome = 'x' WHERE participant_id = '" + auditor + "'",
                "DELETE FROM notification.privileged_read WHERE participant_id = '" + auditor + "'")) {
            assertThatThrownBy(() -> jdbc.sql(change).update()).as(change).hasMessageContaining("refused");
        }
        assertThat(retention.run().archivedMonths())
                .as("nothing more to archive")
                .isEmpty();

        // a privileged read now still lands in this month's partition and is completed once
        try (TestSubscriber read = TestSubscriber.open(
                hub.channel(),
                market.token(auditor),
                from("audit-now", StartFrom.START_FROM_LATEST).build())) {
            read.opened();
        }
        await().until(
                        () -> jdbc.sql("""
                                        SELECT tableoid::regclass::text FROM notification.privileged_read
                                        WHERE participant_id = :auditor AND closed_at IS NOT NULL
                                        ORDER BY opened_at DESC LIMIT 1""")
                                .param("auditor", auditor)
                                .query(String.class)
                                .single(),
                        table -> table.equals("notification." + monthTable("privileged_read", today)));
    }

    private static String monthTable(String table, LocalDate day) {
        return String.format("%s_%d_%02d", table, day.getYear(), day.getMonthValue());
    }

    private List<String> partitionsOf(String table) {
        return jdbc.sql("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = CAST(:table AS regclass)
                        """).param("table", table).query(String.class).list();
    }

    private ConsumptionAccepted submit(Parties parties, SubmitConsumptionRequest request) {
        return market.metering(parties.dataService()).submitConsumption(request);
    }

    private org.mhhs.backbone.grpc.v1.Subscription subscription(String token, String name) {
        return hub.as(SubscriptionServiceGrpc.newBlockingStub(hub.channel()), token)
                .getSubscription(GetSubscriptionRequest.newBuilder()
                        .setSubscriptionName(name)
                        .build());
    }

    /** As if the command had been accepted eight days ago, beyond the default window of seven. */
    private void accepted8DaysAgo(String participant, String commandId) {
        assertThat(jdbc.sql("""
                        UPDATE access.processed_command SET accepted_at = accepted_at - interval '8 days'
                        WHERE participant_id = :participant AND command_id = :commandId""")
                        .param("participant", participant)
                        .param("commandId", commandId)
                        .update())
                .isOne();
    }

    private boolean commandIdKept(String participant, String commandId) {
        return jdbc.sql("""
                        SELECT count(*) FROM access.processed_command
                        WHERE participant_id = :participant AND command_id = :commandId""")
                        .param("participant", participant)
                        .param("commandId", commandId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** As if no stream had opened or acknowledged on it for 91 days, beyond the default idle time of 90. */
    private void readLongAgo(String participant, String name) {
        assertThat(jdbc.sql("""
                        UPDATE notification.subscription SET last_read_at = last_read_at - interval '91 days'
                        WHERE participant_id = :participant AND subscription_name = :name""")
                        .param("participant", participant)
                        .param("name", name)
                        .update())
                .isOne();
    }

    private List<String> subscriptionNames(String participant) {
        return jdbc.sql("""
                        SELECT subscription_name FROM notification.subscription
                        WHERE participant_id = :participant ORDER BY subscription_name""")
                .param("participant", participant)
                .query(String.class)
                .list();
    }
}
