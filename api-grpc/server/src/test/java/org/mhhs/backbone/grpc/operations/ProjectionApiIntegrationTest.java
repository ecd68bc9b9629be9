package org.mhhs.backbone.grpc.operations;

import static java.time.Month.AUGUST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.HubClient.violatedFields;
import static org.mhhs.backbone.testing.MarketDays.lastYear;

import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.GetAllocationAsAtRequest;
import org.mhhs.backbone.grpc.v1.GetRebuildProgressRequest;
import org.mhhs.backbone.grpc.v1.ListAllocatedVolumesRequest;
import org.mhhs.backbone.grpc.v1.ListProjectionsRequest;
import org.mhhs.backbone.grpc.v1.Projection;
import org.mhhs.backbone.grpc.v1.ProjectionState;
import org.mhhs.backbone.grpc.v1.RebuildProgress;
import org.mhhs.backbone.grpc.v1.RebuildProjectionRequest;
import org.mhhs.backbone.grpc.v1.SettlementRunType;
import org.mhhs.backbone.grpc.v1.StartSettlementRunRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Operators list every projection of the hub and rebuild any of them through gRPC, with progress, while the hub keeps
 * serving; a rebuild yields the same tables, also when submissions go on during it.
 */
@HubIntegrationTest
class ProjectionApiIntegrationTest {

    private static final String OPERATOR = "OPER";

    static final String FILE =
            "api-grpc/server/src/test/java/org/mhhs/backbone/grpc/operations/ProjectionApiIntegrationTest.java";

    /**
     * Every read model of each processor an operator can rebuild, in a stable order: all of the hub's but those
     * whose handlers refuse a replay (the notification feed's, {@code @DisallowReplay}), as
     * {@link #everyProjectionAnOperatorCanRebuildHasItsReadModelsHere} checks.
     */
    private static final Map<String, List<String>> READ_MODELS = Map.of(
            "isd",
                    List.of(
                            "SELECT participant_id, name FROM isd.participant ORDER BY 1",
                            "SELECT participant_id, role, effective_from, effective_to FROM isd.participant_role"
                                    + " ORDER BY 1, 2, 3",
                            "SELECT gsp_group_id, name, dno_id FROM isd.gsp_group ORDER BY 1"),
            "registration",
                    List.of(
                            "SELECT * FROM registration.metering_point ORDER BY mpan",
                            "SELECT * FROM registration.metering_point_details ORDER BY mpan, effective_from",
                            "SELECT * FROM registration.responsibility ORDER BY mpan, role, effective_from",
                            "SELECT * FROM registration.appointment ORDER BY appointment_id"),
            "metering", List.of("SELECT * FROM metering.consumption_version ORDER BY mpan, settlement_date, version"),
            "disputes", List.of("SELECT * FROM disputes.dispute ORDER BY dispute_id"),
            "settlement-allocation",
                    List.of(
                            "SELECT * FROM settlement.latest_consumption ORDER BY consumption_day_id",
                            "SELECT settlement_date, gsp_group_id, supplier_id, mpan_count, energy_wh::text"
                                    + " FROM settlement.allocated_volume"
                                    + " ORDER BY settlement_date, gsp_group_id, supplier_id"),
            "settlement-runs",
                    List.of(
                            "SELECT settlement_date, run_type, position, excluded_positions::text, content_hash,"
                                    + " cell_count,"
                                    + " supplier_count, total_wh, requested_by, run_trigger, completed_at"
                                    + " FROM settlement.settlement_run ORDER BY settlement_date, run_type",
                            "SELECT * FROM settlement.run_volume"
                                    + " ORDER BY settlement_date, run_type, gsp_group_id, supplier_id, period"));

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EventProcessingConfiguration processing;

    Market market;
    SettlementMarket settlementMarket;
    Parties parties;

    @BeforeEach
    void aSupplierWithConsumption() {
        market = new Market(hub);
        settlementMarket = new SettlementMarket(hub, market);
        parties = settlementMarket.parties("_C");
    }

