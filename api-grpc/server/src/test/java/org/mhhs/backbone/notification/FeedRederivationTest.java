package org.mhhs.backbone.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.MarketDays.daysAhead;
import static org.mhhs.backbone.testing.MarketDays.lastYear;
import static org.mhhs.backbone.testing.MarketDays.meteringFrom;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.LocalDate;
import java.time.Month;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.ChangeMeteringPointDetailsRequest;
import org.mhhs.backbone.grpc.v1.EnergisationStatus;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.Registrations;
import org.mhhs.backbone.testing.SettlementMarket;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one-off re-derivation of the feed's routing ({@link FeedRederivation}) on the running hub's whole feed, with
 * the notification processor stopped as at a start: entries reset to the form of an older hub (no settlement day,
 * stale audiences) and a routing state that is gone or wrong get back, in place, exactly the audience and day that
 * live publication gave them; positions, types and envelopes stay as they were. It runs once; run again, it gives the
 * same. (In package notification to reach the re-derivation, which is internal to the module.)
 */
@HubIntegrationTest
class FeedRederivationTest {

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FeedRederivation rederivation;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void entriesRoutedTheOldWayGetTheAudienceOfTheirDayInPlaceAndOnlyOnce() {
        Market market = new Market(hub);
        SettlementMarket settlementMarket = new SettlementMarket(hub, market);
        String dno = market.gspGroup("_E").getDnoId();
        String registrationService = market.participant('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String gainingSupplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String dataService = market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE);
        String mpan = settlementMarket.meteringPoint(
                "_E", registrationService, supplier, dataService, meteringFrom().toString());
        LocalDate metered = lastYear(Month.MAY, 4);
        settlementMarket.submit(dataService, mpan, metered.toString(), "0.300");
        market.registration(gainingSupplier)
                .registerSupplier(Registrations.supplier(mpan, daysAhead(10).toString()));
        changeEnergisation(
                market, registrationService, mpan, daysAhead(3), EnergisationStatus.ENERGISATION_STATUS_DE_ENERGISED);

        StreamingEventProcessor processor = processing
                .eventProcessor(NotificationProcessingGroup.NAME, StreamingEventProcessor.class)
                .orElseThrow();
        awaitEveryStoredEventInTheFeed();
        processor.shutDown();
        try {
            Map<Long, Entry> published = feed();
            Entry detailsChange = only(published, "MeteringPointDetailsChanged", mpan);
            Entry consumption = only(published, "ConsumptionRecorded", mpan);
            assertThat(detailsChange.audience())
                    .as("live: the details change is of a day before the gaining supplier's first")
                    .containsExactlyInAnyOrder(registrationService, dno, supplier, dataService);
            assertThat(detailsChange.day()).isEqualTo(daysAhead(3));
            assertThat(consumption.audience())
                    .containsExactlyInAnyOrder(supplier, dataService, dno, "@CENTRAL_SETTLEMENT");
            assertThat(consumption.day()).isEqualTo(metered);

            routedTheOldWay(detailsChange.position(), List.of(registrationService, dno, supplier, gainingSupplier));
            jdbc.sql("""
                    INSERT INTO notification.supplier_period (mpan, effective_from, supplier_id)
                    VALUES (:mpan, :from, :supplier) ON CONFLICT (mpan, effective_from) DO UPDATE
                        SET supplier_id = excluded.supplier_id""")
                    .param("mpan", mpan)
                    .param("from", meteringFrom())
                    .param("supplier", gainingSupplier)
                    .update();
            assertThat(feed().get(detailsChange.position()).day()).isNull();

            assertThat(rederivation.rederiveIfPending(FeedRederivation.DATED_ROUTING))
                    .isTrue();

            assertThat(feed()).as("every entry as published, at its position").isEqualTo(published);
            assertThat(rederivation.rederiveIfPending(FeedRederivation.DATED_ROUTING))
                    .as("done once")
                    .isFalse();
            assertThat(jdbc.sql("SELECT entries FROM notification.rederivation WHERE name = :name")
                            .param("name", FeedRederivation.DATED_ROUTING)
                            .query(Long.class)
                            .single())
                    .isEqualTo(published.size());
            transaction.executeWithoutResult(status -> rederivation.rederive());
            assertThat(feed()).as("the same again").isEqualTo(published);
        } finally {
            processor.start();
        }

        changeEnergisation(
                market, registrationService, mpan, daysAhead(15), EnergisationStatus.ENERGISATION_STATUS_ENERGISED);
        awaitEveryStoredEventInTheFeed();
        assertThat(feed().values().stream()
                        .filter(entry -> entry.is("MeteringPointDetailsChanged", mpan))
                        .filter(entry -> daysAhead(15).equals(entry.day()))
                        .findFirst()
                        .orElseThrow()
                        .audience())
                .as("routed from the derived state after the processor resumed")
                .containsExactlyInAnyOrder(registrationService, dno, gainingSupplier, dataService);
    }

    /** The form of a hub before days were kept: no day, and each audience as an older rule made it. */
    private void routedTheOldWay(long detailsChange, List<String> oldAudience) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("UPDATE notification.feed SET audience = '{STALE}', settlement_day = NULL")
                    .update();
            jdbc.sql("UPDATE notification.feed SET audience = CAST(:audience AS text[]) WHERE position = :position")
                    .param("audience", oldAudience.toArray(String[]::new))
                    .param("position", detailsChange)
                    .update();
            jdbc.sql("UPDATE notification.rederivation SET completed_at = NULL, entries = NULL WHERE name = :name")
                    .param("name", FeedRederivation.DATED_ROUTING)
                    .update();
        });
    }

    private void awaitEveryStoredEventInTheFeed() {
        await().until(() -> jdbc.sql("SELECT (SELECT count(*) FROM axon.domain_event_entry)"
                        + " = (SELECT count(*) FROM notification.feed)")
                .query(Boolean.class)
                .single());
    }

    private Map<Long, Entry> feed() {
        Map<Long, Entry> entries = new LinkedHashMap<>();
        jdbc.sql("SELECT position, event_type, audience, settlement_day, envelope FROM notification.feed"
                        + " ORDER BY position")
                .query((rs, n) -> new Entry(
                        rs.getLong(1),
                        rs.getString(2),
                        Arrays.stream((String[]) rs.getArray(3).getArray())
                                .sorted()
                                .toList(),
                        rs.getObject(4, LocalDate.class),
                        rs.getBytes(5)))
                .list()
                .forEach(entry -> entries.put(entry.position(), entry));
        return entries;
    }

    private static Entry only(Map<Long, Entry> feed, String type, String mpan) {
        List<Entry> found =
                feed.values().stream().filter(entry -> entry.is(type, mpan)).toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private static void changeEnergisation(
            Market market, String registrationService, String mpan, LocalDate from, EnergisationStatus status) {
        market.registration(registrationService)
                .changeMeteringPointDetails(ChangeMeteringPointDetailsRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setEnergisation(status)
                        .setEffectiveFrom(from.toString())
                        .build());
    }

    /** A feed row; equal when every column is (the envelope by its bytes). */
    private record Entry(
            long position,
            String type,
            List<String> audience,
            @Nullable LocalDate day,
            byte[] envelope) {

        boolean is(String eventType, String mpan) {
            if (!type.equals(eventType)) {
                return false;
            }
            try {
                EventEnvelope parsed = EventEnvelope.parseFrom(envelope);
                return switch (parsed.getEventCase()) {
                    case METERING_POINT_DETAILS_CHANGED ->
                        parsed.getMeteringPointDetailsChanged().getMpan().equals(mpan);
                    case CONSUMPTION_RECORDED ->
                        parsed.getConsumptionRecorded().getMpan().equals(mpan);
                    default -> false;
                };
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry entry
                    && position == entry.position
                    && type.equals(entry.type)
                    && audience.equals(entry.audience)
                    && Objects.equals(day, entry.day)
                    && Arrays.equals(envelope, entry.envelope);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(position);
        }

        @Override
        public String toString() {
            return position + " " + type + " " + audience + " " + day;
        }
    }
}
