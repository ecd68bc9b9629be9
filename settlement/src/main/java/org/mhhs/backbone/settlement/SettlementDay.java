package org.mhhs.backbone.settlement;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.settlement.api.DnoTotalsPublished;
import org.mhhs.backbone.settlement.api.SettlementRunCompleted;
import org.mhhs.backbone.settlement.api.SettlementRunEvent;
import org.mhhs.backbone.settlement.api.StartSettlementRun;
import org.mhhs.backbone.settlement.api.SupplierAllocationPublished;

/**
 * The settlement runs of one settlement day. A run freezes the day's allocation at a recorded event-store position
 * and publishes it: each supplier its own volumes, each DNO the totals of its GSP groups, then a summary with the
 * content hash of every figure.
 */
@Aggregate
class SettlementDay {

    @AggregateIdentifier
    private String settlementDayId;

    private final Set<SettlementRunType> completed = EnumSet.noneOf(SettlementRunType.class);

    private SettlementDay() {}

    /** Answers the run's content hash. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(StartSettlementRun command, IsdQueries isd, AllocationFreezer allocation, Clock clock) {
        LocalDate day = command.settlementDate();
        SettlementRunType runType = command.runType();
        RunHappensOnce.check(day, runType, completed);
        DfOnlyOnOperatorRequest.check(runType, command.trigger());
        RunsHappenInOrder.check(day, runType, completed);
        RunMustHaveFallenDue.check(
                day,
                runType,
                isd.findSettlementCalendar(),
                SettlementDate.today(clock).date());

        FrozenAllocation frozen = allocation.freeze(day);
        String hash = AllocationHash.of(frozen.cells());
        Map<ParticipantId, List<SupplierAllocationPublished.Volume>> bySupplier = new TreeMap<>();
        SortedMap<GspGroupId, SortedMap<Integer, PeriodTotal>> byGspAndPeriod = new TreeMap<>();
        long total = 0;
        for (var cell : frozen.cells().entrySet()) {
            Allocation.Cell at = cell.getKey();
            Allocation.Figure figure = cell.getValue();
            bySupplier
                    .computeIfAbsent(at.supplier(), s -> new ArrayList<>())
                    .add(new SupplierAllocationPublished.Volume(
                            at.gspGroupId(), at.period(), Energy.ofWattHours(figure.wattHours()), figure.mpanCount()));
            byGspAndPeriod
                    .computeIfAbsent(at.gspGroupId(), g -> new TreeMap<>())
                    .merge(at.period(), PeriodTotal.of(figure), PeriodTotal::plus);
            total = Math.addExact(total, figure.wattHours());
        }
        bySupplier.forEach((supplier, volumes) ->
                apply(new SupplierAllocationPublished(command.settlementDayId(), day, runType, supplier, volumes)));
        dnoTotals(byGspAndPeriod, isd, day)
                .forEach((dno, totals) ->
                        apply(new DnoTotalsPublished(command.settlementDayId(), day, runType, dno, totals)));
        apply(new SettlementRunCompleted(
                command.settlementDayId(),
                day,
                runType,
                frozen.position(),
                frozen.excludedPositions(),
                hash,
                frozen.cells().size(),
                bySupplier.size(),
                Energy.ofWattHours(total),
                command.requestedBy(),
                command.trigger()));
        return hash;
    }

    private static Map<ParticipantId, List<DnoTotalsPublished.Total>> dnoTotals(
            SortedMap<GspGroupId, SortedMap<Integer, PeriodTotal>> byGspAndPeriod, IsdQueries isd, LocalDate day) {
        // each GSP group's totals go to the DNO of the settlement day, not to today's
        Map<ParticipantId, List<DnoTotalsPublished.Total>> byDno = new TreeMap<>();
        byGspAndPeriod.forEach((gsp, periods) -> {
            ParticipantId dno = isd.findDnoOn(gsp, day).orElse(null);
            if (dno == null) {
                return;
            }
            periods.forEach((period, sum) -> {
                if (sum.hasAny()) {
                    byDno.computeIfAbsent(dno, d -> new ArrayList<>())
                            .add(new DnoTotalsPublished.Total(
                                    gsp,
                                    period,
                                    Energy.ofWattHours(sum.wattHours()),
                                    Math.toIntExact(sum.mpanCount())));
                }
            });
        });
        return byDno;
    }

    /** Every supplier's volume and MPAN count together, in one GSP group and settlement period. */
    private record PeriodTotal(long wattHours, long mpanCount) {

        static PeriodTotal of(Allocation.Figure figure) {
            return new PeriodTotal(figure.wattHours(), figure.mpanCount());
        }

        PeriodTotal plus(PeriodTotal other) {
            return new PeriodTotal(Math.addExact(wattHours, other.wattHours), mpanCount + other.mpanCount);
        }

        boolean hasAny() {
            return mpanCount > 0 || wattHours != 0;
        }
    }

    @EventSourcingHandler
    void on(SettlementRunEvent event) {
        settlementDayId = event.settlementDayId();
        if (event instanceof SettlementRunCompleted run) {
            completed.add(run.runType());
        }
    }
}
