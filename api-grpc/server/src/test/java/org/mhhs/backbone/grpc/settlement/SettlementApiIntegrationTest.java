package org.mhhs.backbone.grpc.settlement;

import static java.time.Month.SEPTEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.preconditionViolations;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.HubClient.violatedFields;
import static org.mhhs.backbone.testing.MarketDays.lastYear;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.DataEntitlement;
import org.mhhs.backbone.grpc.v1.AllocatedVolume;
import org.mhhs.backbone.grpc.v1.AuditSettlementRunRequest;
import org.mhhs.backbone.grpc.v1.GetAllocationAsAtRequest;
import org.mhhs.backbone.grpc.v1.GetSettlementRunResultRequest;
import org.mhhs.backbone.grpc.v1.ListAllocatedVolumesRequest;
import org.mhhs.backbone.grpc.v1.ListSettlementRunsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RunTrigger;
import org.mhhs.backbone.grpc.v1.SettlementRun;
import org.mhhs.backbone.grpc.v1.SettlementRunType;
import org.mhhs.backbone.grpc.v1.StartSettlementRunRequest;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.Quality;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Allocation, runs and audits through gRPC on PostgreSQL: two suppliers in GSP group _C, revisions, runs that freeze
 * what each supplier and the DNO may read, and audits that prove a run or find a tampered store.
 */
@HubIntegrationTest
class SettlementApiIntegrationTest {

    private static final String OPERATOR = "OPER";

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConsumptionCipher cipher;

    Market market;
    SettlementMarket settlementMarket;
    String supplierA;
    String supplierB;
    String dataService;
    String dno;
    String auditor;
    String mpanA1;
    String mpanA2;
    String mpanB;

    @BeforeEach
    void twoSuppliersWithThreeMeteringPointsInOneGspGroup() {
        market = new Market(hub);
        settlementMarket = new SettlementMarket(hub, market);
        Parties parties = settlementMarket.parties("_C");
        dno = parties.dno();
        supplierA = parties.supplier();
        supplierB = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        dataService = parties.dataService();
        auditor = parties.auditor();
        mpanA1 = settlementMarket.meteringPoint(parties);
        mpanA2 = settlementMarket.meteringPoint(parties);
        mpanB = settlementMarket.meteringPoint(parties, supplierB);
        settlementMarket.runSchedule(SettlementMarket.SHORT_SCHEDULE);
    }

    @Test
    void theAllocationSumsTheLatestVersionOfEachMpanAndEachSupplierSeesOnlyItsOwn() {
        String day = lastYear(SEPTEMBER, 1).toString();
        settlementMarket.submit(dataService, mpanA1, day, "0.250");
        settlementMarket.submit(dataService, mpanA2, day, "0.100");
        settlementMarket.submit(dataService, mpanB, day, "1.000");
        assertThat(settlementMarket.submit(dataService, mpanA1, day, "0.500")).isEqualTo(2);

        await().untilAsserted(() -> assertThat(volumes(OPERATOR, day, "", supplierA))
                .hasSize(48)
                .allSatisfy(cell -> {
                    assertThat(cell.getKwh()).isEqualTo("0.600");
                    assertThat(cell.getMpanCount()).isEqualTo(2);
                    assertThat(cell.getGspGroupId()).isEqualTo("_C");
                }));
        assertThat(volumes(supplierA, day, "", ""))
                .hasSize(48)
                .allSatisfy(cell -> assertThat(cell.getSupplierId()).isEqualTo(supplierA));
        assertThat(volumes(supplierB, day, "_C", ""))
                .hasSize(48)
                .allSatisfy(cell -> assertThat(cell.getKwh()).isEqualTo("1.000"));
        assertThat(volumes(dno, day, "_C", ""))
                .extracting(AllocatedVolume::getSupplierId)
                .contains(supplierA, supplierB);

        var foreign = refused(() -> volumes(supplierA, day, "", supplierB));
        assertThat(code(foreign)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(foreign)).isEqualTo(DataEntitlement.RULE);
        var dataServiceRead = refused(() -> volumes(dataService, day, "", ""));
        assertThat(code(dataServiceRead)).isEqualTo(Status.Code.PERMISSION_DENIED);
        var badFilters = refused(() -> volumes(OPERATOR, "01-09-2026", "C", "x"));
        assertThat(violatedFields(badFilters))
                .containsExactlyInAnyOrder("settlement_date", "gsp_group_id", "supplier_id");
    }

