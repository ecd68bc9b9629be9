package org.mhhs.backbone.grpc.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AllocatedVolume;
import org.mhhs.backbone.grpc.v1.AuditSettlementRunRequest;
import org.mhhs.backbone.grpc.v1.GetSettlementRunResultRequest;
import org.mhhs.backbone.grpc.v1.ListSettlementRunsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RunTrigger;
import org.mhhs.backbone.grpc.v1.SettlementRun;
import org.mhhs.backbone.grpc.v1.SettlementRunType;
import org.mhhs.backbone.grpc.v1.StartSettlementRunRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.Registrations;
import org.mhhs.backbone.testing.SettlementMarket;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A hub of its own whose clock the test moves: a change of supplier made ahead of its day, consumption on both sides
 * of it, and the hub's scheduler starting SF to RF as they fall due, in order, but never DF. The hub is closed
 * afterwards: its scheduler and clock are this test's alone.
 */
@HubIntegrationTest
@DirtiesContext
@Import(SettlementScheduleIntegrationTest.MovableClock.class)
@TestPropertySource(
        properties = {
            "hub.settlement.scheduler.enabled=true",
            "hub.settlement.scheduler.interval=PT0.5S",
            "hub.settlement.scheduler.first-after=PT0.5S",
            "hub.settlement.scheduler.catch-up-days=30"
        })
class SettlementScheduleIntegrationTest {

    private static final String OPERATOR = "OPER";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Today and tomorrow when the test starts (MarketDays, the hub's today until the test moves its clock). */
    private static final LocalDate TODAY = MarketDays.today();

    private static final String BEFORE_CHANGE = TODAY.toString();
    private static final String CHANGE_DAY = TODAY.plusDays(1).toString();

    @TestConfiguration
    static class MovableClock {

        static final AtomicReference<Instant> NOW = new AtomicReference<>(MarketDays.now());

        @Bean
        @Primary
        Clock movableClock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return Clock.fixed(NOW.get(), zone);
                }

                @Override
                public Instant instant() {
                    return NOW.get();
                }
            };
        }
    }

    @Autowired
    HubClient hub;

    @Test
    void theSchedulerRunsSfToRfAsTheyFallDueAndEachSupplierGetsItsSideOfAChangeOfSupplier() {
        Market market = new Market(hub);
        SettlementMarket settlementMarket = new SettlementMarket(hub, market);
        market.gspGroup("_C");
        settlementMarket.runSchedule(List.of(5, 6, 7, 8, 9));
        String registrationService = market.participant('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        String losing = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String gaining = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String dataService = market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE);
        String auditor = market.participant('U', MarketRole.MARKET_ROLE_AUDITOR);
        String from = MarketDays.meteringFrom().toString();
        String switching = settlementMarket.meteringPoint("_C", registrationService, losing, dataService, from);
        String staying = settlementMarket.meteringPoint("_C", registrationService, losing, dataService, from);
        market.registration(gaining).registerSupplier(Registrations.supplier(switching, CHANGE_DAY));
        // the data service's appointment carries on under the gaining supplier

        MovableClock.NOW.set(noonOf(TODAY.plusDays(3)));
        for (String day : List.of(BEFORE_CHANGE, CHANGE_DAY)) {
            settlementMarket.submit(dataService, switching, day, "1.000");
            settlementMarket.submit(dataService, staying, day, "0.500");
        }
        settlementMarket.submit(dataService, switching, CHANGE_DAY, "2.000");

        await().untilAsserted(() -> assertThat(allocated(market, gaining, CHANGE_DAY))
                .hasSize(48)
                .allSatisfy(cell -> assertThat(cell.getKwh()).isEqualTo("2.000")));
        assertThat(runs(market, BEFORE_CHANGE)).as("nothing is due yet").isEmpty();

        MovableClock.NOW.set(noonOf(TODAY.plusDays(25)));
        List<SettlementRunType> scheduled = List.of(
                SettlementRunType.SETTLEMENT_RUN_TYPE_SF,
                SettlementRunType.SETTLEMENT_RUN_TYPE_R1,
                SettlementRunType.SETTLEMENT_RUN_TYPE_R2,
                SettlementRunType.SETTLEMENT_RUN_TYPE_R3,
                SettlementRunType.SETTLEMENT_RUN_TYPE_RF);
        for (String day : List.of(BEFORE_CHANGE, CHANGE_DAY)) {
            await().untilAsserted(() -> assertThat(runs(market, day))
                    .extracting(SettlementRun::getRunType)
                    .containsExactlyElementsOf(scheduled));
            assertThat(runs(market, day)).allSatisfy(run -> {
                assertThat(run.getTrigger()).isEqualTo(RunTrigger.RUN_TRIGGER_SCHEDULER);
                assertThat(run.getRequestedBy()).isEqualTo(OPERATOR);
            });
        }
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> runs(market, CHANGE_DAY).size() == scheduled.size());

        market.settlement(OPERATOR)
                .startSettlementRun(StartSettlementRunRequest.newBuilder()
                        .setHeader(newCommand())
                        .setSettlementDate(CHANGE_DAY)
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_DF)
                        .build());

        await().untilAsserted(() -> assertThat(runs(market, CHANGE_DAY)).hasSize(6));
        assertThat(result(market, losing, BEFORE_CHANGE)).hasSize(48).allSatisfy(cell -> {
            assertThat(cell.getKwh()).isEqualTo("1.500");
            assertThat(cell.getMpanCount()).isEqualTo(2);
        });
        assertThat(result(market, gaining, BEFORE_CHANGE)).isEmpty();
        assertThat(result(market, losing, CHANGE_DAY)).hasSize(48).allSatisfy(cell -> {
            assertThat(cell.getKwh()).isEqualTo("0.500");
            assertThat(cell.getMpanCount()).isEqualTo(1);
        });
        assertThat(result(market, gaining, CHANGE_DAY)).hasSize(48).allSatisfy(cell -> {
            assertThat(cell.getKwh()).isEqualTo("2.000");
            assertThat(cell.getSupplierId()).isEqualTo(gaining);
        });
        assertThat(market.settlement(auditor)
                        .auditSettlementRun(AuditSettlementRunRequest.newBuilder()
                                .setSettlementDate(CHANGE_DAY)
                                .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_RF)
                                .build())
                        .getIdentical())
                .isTrue();
    }

    private static Instant noonOf(LocalDate day) {
        return day.atTime(12, 0).atZone(LONDON).toInstant();
    }

    private static List<SettlementRun> runs(Market market, String day) {
        return market.settlement(OPERATOR)
                .listSettlementRuns(ListSettlementRunsRequest.newBuilder()
                        .setSettlementDate(day)
                        .build())
                .getRunsList();
    }

    private static List<AllocatedVolume> allocated(Market market, String supplier, String day) {
        return market.settlement(supplier)
                .listAllocatedVolumes(org.mhhs.backbone.grpc.v1.ListAllocatedVolumesRequest.newBuilder()
                        .setSettlementDate(day)
                        .build())
                .getVolumesList();
    }

    private static List<AllocatedVolume> result(Market market, String supplier, String day) {
        return market.settlement(supplier)
                .getSettlementRunResult(GetSettlementRunResultRequest.newBuilder()
                        .setSettlementDate(day)
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_RF)
                        .build())
                .getVolumesList();
    }
}