    @Test
    void operatorsAndAuditorsSeeEveryProjectionWithItsPositionLagAndState() {
        String mpan = settlementMarket.meteringPoint(parties);
        settlementMarket.submit(parties.dataService(), mpan, lastYear(AUGUST, 3).toString(), "1.000");

        await().untilAsserted(() -> assertThat(projections(OPERATOR)).allSatisfy(projection -> {
            assertThat(projection.getState()).isEqualTo(ProjectionState.PROJECTION_STATE_RUNNING);
            assertThat(projection.getLag()).isZero();
            assertThat(projection.getPosition()).isEqualTo(projection.getHead()).isPositive();
        }));
        assertThat(projections(parties.auditor()))
                .extracting(Projection::getName)
                .contains("isd", "registration", "metering", "settlement-allocation", "settlement-runs");
        assertThat(projections(parties.auditor()))
                .filteredOn(p -> p.getName().equals("settlement-allocation"))
                .singleElement()
                .extracting(Projection::getSegmentCount)
                .isEqualTo(1);
        var bySupplier = refused(() -> projections(parties.supplier()));
        assertThat(code(bySupplier)).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    /** What ProjectionOperations rebuilds is what supports a reset; the others it refuses. */
    @Test
    void everyProjectionAnOperatorCanRebuildHasItsReadModelsHere() {
        Set<String> rebuildable = new TreeSet<>();
        Set<String> refused = new TreeSet<>();
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .forEach(processor -> (processor.supportsReset() ? rebuildable : refused).add(processor.getName()));

        assertThat(refused).as("processors whose handlers disallow a replay").contains("notification");
        List<String> problems = new ArrayList<>();
        rebuildable.stream()
                .filter(name -> !READ_MODELS.containsKey(name))
                .forEach(name -> problems.add(("The processor %s can be rebuilt but its tables are not compared before"
                                + " and after a rebuild: add its tables' queries (every table it rebuilds, in a stable"
                                + " order) to READ_MODELS in %s, e.g.%n    \"%s\", List.of(\"SELECT * FROM ... ORDER BY"
                                + " ...\"),")
                        .formatted(name, FILE, name)));
        READ_MODELS.keySet().stream()
                .filter(name -> !rebuildable.contains(name))
                .forEach(
                        name -> problems.add("READ_MODELS in %s names %s, which is no processor the hub can rebuild: %s"
                                .formatted(
                                        FILE,
                                        name,
                                        refused.contains(name) ? "its handlers disallow a replay" : "remove it")));

        assertThat(problems)
                .withFailMessage(() -> String.join("\n\n", problems))
                .isEmpty();
    }

    @Test
    void rebuildingAnyProjectionGivesTheSameTablesWithVisibleProgress() {
        String day = lastYear(AUGUST, 4).toString();
        String mpan = settlementMarket.meteringPoint(parties);
        settlementMarket.submit(parties.dataService(), mpan, day, "1.000");
        settlementMarket.submit(parties.dataService(), mpan, day, "1.500");
        settlementMarket.runSchedule(SettlementMarket.SHORT_SCHEDULE);
        await().untilAsserted(() -> assertThat(allocated(day)).isNotEmpty());
        market.settlement(OPERATOR)
                .startSettlementRun(StartSettlementRunRequest.newBuilder()
                        .setHeader(newCommand())
                        .setSettlementDate(day)
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                        .build());
        awaitCaughtUp();

        for (String name : READ_MODELS.keySet()) {
            Map<String, List<Map<String, Object>>> live = snapshot(name);

            RebuildProgress started = market.projections(OPERATOR)
                    .rebuildProjection(
                            RebuildProjectionRequest.newBuilder().setName(name).build());

            assertThat(started.getEventsTotal()).isPositive();
            // rebuilding isd empties the roles the operator's own calls are authorised by, until it has replayed
            RebuildProgress done = await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> progress(name), RebuildProgress::getFinished);
            assertThat(done.getEventsDone()).isEqualTo(done.getEventsTotal()).isEqualTo(started.getEventsTotal());
            assertThat(done.getEtaSeconds()).isZero();
            assertThat(done.getEventsPerSecond()).isPositive();
            await().untilAsserted(() -> assertThat(snapshot(name)).as(name).isEqualTo(live));
            assertThat(meters.find("hub.projection.rebuild.events.done")
                            .tag("processor", name)
                            .gauge())
                    .isNotNull()
                    .extracting(gauge -> gauge.value())
                    .isEqualTo((double) done.getEventsTotal());
        }
    }

