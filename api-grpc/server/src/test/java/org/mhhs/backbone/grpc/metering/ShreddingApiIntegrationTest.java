package org.mhhs.backbone.grpc.metering;

import static java.time.Month.OCTOBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.HubClient.violatedFields;
import static org.mhhs.backbone.testing.MarketDays.lastYear;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AllocatedVolume;
import org.mhhs.backbone.grpc.v1.AuditSettlementRunRequest;
import org.mhhs.backbone.grpc.v1.CommandHeader;
import org.mhhs.backbone.grpc.v1.ConsumptionShreddedResponse;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.GetConsumptionRequest;
import org.mhhs.backbone.grpc.v1.GetRebuildProgressRequest;
import org.mhhs.backbone.grpc.v1.GetSettlementRunResultRequest;
import org.mhhs.backbone.grpc.v1.ListAllocatedVolumesRequest;
import org.mhhs.backbone.grpc.v1.ListConsumptionVersionsRequest;
import org.mhhs.backbone.grpc.v1.RebuildProgress;
import org.mhhs.backbone.grpc.v1.RebuildProjectionRequest;
import org.mhhs.backbone.grpc.v1.SettlementRunResult;
import org.mhhs.backbone.grpc.v1.SettlementRunType;
import org.mhhs.backbone.grpc.v1.ShredConsumptionRequest;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.StartSettlementRunRequest;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.metering.api.ReadingsCodec;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.mhhs.backbone.testing.Submissions;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Encryption at rest and crypto-shredding through the API on PostgreSQL: readings are never in clear in the event
 * store; shredding an MPAN makes its readings unreadable in queries, the feed, replays and rebuilds, while the
 * figures settlement runs published stay. A hub of its own: rebuilds after a shred differ from the live tables by
 * design (the shredded volumes can no longer be read), which the shared hub's rebuild test must not see.
 */
@HubIntegrationTest
@TestPropertySource(properties = "hub.encryption.key-cache-ttl=2s")
@DirtiesContext
class ShreddingApiIntegrationTest {

    private static final String OPERATOR = "OPER";
    /** Distinctive readings, to be looked for in the stored bytes. */
    private static final String SHREDDED_KWH = "7.319";

    private static final String KEPT_KWH = "0.500";

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    Market market;
    SettlementMarket settlementMarket;
    Parties parties;
    String mpan;
    String keptMpan;

    @BeforeEach
    void aSupplierWithTwoMeteringPoints() {
        market = new Market(hub);
        settlementMarket = new SettlementMarket(hub, market);
        parties = settlementMarket.parties("_C");
        mpan = settlementMarket.meteringPoint(parties);
        keptMpan = settlementMarket.meteringPoint(parties);
        settlementMarket.runSchedule(SettlementMarket.SHORT_SCHEDULE);
    }

