package org.mhhs.backbone.grpc.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.GetRebuildProgressRequest;
import org.mhhs.backbone.grpc.v1.ListAllocatedVolumesRequest;
import org.mhhs.backbone.grpc.v1.ListProjectionsRequest;
import org.mhhs.backbone.grpc.v1.ListSettlementRunsRequest;
import org.mhhs.backbone.grpc.v1.Projection;
import org.mhhs.backbone.grpc.v1.ProjectionState;
import org.mhhs.backbone.grpc.v1.RebuildProgress;
import org.mhhs.backbone.grpc.v1.RebuildProjectionRequest;
import org.mhhs.backbone.grpc.v1.SettlementRun;
import org.mhhs.backbone.grpc.v1.SettlementRunType;
import org.mhhs.backbone.grpc.v1.StartSettlementRunRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * What an operator may not rebuild, or not yet: the notification feed's writer (its handlers disallow a replay), a
 * projection already being rebuilt, and a settlement run while the allocation is being rebuilt. A hub of its own,
 * whose allocation processor this test can hold mid-replay (a gate in front of its handlers, one event per batch), so
 * that "being rebuilt" is a state the test controls rather than a race against a fast replay.
 */
@HubIntegrationTest
@DirtiesContext
@Import(RebuildRefusalsIntegrationTest.AllocationGate.class)
@TestPropertySource(properties = "axon.eventhandling.processors.settlement-allocation.batch-size=1")
class RebuildRefusalsIntegrationTest {

    private static final String OPERATOR = "OPER";
    private static final String ALLOCATION = "settlement-allocation";
    private static final LocalDate DAY =
            MarketDays.today().minusDays(20).with(TemporalAdjusters.previousOrSame(DayOfWeek.WEDNESDAY));

    /** Holds every handler of the allocation processor while closed; open unless a test closes it. */
    static final class Gate implements MessageHandlerInterceptor<EventMessage<?>> {

        private volatile CountDownLatch open = new CountDownLatch(0);
        private volatile CountDownLatch held = new CountDownLatch(1);

        void close() {
            held = new CountDownLatch(1);
            open = new CountDownLatch(1);
        }

        void open() {
            open.countDown();
        }

