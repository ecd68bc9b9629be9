package org.mhhs.backbone.settlement;

import static org.mhhs.backbone.kernel.testing.MarketFixture.EASTERN;
import static org.mhhs.backbone.kernel.testing.MarketFixture.OPERATOR;
import static org.mhhs.backbone.kernel.testing.MarketFixture.WESTERN;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.isd.testing.FakeIsdQueries;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.settlement.api.RunTrigger;
import org.mhhs.backbone.settlement.api.SettlementRunCompleted;
import org.mhhs.backbone.settlement.api.StartSettlementRun;

/** A settlement day's market: a calendar, two GSP groups with their DNOs, two suppliers, a frozen allocation. */
final class SettlementFixtures {

    static final LocalDate DAY = LocalDate.of(2026, 11, 2); // a Monday
    static final ParticipantId DNO_EAST = ParticipantId.of("DNOE");
    static final ParticipantId DNO_WEST = ParticipantId.of("DNOW");

    /** SF 5, R1 15, R2 35, R3 60, RF 150 working days after the settlement day. */
    static final Map<SettlementRunType, Integer> SCHEDULE = schedule();

    private SettlementFixtures() {}

    private static Map<SettlementRunType, Integer> schedule() {
        Map<SettlementRunType, Integer> schedule = new EnumMap<>(SettlementRunType.class);
        schedule.put(SettlementRunType.SF, 5);
        schedule.put(SettlementRunType.R1, 15);
        schedule.put(SettlementRunType.R2, 35);
        schedule.put(SettlementRunType.R3, 60);
        schedule.put(SettlementRunType.RF, 150);
        return schedule;
    }

    static Clock on(String date) {
        return Clock.fixed(Instant.parse(date + "T12:00:00Z"), ZoneOffset.UTC);
    }

    /** Long after every scheduled run of {@link #DAY} fell due. */
    static Clock longAfter() {
        return on("2028-01-03");
    }

    static FixtureConfiguration<SettlementDay> settlementDayFixture(
            IsdQueries isd, AllocationFreezer allocation, Clock clock) {
        return new AggregateTestFixture<>(SettlementDay.class)
                .registerInjectableResource(isd)
                .registerInjectableResource(allocation)
                .registerInjectableResource(clock);
    }

    static FakeIsdQueries theMarket() {
        return new FakeIsdQueries()
                .holding(
                        DNO_EAST,
                        MarketRole.DNO,
                        org.mhhs.backbone.kernel.EffectivePeriod.from(LocalDate.of(2020, 1, 1)))
                .holding(
                        DNO_WEST,
                        MarketRole.DNO,
                        org.mhhs.backbone.kernel.EffectivePeriod.from(LocalDate.of(2020, 1, 1)))
                .withGspGroup(EASTERN, DNO_EAST)
                .withGspGroup(WESTERN, DNO_WEST)
                .withRunSchedule(SCHEDULE);
    }

    static StartSettlementRun run(SettlementRunType runType) {
        return StartSettlementRun.of(DAY, runType, OPERATOR, RunTrigger.OPERATOR);
    }

    static StartSettlementRun scheduled(SettlementRunType runType) {
        return StartSettlementRun.of(DAY, runType, OPERATOR, RunTrigger.SCHEDULER);
    }

    /** A past run of {@link #DAY} of an empty allocation, as given history. */
    static SettlementRunCompleted completed(SettlementRunType runType) {
        return completed(runType, RunTrigger.OPERATOR);
    }

    /**
     * What a run of {@link #DAY} publishes over an empty {@link Frozen} allocation (position 1, nothing excluded):
     * no volumes, only its summary with the hash of nothing.
     */
    static SettlementRunCompleted completed(SettlementRunType runType, RunTrigger trigger) {
        return new SettlementRunCompleted(
                DAY.toString(),
                DAY,
                runType,
                1,
                List.of(),
                AllocationHash.of(new TreeMap<>()),
                0,
                0,
                Energy.ZERO,
                OPERATOR,
                trigger);
    }

    /** An allocation frozen at a position, built cell by cell. */
    static final class Frozen implements AllocationFreezer {

        private final SortedMap<Allocation.Cell, Allocation.Figure> cells = new TreeMap<>();
        private long position = 1;
        private List<Long> excluded = List.of();

        Frozen at(long position, Long... excluded) {
            this.position = position;
            this.excluded = List.of(excluded);
            return this;
        }

        Frozen cell(GspGroupId gsp, ParticipantId supplier, int period, long wattHours, int mpans) {
            cells.put(new Allocation.Cell(DAY, gsp, supplier, period), new Allocation.Figure(wattHours, mpans));
            return this;
        }

        SortedMap<Allocation.Cell, Allocation.Figure> cells() {
            return cells;
        }

        @Override
        public FrozenAllocation freeze(LocalDate settlementDate) {
            return new FrozenAllocation(position, excluded, new TreeMap<>(cells));
        }
    }
}