    @Test
    void theEventStoreHoldsNoReadingsInClearAndTheyReadBackThroughTheApi() {
        String day = lastYear(OCTOBER, 1).toString();
        settlementMarket.submit(parties.dataService(), mpan, day, SHREDDED_KWH);

        var consumption = await().ignoreExceptions().until(() -> consumption(parties.supplier(), mpan, day), c -> true);
        assertThat(consumption.getReadingsList())
                .hasSize(48)
                .allSatisfy(reading -> assertThat(reading.getKwh()).isEqualTo(SHREDDED_KWH));
        String payload = storedPayload(mpan, day);
        // the readings as the hub stored them before encryption: base64 of their binary form
        String inClear = Base64.getEncoder()
                .withoutPadding()
                .encodeToString(ReadingsCodec.encode(
                        Submissions.actualDay(mpan, day, SHREDDED_KWH).getReadingsList().stream()
                                .map(reading -> new SubmitConsumption.Reading(
                                        reading.getPeriod(),
                                        Energy.ofKwh(reading.getKwh()),
                                        org.mhhs.backbone.metering.api.Quality.ACTUAL))
                                .toList()));
        assertThat(payload)
                .contains("\"sealedReadings\":\"", "\"keyVersion\":1", "\"mpan\":\"" + mpan + "\"")
                .doesNotContain(SHREDDED_KWH)
                .doesNotContain(inClear.substring(0, 16))
                .doesNotContain("wattHours")
                .doesNotContain("estimated");
        // issue #8's budget is 400 bytes per stored consumption event; the payload was 353 bytes before encryption
        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(353);
        assertThat(jdbc.sql("SELECT count(*) FROM metering.mpan_key WHERE mpan = :mpan AND wrapped_key IS NOT NULL")
                        .param("mpan", mpan)
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void shreddingMakesAnMpansReadingsUnreadableEverywhereWhileWhatRunsPublishedStays() {
        String day = lastYear(OCTOBER, 5).toString();
        String mpanDay = mpan + "/" + day;
        settlementMarket.submit(parties.dataService(), mpan, day, SHREDDED_KWH);
        settlementMarket.submit(parties.dataService(), keptMpan, day, KEPT_KWH);
        awaitAllocated(day, "7.819", 2);
        SettlementRunResult before = runSf(day);
        assertThat(feedEnvelopes(mpan))
                .singleElement()
                .satisfies(
                        envelope -> assertThat(envelope.getConsumptionRecorded().getReadingsCount())
                                .isEqualTo(48));

        ConsumptionShreddedResponse shredded = shred(mpan);

        assertThat(shredded.getMpan()).isEqualTo(mpan);
        assertThat(jdbc.sql("SELECT detail FROM access.audit_trail WHERE category = 'KEY_DESTROYED' AND "
                                + "participant_id = :operator AND detail LIKE :mpan")
                        .param("operator", OPERATOR)
                        .param("mpan", "%" + mpan + "%")
                        .query(String.class)
                        .list())
                .as("the destroyed key is in the audit trail")
                .singleElement()
                .satisfies(detail -> assertThat(detail).contains("erasure request of the household"));
        assertThat(shredded.getKeyVersion()).isOne();
        assertThat(shredded.getVersionsShredded()).isOne();
        assertThat(shredded.getShreddedAt().getSeconds()).isPositive();
        // at once on this node; another node stops opening them within hub.encryption.key-cache-ttl
        await().untilAsserted(() -> {
            var refusal = refused(() -> consumption(parties.supplier(), mpan, day));
            assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(reason(refusal)).isEqualTo("ConsumptionShredded");
        });
        assertThat(market.metering(parties.supplier())
                        .listConsumptionVersions(ListConsumptionVersionsRequest.newBuilder()
                                .setMpan(mpan)
                                .setSettlementDate(day)
                                .build())
                        .getVersionsList())
                .singleElement()
                .satisfies(version -> {
                    assertThat(version.getShredded()).isTrue();
                    assertThat(version.getTotalKwh()).isEmpty();
                    assertThat(version.getSupplierId()).isEqualTo(parties.supplier());
                });
        assertThat(consumption(parties.supplier(), keptMpan, day).getReadingsList())
                .allSatisfy(reading -> assertThat(reading.getKwh()).isEqualTo(KEPT_KWH));
        assertThat(jdbc.sql("SELECT count(*) FROM metering.mpan_key WHERE mpan = :mpan AND wrapped_key IS NOT NULL")
                        .param("mpan", mpan)
                        .query(Long.class)
                        .single())
                .isZero();

        // the feed: no readings left for the MPAN, neither in the table nor in what a replay delivers
        await().untilAsserted(() -> assertThat(feedEnvelopes(mpan))
                .singleElement()
                .satisfies(envelope -> {
                    assertThat(envelope.getConsumptionRecorded().getReadingsCount())
                            .isZero();
                    assertThat(envelope.getConsumptionRecorded().getTotalKwh()).isEmpty();
                    assertThat(envelope.getConsumptionRecorded().getShredded()).isTrue();
                }));
        assertThat(jdbc.sql("SELECT envelope FROM notification.feed WHERE mpan = :mpan")
                        .param("mpan", mpan)
                        .query(byte[].class)
                        .list())
                .allSatisfy(bytes -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                        .doesNotContain(SHREDDED_KWH));
        try (TestSubscriber replay = TestSubscriber.open(
                hub.channel(),
                market.token(parties.supplier()),
                TestSubscriber.from("after-shred", StartFrom.START_FROM_BEGINNING)
                        .addEventTypes("ConsumptionRecorded")
                        .addEventTypes("ConsumptionShredded")
                        .build())) {
            EventEnvelope shredEvent = replay.awaitEvent(event -> event.hasConsumptionShredded()
                    && event.getConsumptionShredded().getMpan().equals(mpan));
            assertThat(shredEvent.getConsumptionShredded().getShreddedBy()).isEqualTo(OPERATOR);
            assertThat(shredEvent.getConsumptionShredded().getKeyVersion()).isOne();
            assertThat(replay.events())
                    .filteredOn(event -> event.hasConsumptionRecorded()
                            && event.getConsumptionRecorded().getMpan().equals(mpan))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.getConsumptionRecorded().getReadingsCount())
                                .isZero();
                        assertThat(event.getConsumptionRecorded().getShredded()).isTrue();
                    });
            assertThat(replay.events())
                    .filteredOn(event -> event.hasConsumptionRecorded()
                            && event.getConsumptionRecorded().getMpan().equals(keptMpan))
                    .singleElement()
                    .satisfies(
                            event -> assertThat(event.getConsumptionRecorded().getReadingsCount())
                                    .isEqualTo(48));
        }

