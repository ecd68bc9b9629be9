package org.mhhs.backbone.grpc.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;

import io.grpc.Status;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mhhs.backbone.grpc.DataEntitlement;
import org.mhhs.backbone.grpc.v1.AllocatedVolume;
import org.mhhs.backbone.grpc.v1.DnoTotalsPublished;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.GetSettlementRunResultRequest;
import org.mhhs.backbone.grpc.v1.GspGroup;
import org.mhhs.backbone.grpc.v1.ListAllocatedVolumesRequest;
import org.mhhs.backbone.grpc.v1.ListGspGroupsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RunTrigger;
import org.mhhs.backbone.grpc.v1.RunVolume;
import org.mhhs.backbone.grpc.v1.SettlementRunCompleted;
import org.mhhs.backbone.grpc.v1.SettlementRunResult;
import org.mhhs.backbone.grpc.v1.SettlementRunType;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.StartSettlementRunRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who gets what of a settlement run besides the suppliers: a DNO reads and receives only its GSP groups' figures,
 * CENTRAL_SETTLEMENT receives the run's summary; a run of two GSP groups with different DNOs, in the shared hub. Each
 * test runs a day of its own, far enough back to be due under any schedule the other tests set; days are derived from
 * today (a Wednesday and a Thursday: never a clock change day).
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunDeliveriesIntegrationTest {

    private static final String OPERATOR = "OPER";
    private static final LocalDate TODAY = MarketDays.today();
    private static final LocalDate WEDNESDAY =
            TODAY.minusDays(347).with(TemporalAdjusters.previousOrSame(DayOfWeek.WEDNESDAY));
    private static final LocalDate THURSDAY = WEDNESDAY.plusDays(1);
    private static final SettlementRunType SF = SettlementRunType.SETTLEMENT_RUN_TYPE_SF;

    @Autowired
    HubClient hub;

    Market market;
    SettlementMarket settlementMarket;
    Parties parties;
    String dnoOfC;
    String dnoOfE;
    String centralSettlement;
    String mpanInC;
    String mpanInE;

    @BeforeAll
    void oneSupplierInTwoGspGroupsOfDifferentDnos() {
        market = new Market(hub);
        settlementMarket = new SettlementMarket(hub, market);
        parties = settlementMarket.parties("_C");
        dnoOfC = parties.dno();
        dnoOfE = market.gspGroup("_E").getDnoId();
        assertThat(dnoOfE).as("the DNOs of _C and _E").isNotEqualTo(dnoOfC);
        centralSettlement = market.participant('Z', MarketRole.MARKET_ROLE_CENTRAL_SETTLEMENT);
        String from = WEDNESDAY.minusDays(10).toString();
        mpanInC = settlementMarket.meteringPoint(
                "_C", parties.registrationService(), parties.supplier(), parties.dataService(), from);
        mpanInE = settlementMarket.meteringPoint(
                "_E", parties.registrationService(), parties.supplier(), parties.dataService(), from);
        settlementMarket.runSchedule(SettlementMarket.SHORT_SCHEDULE);
    }

    @Test
    void aDnoReadsARunsResultOfItsOwnGspGroupsOnlyAndIsRefusedAnotherDnosGroup() {
        runTheDay(WEDNESDAY);

        SettlementRunResult ofC =
                await().ignoreExceptions().until(() -> result(dnoOfC, WEDNESDAY, ""), r -> r.getVolumesCount() > 0);
        var another = refused(() -> result(dnoOfC, WEDNESDAY, "_E"));

        assertThat(ofC.getVolumesList())
                .extracting(AllocatedVolume::getGspGroupId)
                .isSubsetOf(groupsOf(dnoOfC))
                .contains("_C")
                .doesNotContain("_E");
        assertThat(ofC.getVolumesList())
                .filteredOn(cell -> cell.getSupplierId().equals(parties.supplier()))
                .hasSize(48)
                .allSatisfy(cell -> assertThat(cell.getKwh()).isEqualTo("0.250"));
        assertThat(code(another)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(another)).isEqualTo(DataEntitlement.RULE);
        assertThat(result(centralSettlement, WEDNESDAY, "").getVolumesList())
                .extracting(AllocatedVolume::getGspGroupId)
                .contains("_C", "_E");
    }

    @Test
    void aDnoReceivesItsGspGroupsTotalsAndCentralSettlementTheRunsSummaryThroughTheirSubscriptions() {
        try (TestSubscriber distributor = subscribe(dnoOfC);
                TestSubscriber otherDistributor = subscribe(dnoOfE);
                TestSubscriber central = subscribe(centralSettlement)) {
            runTheDay(THURSDAY);
            String sentinel = Market.register(hub.operatorIsd(), MarketIds.mpid('X'));
            List.of(distributor, otherDistributor, central)
                    .forEach(s -> s.awaitEvent(e -> TestSubscriber.registered(e, sentinel)));

            DnoTotalsPublished totalsOfC = dnoTotals(distributor);
            DnoTotalsPublished totalsOfE = dnoTotals(otherDistributor);
            SettlementRunCompleted summary = central.events().stream()
                    .filter(EventEnvelope::hasSettlementRunCompleted)
                    .map(EventEnvelope::getSettlementRunCompleted)
                    .filter(run -> run.getSettlementDate().equals(THURSDAY.toString()))
                    .collect(onlyOne());

            assertThat(totalsOfC.getDno()).isEqualTo(dnoOfC);
            assertThat(totalsOfC.getTotalsList())
                    .extracting(RunVolume::getGspGroupId)
                    .isSubsetOf(groupsOf(dnoOfC))
                    .contains("_C");
            assertThat(totalsOfC.getTotalsList())
                    .filteredOn(total -> total.getGspGroupId().equals("_C"))
                    .hasSize(48)
                    .allSatisfy(total -> assertThat(total.getKwh()).isEqualTo("0.250"));
            assertThat(totalsOfE.getDno()).isEqualTo(dnoOfE);
            assertThat(totalsOfE.getTotalsList())
                    .filteredOn(total -> total.getGspGroupId().equals("_E"))
                    .hasSize(48)
                    .allSatisfy(total -> assertThat(total.getKwh()).isEqualTo("1.000"));
            assertThat(summary.getRunType()).isEqualTo(SF);
            assertThat(summary.getTrigger()).isEqualTo(RunTrigger.RUN_TRIGGER_OPERATOR);
            assertThat(summary.getRequestedBy()).isEqualTo(OPERATOR);
            assertThat(summary.getTotalKwh()).isNotEmpty();
            for (TestSubscriber dno : List.of(distributor, otherDistributor)) {
                assertThat(dno.events())
                        .as("a DNO gets no supplier's allocation and no run summary")
                        .noneMatch(e -> e.hasSupplierAllocationPublished() || e.hasSettlementRunCompleted());
            }
            assertThat(central.events())
                    .as("central settlement gets no supplier's allocation and no DNO's totals")
                    .noneMatch(e -> e.hasSupplierAllocationPublished() || e.hasDnoTotalsPublished());
        }
    }

    /** Consumption of the day in both groups, allocated, then its SF run started by the operator. */
    private void runTheDay(LocalDate day) {
        settlementMarket.submit(parties.dataService(), mpanInC, day.toString(), "0.250");
        settlementMarket.submit(parties.dataService(), mpanInE, day.toString(), "1.000");
        await().untilAsserted(() -> assertThat(market.settlement(OPERATOR)
                        .listAllocatedVolumes(ListAllocatedVolumesRequest.newBuilder()
                                .setSettlementDate(day.toString())
                                .setSupplierId(parties.supplier())
                                .build())
                        .getVolumesList())
                .extracting(AllocatedVolume::getGspGroupId)
                .contains("_C", "_E"));
        market.settlement(OPERATOR)
                .startSettlementRun(StartSettlementRunRequest.newBuilder()
                        .setHeader(newCommand())
                        .setSettlementDate(day.toString())
                        .setRunType(SF)
                        .build());
    }

    private DnoTotalsPublished dnoTotals(TestSubscriber subscriber) {
        return subscriber.events().stream()
                .filter(EventEnvelope::hasDnoTotalsPublished)
                .map(EventEnvelope::getDnoTotalsPublished)
                .filter(totals -> totals.getSettlementDate().equals(THURSDAY.toString()))
                .collect(onlyOne());
    }

    private static <T> java.util.stream.Collector<T, ?, T> onlyOne() {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.getFirst();
        });
    }

    private TestSubscriber subscribe(String participant) {
        TestSubscriber subscriber = TestSubscriber.open(
                hub.channel(),
                market.token(participant),
                TestSubscriber.from("run-deliveries", StartFrom.START_FROM_LATEST)
                        .build());
        subscriber.opened();
        return subscriber;
    }

    private SettlementRunResult result(String who, LocalDate day, String gspGroup) {
        return market.settlement(who)
                .getSettlementRunResult(GetSettlementRunResultRequest.newBuilder()
                        .setSettlementDate(day.toString())
                        .setRunType(SF)
                        .setGspGroupId(gspGroup)
                        .build());
    }

    private Set<String> groupsOf(String dno) {
        return hub.operatorIsd().listGspGroups(ListGspGroupsRequest.getDefaultInstance()).getGspGroupsList().stream()
                .filter(group -> group.getDnoId().equals(dno))
                .map(GspGroup::getGspGroupId)
                .collect(Collectors.toSet());
    }
}