        /** Waits until the processor is held at the gate, mid-replay. */
        void awaitHeld() throws InterruptedException {
            assertThat(held.await(30, TimeUnit.SECONDS))
                    .as("the allocation processor reached the gate")
                    .isTrue();
        }

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            CountDownLatch gate = open;
            if (gate.getCount() > 0) {
                held.countDown();
                gate.await(60, TimeUnit.SECONDS);
            }
            return chain.proceed();
        }
    }

    @TestConfiguration
    static class AllocationGate {

        static final Gate GATE = new Gate();

        @Bean
        ConfigurerModule allocationGate() {
            return configurer -> configurer.eventProcessing(
                    processing -> processing.registerHandlerInterceptor(ALLOCATION, configuration -> GATE));
        }
    }

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void openTheGate() {
        AllocationGate.GATE.open();
    }

    @Test
    void rebuildingTheNotificationFeedWriterIsRefusedBecauseItsHandlersDisallowAReplay() {
        Market market = new Market(hub);
        long position = projection(market, "notification").getPosition();

        var refusal = refused(() -> rebuild(market, "notification"));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("ProjectionMustSupportReset");
        Projection after = projection(market, "notification");
        assertThat(after.getState()).isEqualTo(ProjectionState.PROJECTION_STATE_RUNNING);
        assertThat(after.getPosition()).as("not reset").isGreaterThanOrEqualTo(position);
        var progress = refused(() -> market.projections(OPERATOR)
                .getRebuildProgress(GetRebuildProgressRequest.newBuilder()
                        .setName("notification")
                        .build()));
        assertThat(code(progress)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(progress)).isEqualTo("RebuildMustHaveStarted");
    }

    @Test
    void whileTheAllocationIsRebuiltASecondRebuildAndEverySettlementRunAreRefusedUntilItHasCaughtUp()
            throws InterruptedException {
        Market market = new Market(hub);
        SettlementMarket settlementMarket = new SettlementMarket(hub, market);
        Parties parties = settlementMarket.parties("_C");
        String mpan = settlementMarket.meteringPoint(
                parties.gspGroup(),
                parties.registrationService(),
                parties.supplier(),
                parties.dataService(),
                DAY.minusDays(5).toString());
        settlementMarket.submit(parties.dataService(), mpan, DAY.toString(), "0.250");
        settlementMarket.runSchedule(SettlementMarket.SHORT_SCHEDULE);
        await().until(() -> !market.settlement(OPERATOR)
                .listAllocatedVolumes(ListAllocatedVolumesRequest.newBuilder()
                        .setSettlementDate(DAY.toString())
                        .build())
                .getVolumesList()
                .isEmpty());

        AllocationGate.GATE.close();
        RebuildProgress started = rebuild(market, ALLOCATION);
        AllocationGate.GATE.awaitHeld();
        long stored = hub.storedEvents();

        var secondRebuild = refused(() -> rebuild(market, ALLOCATION));
        // A run reads the allocation's token in one transaction with its cells, so it waits for the replay's batch
        // in flight (held at the gate); once that batch is in, the replay is still short of where it was reset.
        var run = CompletableFuture.supplyAsync(() -> refused(() -> startSf(market)));
        await().until(this::aRunWaitsForTheAllocationsToken);
        AllocationGate.GATE.open();
        var runRefusal = run.join();

        assertThat(started.getFinished()).isFalse();
        assertThat(code(secondRebuild)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(secondRebuild)).isEqualTo("OneRebuildAtATime");
        assertThat(code(runRefusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(runRefusal)).isEqualTo("AllocationMustBeCurrent");
        assertThat(hub.storedEvents()).as("no run recorded").isEqualTo(stored);
        assertThat(runs(market)).isEmpty();

        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> market.projections(OPERATOR)
                                .getRebuildProgress(GetRebuildProgressRequest.newBuilder()
                                        .setName(ALLOCATION)
                                        .build()),
                        RebuildProgress::getFinished);
        // "finished" comes from the processor's status in memory, which runs ahead of the token it stores (by up to
        // a second here): until the stored token has caught up too, a run is still refused, so the operator retries
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                startSf(market);
                return true;
            } catch (StatusRuntimeException refusedStill) {
                assertThat(reason(refusedStill)).isEqualTo("AllocationMustBeCurrent");
                return false;
            }
        });
        await().untilAsserted(() -> assertThat(runs(market))
                .extracting(SettlementRun::getRunType)
                .containsExactly(SettlementRunType.SETTLEMENT_RUN_TYPE_SF));
    }

    private boolean aRunWaitsForTheAllocationsToken() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                + " AND query LIKE '%token_entry%FOR SHARE%'")
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static RebuildProgress rebuild(Market market, String name) {
        return market.projections(OPERATOR)
                .rebuildProjection(
                        RebuildProjectionRequest.newBuilder().setName(name).build());
    }

    private static void startSf(Market market) {
        market.settlement(OPERATOR)
                .startSettlementRun(StartSettlementRunRequest.newBuilder()
                        .setHeader(newCommand())
                        .setSettlementDate(DAY.toString())
                        .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                        .build());
    }

    private static java.util.List<SettlementRun> runs(Market market) {
        return market.settlement(OPERATOR)
                .listSettlementRuns(ListSettlementRunsRequest.newBuilder()
                        .setSettlementDate(DAY.toString())
                        .build())
                .getRunsList();
    }

    private static Projection projection(Market market, String name) {
        return market
                .projections(OPERATOR)
                .listProjections(ListProjectionsRequest.getDefaultInstance())
                .getProjectionsList()
                .stream()
                .filter(p -> p.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