    @Test
    void aRebuildDuringOngoingSubmissionsConvergesToTheAllocationTheEventStoreHolds() throws Exception {
        List<String> mpans = List.of(settlementMarket.meteringPoint(parties), settlementMarket.meteringPoint(parties));
        List<String> days = List.of(
                lastYear(AUGUST, 10).toString(),
                lastYear(AUGUST, 11).toString(),
                lastYear(AUGUST, 12).toString());
        settlementMarket.submit(parties.dataService(), mpans.get(0), days.get(0), "0.100");
        CompletableFuture<Void> submissions = CompletableFuture.runAsync(() -> {
            for (int round = 1; round <= 4; round++) {
                for (String mpan : mpans) {
                    for (String day : days) {
                        settlementMarket.submit(parties.dataService(), mpan, day, round + ".125");
                    }
                }
            }
        });

        market.projections(OPERATOR)
                .rebuildProjection(RebuildProjectionRequest.newBuilder()
                        .setName("settlement-allocation")
                        .build());
        submissions.get(120, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> progress("settlement-allocation"), RebuildProgress::getFinished);
        awaitCaughtUp();
        for (String day : days) {
            var fromTheStore = market.settlement(parties.auditor())
                    .getAllocationAsAt(GetAllocationAsAtRequest.newBuilder()
                            .setSettlementDate(day)
                            .setPosition(Long.MAX_VALUE)
                            .build())
                    .getVolumesList();
            assertThat(allocated(day)).as(day).isEqualTo(fromTheStore);
            assertThat(allocated(day))
                    .filteredOn(cell -> cell.getSupplierId().equals(parties.supplier()))
                    .hasSize(48)
                    .allSatisfy(cell -> {
                        assertThat(cell.getKwh()).isEqualTo("8.250");
                        assertThat(cell.getMpanCount()).isEqualTo(2);
                    });
        }
    }

    @Test
    void anUnknownOrMissingNameAndCallersOtherThanTheOperatorAreRefused() {
        var unknown = refused(() -> market.projections(OPERATOR)
                .rebuildProjection(RebuildProjectionRequest.newBuilder()
                        .setName("nonsense")
                        .build()));
        assertThat(code(unknown)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(unknown)).isEqualTo("ProjectionMustExist");
        var missing = refused(() -> market.projections(OPERATOR)
                .getRebuildProgress(GetRebuildProgressRequest.newBuilder().build()));
        assertThat(violatedFields(missing)).containsExactly("name");
        var byAuditor = refused(() -> market.projections(parties.auditor())
                .rebuildProjection(RebuildProjectionRequest.newBuilder()
                        .setName("metering")
                        .build()));
        assertThat(code(byAuditor)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(byAuditor)).isEqualTo("RoleRequired");
    }

    private List<Projection> projections(String who) {
        return market.projections(who)
                .listProjections(ListProjectionsRequest.getDefaultInstance())
                .getProjectionsList();
    }

    private RebuildProgress progress(String name) {
        return market.projections(OPERATOR)
                .getRebuildProgress(
                        GetRebuildProgressRequest.newBuilder().setName(name).build());
    }

    private List<org.mhhs.backbone.grpc.v1.AllocatedVolume> allocated(String day) {
        return market.settlement(OPERATOR)
                .listAllocatedVolumes(ListAllocatedVolumesRequest.newBuilder()
                        .setSettlementDate(day)
                        .build())
                .getVolumesList();
    }

    private void awaitCaughtUp() {
        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(projections(OPERATOR)).allSatisfy(projection -> {
                    assertThat(projection.getState()).isEqualTo(ProjectionState.PROJECTION_STATE_RUNNING);
                    assertThat(projection.getLag()).as(projection.getName()).isZero();
                }));
    }

    private Map<String, List<Map<String, Object>>> snapshot(String processor) {
        return READ_MODELS.get(processor).stream()
                .collect(Collectors.toMap(
                        sql -> sql, sql -> jdbc.sql(sql).query().listOfRows()));
    }
}
