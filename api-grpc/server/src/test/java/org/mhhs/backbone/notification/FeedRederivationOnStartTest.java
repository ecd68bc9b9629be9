package org.mhhs.backbone.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.MarketDays.daysAhead;
import static org.mhhs.backbone.testing.MarketDays.lastYear;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.grpc.v1.ChangeMeteringPointDetailsRequest;
import org.mhhs.backbone.grpc.v1.EnergisationStatus;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.testing.ChannelMarket;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.Registrations;
import org.mhhs.backbone.testing.RunningHub;
import org.mhhs.backbone.testing.Submissions;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The upgrade as it happens: a hub stopped with a feed in the form of an older version (no settlement days, stale
 * audiences, no dated routing state) and the re-derivation pending derives the feed again when it starts, before its
 * processors run, and then routes new events from the derived state.
 */
class FeedRederivationOnStartTest {

    @TempDir
    Path dataDir;

    @Test
    void aHubStartingOnAFeedOfTheOldFormDerivesItAgainBeforeItsProcessorsRun() {
        String mpan = Market.newMpan();
        String registrationService = MarketIds.mpid('R');
        String supplier = MarketIds.mpid('S');
        String gainingSupplier = MarketIds.mpid('S');
        String dataService = MarketIds.mpid('A');
        String dno = MarketIds.mpid('D');
        List<List<Object>> published;
        String registrationToken;
        try (RunningHub hub = RunningHub.start(dataDir)) {
            ChannelMarket market = new ChannelMarket(hub.channel(), hub.operatorToken());
            market.participant(dno, MarketRole.MARKET_ROLE_DNO);
            market.gspGroup("_G", dno);
            registrationToken = market.participant(registrationService, MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
            String supplierToken = market.participant(supplier, MarketRole.MARKET_ROLE_SUPPLIER);
            String gainingToken = market.participant(gainingSupplier, MarketRole.MARKET_ROLE_SUPPLIER);
            String dataToken = market.participant(dataService, MarketRole.MARKET_ROLE_DATA_SERVICE);
            market.meteringPoint(mpan, "_G", registrationToken);
            market.supplier(mpan, supplierToken);
            market.dataService(mpan, supplierToken, dataService, dataToken);
            var metering =
                    MeteringServiceGrpc.newBlockingStub(hub.channel()).withCallCredentials(HubClient.bearer(dataToken));
            var submission = Submissions.actualDay(mpan, lastYear(Month.MAY, 4).toString(), "0.250");
            await().ignoreExceptions()
                    .until(() -> metering.submitConsumption(submission).getVersion(), version -> version == 1);
            market.registration(gainingToken)
                    .registerSupplier(Registrations.supplier(mpan, daysAhead(10).toString()));
            changeEnergisation(market, registrationToken, mpan, daysAhead(3), false);
            awaitEveryStoredEventInTheFeed(hub.jdbc());
            published = feed(hub.jdbc());

            hub.jdbc()
                    .sql("UPDATE notification.feed SET audience = '{STALE}', settlement_day = NULL")
                    .update();
            hub.jdbc().sql("""
                    TRUNCATE notification.dno_period, notification.metering_point, notification.gsp_group_period,
                        notification.supplier_period, notification.service_period,
                        notification.appointment""").update();
            hub.jdbc()
                    .sql("UPDATE notification.rederivation SET completed_at = NULL, entries = NULL")
                    .update();
        }

        try (RunningHub hub = RunningHub.start(dataDir)) {
            assertThat(feed(hub.jdbc())).as("every entry as first published").isEqualTo(published);
            assertThat(hub.jdbc()
                            .sql("SELECT entries FROM notification.rederivation WHERE completed_at IS NOT NULL")
                            .query(Long.class)
                            .single())
                    .isEqualTo(published.size());

            ChannelMarket market = new ChannelMarket(hub.channel(), hub.operatorToken());
            changeEnergisation(market, registrationToken, mpan, daysAhead(12), true);
            awaitEveryStoredEventInTheFeed(hub.jdbc());
            assertThat(hub.jdbc()
                            .sql("SELECT audience FROM notification.feed WHERE settlement_day = :day"
                                    + " AND event_type = 'MeteringPointDetailsChanged'")
                            .param("day", daysAhead(12))
                            .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray()))
                            .single())
                    .as("a new event, routed from the routing state derived at the start")
                    .containsExactlyInAnyOrder(registrationService, dno, gainingSupplier, dataService);
        }
    }

    private static void changeEnergisation(
            ChannelMarket market, String registrationToken, String mpan, LocalDate from, boolean on) {
        market.registration(registrationToken)
                .changeMeteringPointDetails(ChangeMeteringPointDetailsRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setEnergisation(
                                on
                                        ? EnergisationStatus.ENERGISATION_STATUS_ENERGISED
                                        : EnergisationStatus.ENERGISATION_STATUS_DE_ENERGISED)
                        .setEffectiveFrom(from.toString())
                        .build());
    }

    private static void awaitEveryStoredEventInTheFeed(JdbcClient jdbc) {
        await().until(() -> jdbc.sql("SELECT (SELECT count(*) FROM axon.domain_event_entry)"
                        + " = (SELECT count(*) FROM notification.feed)")
                .query(Boolean.class)
                .single());
    }

    /** Every row: position, type, audience (sorted), day and the envelope's text (its bytes as hex). */
    private static List<List<Object>> feed(JdbcClient jdbc) {
        return jdbc.sql("""
                SELECT position, event_type, array_to_string(ARRAY(SELECT unnest(audience) ORDER BY 1), ','),
                    coalesce(settlement_day::text, ''), encode(envelope, 'hex')
                FROM notification.feed ORDER BY position""")
                .query((rs, n) -> List.<Object>of(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
    }
}