        // settlement: what the run froze and published stays; its audit names what can no longer be re-derived
        assertThat(runResult(day)).isEqualTo(before);
        var audit = market.settlement(parties.auditor())
                .auditSettlementRun(AuditSettlementRunRequest.newBuilder()
                        .setSettlementDate(day)
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                        .build());
        assertThat(audit.getIdentical()).isFalse();
        assertThat(audit.getShreddedConsumptionDaysList()).containsExactly(mpanDay);
        assertThat(audit.getDifferencesList()).isEmpty();
        assertThat(audit.getPublishedHash()).isEqualTo(before.getRun().getContentHash());
        assertThat(jdbc.sql("SELECT outcome || '/' || difference_count FROM settlement.audit_record"
                                + " WHERE audit_id = :id::uuid")
                        .param("id", audit.getAuditId())
                        .query(String.class)
                        .single())
                .isEqualTo("SHREDDED/0");

        // rebuilds complete; the rebuilt allocation holds what can still be read
        rebuild("metering");
        rebuild("settlement-allocation");
        awaitAllocated(day, KEPT_KWH, 1);
        assertThat(code(refused(() -> consumption(parties.supplier(), mpan, day))))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(consumption(parties.supplier(), keptMpan, day).getReadingsCount())
                .isEqualTo(48);
        assertThat(runResult(day)).isEqualTo(before);
    }

    @Test
    void consumptionAfterAShredGetsTheNextKeyWhileAShreddedDayCannotBeRevised() {
        String shreddedDay = lastYear(OCTOBER, 7).toString();
        String laterDay = lastYear(OCTOBER, 8).toString();
        settlementMarket.submit(parties.dataService(), mpan, shreddedDay, SHREDDED_KWH);
        await().ignoreExceptions().until(() -> consumption(parties.supplier(), mpan, shreddedDay), c -> true);
        shred(mpan);

        assertThat(settlementMarket.submit(parties.dataService(), mpan, laterDay, "0.125"))
                .isOne();
        var revision = refused(() -> market.metering(parties.dataService())
                .submitConsumption(Submissions.actualDay(mpan, shreddedDay, "1.000")));

        assertThat(code(revision)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(revision)).isEqualTo("ShreddedConsumptionIsClosed");
        assertThat(await().ignoreExceptions()
                        .until(() -> consumption(parties.supplier(), mpan, laterDay), c -> true)
                        .getReadingsList())
                .allSatisfy(reading -> assertThat(reading.getKwh()).isEqualTo("0.125"));
        assertThat(storedPayload(mpan, laterDay)).contains("\"keyVersion\":2");
        assertThat(shred(mpan).getKeyVersion()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT key_version || ':' || (wrapped_key IS NULL) FROM metering.mpan_key"
                                + " WHERE mpan = :mpan ORDER BY key_version")
                        .param("mpan", mpan)
                        .query(String.class)
                        .list())
                .containsExactly("1:true", "2:true");
    }

    @Test
    void badShredRequestsAreRefusedPreciselyAndStoreNothing() {
        String day = lastYear(OCTOBER, 9).toString();
        settlementMarket.submit(parties.dataService(), mpan, day, SHREDDED_KWH);
        await().ignoreExceptions().until(() -> consumption(parties.supplier(), mpan, day), c -> true);
        long stored = hub.storedEvents();

        var malformed = refused(() -> market.metering(OPERATOR)
                .shredConsumption(ShredConsumptionRequest.newBuilder()
                        .setHeader(CommandHeader.getDefaultInstance())
                        .setMpan("1234567890123")
                        .setReason(" ")
                        .build()));
        assertThat(code(malformed)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(malformed)).containsExactlyInAnyOrder("header.command_id", "mpan", "reason");
        var bySupplier = refused(() -> shredAs(parties.supplier(), mpan));
        assertThat(code(bySupplier)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(bySupplier)).isEqualTo("RoleRequired");
        var byAuditor = refused(() -> shredAs(parties.auditor(), mpan));
        assertThat(code(byAuditor)).isEqualTo(Status.Code.PERMISSION_DENIED);
        var nothingRecorded = refused(() -> shred(keptMpan));
        assertThat(code(nothingRecorded)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(nothingRecorded)).isEqualTo("ConsumptionMustBeRecorded");

        assertThat(hub.storedEvents()).isEqualTo(stored);
        assertThat(jdbc.sql("SELECT count(*) FROM metering.mpan_key WHERE mpan = :mpan AND wrapped_key IS NOT NULL")
                        .param("mpan", mpan)
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(consumption(parties.supplier(), mpan, day).getReadingsCount())
                .isEqualTo(48);

        shred(mpan);
        var twice = refused(() -> shred(mpan));
        assertThat(code(twice)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(twice)).isEqualTo("ConsumptionAlreadyShredded");
        assertThat(hub.storedEvents()).isEqualTo(stored + 1);
    }

    private ConsumptionShreddedResponse shred(String meteringPoint) {
        return shredAs(OPERATOR, meteringPoint);
    }

    private ConsumptionShreddedResponse shredAs(String who, String meteringPoint) {
        return market.metering(who)
                .shredConsumption(ShredConsumptionRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(meteringPoint)
                        .setReason("erasure request of the household")
                        .build());
    }

    private org.mhhs.backbone.grpc.v1.Consumption consumption(String who, String meteringPoint, String day) {
        return market.metering(who)
                .getConsumption(GetConsumptionRequest.newBuilder()
                        .setMpan(meteringPoint)
                        .setSettlementDate(day)
                        .build());
    }

    private String storedPayload(String meteringPoint, String day) {
        return jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM axon.domain_event_entry"
                        + " WHERE aggregate_identifier = :id ORDER BY sequence_number DESC LIMIT 1")
                .param("id", meteringPoint + "/" + day)
                .query(String.class)
                .single();
    }

    private List<EventEnvelope> feedEnvelopes(String meteringPoint) {
        return jdbc
                .sql("SELECT envelope FROM notification.feed WHERE mpan = :mpan ORDER BY position")
                .param("mpan", meteringPoint)
                .query(byte[].class)
                .list()
                .stream()
                .map(bytes -> {
                    try {
                        return EventEnvelope.parseFrom(bytes);
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private SettlementRunResult runSf(String day) {
        market.settlement(OPERATOR)
                .startSettlementRun(StartSettlementRunRequest.newBuilder()
                        .setHeader(newCommand())
                        .setSettlementDate(day)
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                        .build());
        return await().ignoreExceptions().until(() -> runResult(day), result -> result.getVolumesCount() == 48);
    }

    private SettlementRunResult runResult(String day) {
        return market.settlement(OPERATOR)
                .getSettlementRunResult(GetSettlementRunResultRequest.newBuilder()
                        .setSettlementDate(day)
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                        .build());
    }

    private void awaitAllocated(String day, String kwh, int mpanCount) {
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(market.settlement(OPERATOR)
                                .listAllocatedVolumes(ListAllocatedVolumesRequest.newBuilder()
                                        .setSettlementDate(day)
                                        .setSupplierId(parties.supplier())
                                        .build())
                                .getVolumesList())
                        .hasSize(48)
                        .allSatisfy(cell -> {
                            assertThat(cell.getKwh()).isEqualTo(kwh);
                            assertThat(cell.getMpanCount()).isEqualTo(mpanCount);
                        })
                        .extracting(AllocatedVolume::getGspGroupId)
                        .containsOnly("_C"));
    }

    private void rebuild(String processor) {
        market.projections(OPERATOR)
                .rebuildProjection(
                        RebuildProjectionRequest.newBuilder().setName(processor).build());
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () -> market.projections(OPERATOR)
                                .getRebuildProgress(GetRebuildProgressRequest.newBuilder()
                                        .setName(processor)
                                        .build()),
                        RebuildProgress::getFinished);
    }
}