    @Test
    void aRunFreezesTheDayAndEachSupplierReadsItsOwnResultWhileRevisionsGoOn() {
        String day = lastYear(SEPTEMBER, 2).toString();
        settlementMarket.submit(dataService, mpanA1, day, "0.250");
        settlementMarket.submit(dataService, mpanB, day, "1.000");
        awaitAllocated(day, supplierB, "1.000");

        String sfHash = start(day, SettlementRunType.SETTLEMENT_RUN_TYPE_SF).getContentHash();
        settlementMarket.submit(dataService, mpanA1, day, "0.900");
        awaitAllocated(day, supplierA, "0.900");

        assertThat(sfHash).matches("[0-9a-f]{64}");
        var sf = await().until(() -> runs(day), runs -> runs.size() == 1).getFirst();
        assertThat(sf.getContentHash()).isEqualTo(sfHash);
        assertThat(sf.getTrigger()).isEqualTo(RunTrigger.RUN_TRIGGER_OPERATOR);
        assertThat(sf.getRequestedBy()).isEqualTo(OPERATOR);
        assertThat(sf.getPosition()).isPositive();
        var ownResult = await().ignoreExceptions()
                .until(
                        () -> result(supplierA, day, SettlementRunType.SETTLEMENT_RUN_TYPE_SF),
                        r -> r.getVolumesCount() > 0);
        assertThat(ownResult.getVolumesList()).hasSize(48).allSatisfy(cell -> {
            assertThat(cell.getSupplierId()).isEqualTo(supplierA);
            assertThat(cell.getKwh()).as("frozen before the revision").isEqualTo("0.250");
        });
        assertThat(result(supplierB, day, SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                        .getVolumesList())
                .allSatisfy(cell -> assertThat(cell.getSupplierId()).isEqualTo(supplierB));

        start(day, SettlementRunType.SETTLEMENT_RUN_TYPE_R1);
        var r1 = await().ignoreExceptions()
                .until(
                        () -> result(supplierA, day, SettlementRunType.SETTLEMENT_RUN_TYPE_R1),
                        r -> r.getVolumesCount() > 0);
        assertThat(r1.getVolumesList())
                .allSatisfy(cell -> assertThat(cell.getKwh()).isEqualTo("0.900"));
        assertThat(r1.getRun().getContentHash()).isNotEqualTo(sfHash);
        assertThat(runs(day))
                .extracting(SettlementRun::getRunType)
                .containsExactly(SettlementRunType.SETTLEMENT_RUN_TYPE_SF, SettlementRunType.SETTLEMENT_RUN_TYPE_R1);
        assertThat(publishedTo(supplierA, day))
                .as("each supplier gets one allocation event per run")
                .isEqualTo(2);
    }

    @Test
    void anAuditOfARunIsIdenticalAfterLaterRevisionsBecauseItStopsAtTheRunsPosition() {
        String day = lastYear(SEPTEMBER, 3).toString();
        settlementMarket.submit(dataService, mpanA1, day, "0.250");
        settlementMarket.submit(dataService, mpanA2, day, "0.125");
        settlementMarket.submit(dataService, mpanB, day, "2.000");
        awaitAllocated(day, supplierB, "2.000");
        String sfHash = start(day, SettlementRunType.SETTLEMENT_RUN_TYPE_SF).getContentHash();
        settlementMarket.submit(dataService, mpanA2, day, "3.000");
        awaitAllocated(day, supplierA, "3.250");
        long position = await().until(() -> runs(day), runs -> !runs.isEmpty())
                .getFirst()
                .getPosition();
        await().ignoreExceptions()
                .until(() -> result(OPERATOR, day, SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                                .getVolumesCount()
                        > 0);

        var audit = settlement(auditor)
                .auditSettlementRun(AuditSettlementRunRequest.newBuilder()
                        .setSettlementDate(day)
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                        .build());

        assertThat(audit.getIdentical()).isTrue();
        assertThat(audit.getPublishedHash()).isEqualTo(sfHash);
        assertThat(audit.getDerivedHash()).isEqualTo(sfHash);
        assertThat(audit.getPosition()).isEqualTo(position);
        assertThat(audit.getDifferencesList()).isEmpty();
        assertThat(auditRecord(audit.getAuditId())).isEqualTo("IDENTICAL/0/" + auditor);

        var asAtRun = settlement(auditor)
                .getAllocationAsAt(GetAllocationAsAtRequest.newBuilder()
                        .setSettlementDate(day)
                        .setPosition(position)
                        .build());
        assertThat(asAtRun.getContentHash()).isEqualTo(sfHash);
        var asAtNow = settlement(auditor)
                .getAllocationAsAt(GetAllocationAsAtRequest.newBuilder()
                        .setSettlementDate(day)
                        .setPosition(Long.MAX_VALUE)
                        .build());
        assertThat(asAtNow.getContentHash()).isNotEqualTo(sfHash);
        assertThat(asAtNow.getVolumesList())
                .filteredOn(cell -> cell.getSupplierId().equals(supplierA))
                .allSatisfy(cell -> assertThat(cell.getKwh()).isEqualTo("3.250"));
        assertThat(auditRecord(asAtNow.getAuditId())).isEqualTo("AS_AT/0/" + auditor);
    }

    @Test
    void anAuditReportsExactlyTheCellsThatDifferWhenTheStoreWasTamperedWith() {
        String day = lastYear(SEPTEMBER, 4).toString();
        settlementMarket.submit(dataService, mpanA1, day, "0.250");
        settlementMarket.submit(dataService, mpanB, day, "1.000");
        awaitAllocated(day, supplierB, "1.000");
        start(day, SettlementRunType.SETTLEMENT_RUN_TYPE_SF);
        await().ignoreExceptions()
                .until(() -> result(OPERATOR, day, SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                                .getVolumesCount()
                        > 0);
        String aggregate = mpanA1 + "/" + day;
        byte[] original = jdbc.sql("SELECT payload FROM axon.domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", aggregate)
                .query(byte[].class)
                .single();
        // a forger holding the MPAN's key: readings sealed as a genuine 0.300 kWh a period would be
        String tampered = new String(original, StandardCharsets.UTF_8)
                .replaceFirst(
                        "\"sealedReadings\":\"[^\"]+\"",
                        "\"sealedReadings\":\""
                                + cipher.seal(Mpan.of(mpanA1), LocalDate.parse(day), readings(48, "0.300"))
                                        .sealedReadings()
                                + "\"");
        assertThat(tampered).isNotEqualTo(new String(original, StandardCharsets.UTF_8));
        try {
            jdbc.sql("UPDATE axon.domain_event_entry SET payload = :payload WHERE aggregate_identifier = :id")
                    .param("payload", tampered.getBytes(StandardCharsets.UTF_8))
                    .param("id", aggregate)
                    .update();

            var audit = settlement(auditor)
                    .auditSettlementRun(AuditSettlementRunRequest.newBuilder()
                            .setSettlementDate(day)
                            .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                            .build());

            assertThat(audit.getIdentical()).isFalse();
            assertThat(audit.getDerivedHash()).isNotEqualTo(audit.getPublishedHash());
            assertThat(audit.getDifferencesList()).hasSize(48).allSatisfy(difference -> {
                assertThat(difference.getSupplierId()).isEqualTo(supplierA);
                assertThat(difference.getGspGroupId()).isEqualTo("_C");
                assertThat(difference.getPublishedKwh()).isEqualTo("0.250");
                assertThat(difference.getDerivedKwh()).isEqualTo("0.300");
                assertThat(difference.getPublishedMpanCount()).isEqualTo(1);
                assertThat(difference.getDerivedMpanCount()).isEqualTo(1);
            });
            assertThat(auditRecord(audit.getAuditId())).isEqualTo("DIFFERENT/48/" + auditor);
        } finally {
            jdbc.sql("UPDATE axon.domain_event_entry SET payload = :payload WHERE aggregate_identifier = :id")
                    .param("payload", original)
                    .param("id", aggregate)
                    .update();
        }
    }

    @Test
    void runsFollowTheCalendarAndTheirOrderAndARefusedRunStoresNothing() {
        String day = lastYear(SEPTEMBER, 7).toString();
        long stored = hub.storedEvents();

        var r1First = refused(() -> start(day, SettlementRunType.SETTLEMENT_RUN_TYPE_R1));
        assertThat(code(r1First)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(r1First)).isEqualTo("RunsHappenInOrder");
        assertThat(preconditionViolations(r1First).getFirst().getSubject()).isEqualTo("SF " + day);
        String tomorrow = MarketDays.daysAhead(1).toString();
        var notDue = refused(() -> start(tomorrow, SettlementRunType.SETTLEMENT_RUN_TYPE_SF));
        assertThat(reason(notDue)).isEqualTo("RunMustHaveFallenDue");
        assertThat(hub.storedEvents()).isEqualTo(stored);

        var sf = StartSettlementRunRequest.newBuilder()
                .setHeader(newCommand())
                .setSettlementDate(day)
                .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                .build();
        var first = settlement(OPERATOR).startSettlementRun(sf);
        var resent = settlement(OPERATOR).startSettlementRun(sf);
        assertThat(resent.getDuplicate()).isTrue();
        assertThat(resent.getContentHash()).isEqualTo(first.getContentHash());
        var again = refused(() -> start(day, SettlementRunType.SETTLEMENT_RUN_TYPE_SF));
        assertThat(code(again)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(again)).isEqualTo("RunHappensOnce");
        var dfEarly = refused(() -> start(day, SettlementRunType.SETTLEMENT_RUN_TYPE_DF));
        assertThat(reason(dfEarly)).isEqualTo("RunsHappenInOrder");
        for (var type : List.of(
                SettlementRunType.SETTLEMENT_RUN_TYPE_R1,
                SettlementRunType.SETTLEMENT_RUN_TYPE_R2,
                SettlementRunType.SETTLEMENT_RUN_TYPE_R3,
                SettlementRunType.SETTLEMENT_RUN_TYPE_RF,
                SettlementRunType.SETTLEMENT_RUN_TYPE_DF)) {
            start(day, type);
        }
        await().untilAsserted(() -> assertThat(runs(day)).hasSize(6));
    }

    @Test
    void badRequestsAndCallersWithoutTheRoleAreRefusedPrecisely() {
        String day = lastYear(SEPTEMBER, 8).toString();
        var missing = refused(() -> settlement(OPERATOR)
                .startSettlementRun(StartSettlementRunRequest.newBuilder()
                        .setHeader(newCommand())
                        .setSettlementDate("2026-13-01") // no such month, whatever the year
                        .build()));
        assertThat(code(missing)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(missing)).containsExactlyInAnyOrder("settlement_date", "run_type");

        var bySupplier = refused(() -> start(supplierA, day, SettlementRunType.SETTLEMENT_RUN_TYPE_SF));
        assertThat(code(bySupplier)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(bySupplier)).isEqualTo("RoleRequired");

        var noRun = refused(() -> result(OPERATOR, day, SettlementRunType.SETTLEMENT_RUN_TYPE_R3));
        assertThat(code(noRun)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(noRun)).isEqualTo("SettlementRunMustExist");
        var noRunAudit = refused(() -> settlement(auditor)
                .auditSettlementRun(AuditSettlementRunRequest.newBuilder()
                        .setSettlementDate(day)
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_R3)
                        .build()));
        assertThat(code(noRunAudit)).isEqualTo(Status.Code.NOT_FOUND);

        var supplierAudit = refused(() -> settlement(supplierA)
                .auditSettlementRun(AuditSettlementRunRequest.newBuilder()
                        .setSettlementDate(day)
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                        .build()));
        assertThat(code(supplierAudit)).isEqualTo(Status.Code.PERMISSION_DENIED);
        var position = refused(() -> settlement(auditor)
                .getAllocationAsAt(GetAllocationAsAtRequest.newBuilder()
                        .setSettlementDate(day)
                        .build()));
        assertThat(violatedFields(position)).containsExactly("position");
    }

    private org.mhhs.backbone.grpc.v1.SettlementServiceGrpc.SettlementServiceBlockingStub settlement(String who) {
        return market.settlement(who);
    }

    private org.mhhs.backbone.grpc.v1.SettlementRunStarted start(String day, SettlementRunType type) {
        return start(OPERATOR, day, type);
    }

    private org.mhhs.backbone.grpc.v1.SettlementRunStarted start(String who, String day, SettlementRunType type) {
        return settlement(who)
                .startSettlementRun(StartSettlementRunRequest.newBuilder()
                        .setHeader(newCommand())
                        .setSettlementDate(day)
                        .setRunType(type)
                        .build());
    }

    private List<AllocatedVolume> volumes(String who, String day, String gsp, String supplier) {
        return settlement(who)
                .listAllocatedVolumes(ListAllocatedVolumesRequest.newBuilder()
                        .setSettlementDate(day)
                        .setGspGroupId(gsp)
                        .setSupplierId(supplier)
                        .build())
                .getVolumesList();
    }

    private List<SettlementRun> runs(String day) {
        return settlement(supplierA)
                .listSettlementRuns(ListSettlementRunsRequest.newBuilder()
                        .setSettlementDate(day)
                        .build())
                .getRunsList();
    }

    private org.mhhs.backbone.grpc.v1.SettlementRunResult result(String who, String day, SettlementRunType type) {
        return settlement(who)
                .getSettlementRunResult(GetSettlementRunResultRequest.newBuilder()
                        .setSettlementDate(day)
                        .setRunType(type)
                        .build());
    }

    private void awaitAllocated(String day, String supplier, String kwh) {
        await().untilAsserted(() -> assertThat(volumes(OPERATOR, day, "_C", supplier))
                .hasSize(48)
                .allSatisfy(cell -> assertThat(cell.getKwh()).isEqualTo(kwh)));
    }

    private long publishedTo(String supplier, String day) {
        return jdbc.sql("""
                SELECT count(*) FROM axon.domain_event_entry WHERE aggregate_identifier = :day
                AND payload_type LIKE '%SupplierAllocationPublished'
                AND convert_from(payload, 'UTF8')::jsonb ->> 'supplier' = :supplier""")
                .param("day", day)
                .param("supplier", supplier)
                .query(Long.class)
                .single();
    }

    private String auditRecord(String auditId) {
        return jdbc.sql("""
                SELECT outcome || '/' || difference_count || '/' || auditor_id FROM settlement.audit_record
                WHERE audit_id = :id::uuid""").param("id", auditId).query(String.class).single();
    }

    private static List<SubmitConsumption.Reading> readings(int periods, String kwh) {
        List<SubmitConsumption.Reading> readings = new ArrayList<>();
        for (int period = 1; period <= periods; period++) {
            readings.add(new SubmitConsumption.Reading(period, Energy.ofKwh(kwh), Quality.ACTUAL));
        }
        return readings;
    }
}
