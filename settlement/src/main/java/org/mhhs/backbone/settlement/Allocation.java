package org.mhhs.backbone.settlement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.ReadingsCodec;

/**
 * Volume allocation in memory: the latest version of each MPAN-day, summed into cells of settlement day, GSP group,
 * supplier and period. A newer version replaces the one it supersedes (its volumes and MPAN are taken out of the
 * cells they were in); an older or repeated version changes nothing. The projection uses it for the changes of one
 * batch, the audit for a whole re-derivation: one rule, two uses.
 */
final class Allocation {

    /** A cell of the allocation; cells order by day, GSP group, supplier, then period (the canonical order). */
    record Cell(LocalDate settlementDate, GspGroupId gspGroupId, ParticipantId supplier, int period)
            implements Comparable<Cell> {

        private static final Comparator<Cell> ORDER = Comparator.comparing(Cell::settlementDate)
                .thenComparing(cell -> cell.gspGroupId().value())
                .thenComparing(cell -> cell.supplier().value())
                .thenComparingInt(Cell::period);

        @Override
        public int compareTo(Cell other) {
            return ORDER.compare(this, other);
        }
    }

    /** A cell's volume in watt-hours and the number of MPANs in it. */
    record Figure(long wattHours, int mpanCount) {

        Figure plus(long wattHoursDelta, int mpanDelta) {
            return new Figure(Math.addExact(wattHours, wattHoursDelta), Math.addExact(mpanCount, mpanDelta));
        }

        boolean isZero() {
            return wattHours == 0 && mpanCount == 0;
        }
    }

    /** The latest version of an MPAN-day's consumption, as far as allocation needs it. */
    record Latest(String consumptionDayId, LocalDate settlementDate, int version, ParticipantId supplier,
                  GspGroupId gspGroupId, int periodCount, String wattHours) {

        static Latest of(ConsumptionRecorded event) {
            return new Latest(event.consumptionDayId(), event.settlementDate(), event.version(), event.supplier(),
                    event.gspGroupId(), event.periodCount(), event.wattHours());
        }

        long[] readings() {
            long[] values = new long[periodCount];
            var decoded = ReadingsCodec.decode(periodCount, wattHours, "");
            for (int i = 0; i < periodCount; i++) {
                values[i] = decoded.get(i).energy().wattHours();
            }
            return values;
        }
    }

    private final Map<String, Latest> latest = new HashMap<>();
    private final Map<Cell, Figure> cells = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();

    /** An empty allocation: {@link #cells()} are then totals. */
    Allocation() {
    }

    /**
     * An allocation that knows the latest versions already counted elsewhere: {@link #cells()} are then the changes
     * to apply to those counts.
     */
    static Allocation changesTo(Collection<Latest> alreadyCounted) {
        Allocation allocation = new Allocation();
        alreadyCounted.forEach(known -> allocation.latest.put(known.consumptionDayId(), known));
        return allocation;
    }

    /** Counts a version if it is newer than the one counted for its MPAN-day; answers whether it was. */
    boolean record(Latest next) {
        Latest previous = latest.get(next.consumptionDayId());
        if (previous != null && next.version() <= previous.version()) {
            return false;
        }
        if (previous != null) {
            add(previous, -1);
        }
        add(next, 1);
        latest.put(next.consumptionDayId(), next);
        changed.add(next.consumptionDayId());
        return true;
    }

    private void add(Latest consumption, int sign) {
        long[] readings = consumption.readings();
        for (int i = 0; i < readings.length; i++) {
            Cell cell = new Cell(consumption.settlementDate(), consumption.gspGroupId(), consumption.supplier(), i + 1);
            Figure figure = cells.getOrDefault(cell, new Figure(0, 0)).plus(sign * readings[i], sign);
            if (figure.isZero()) {
                cells.remove(cell);
            } else {
                cells.put(cell, figure);
            }
        }
    }

    /** Non-zero cells (totals, or changes for {@link #changesTo}) in canonical order. */
    SortedMap<Cell, Figure> cells() {
        return new TreeMap<>(cells);
    }

    /** The latest versions that this allocation counted anew, in the order it counted them first. */
    List<Latest> changedLatest() {
        List<Latest> result = new ArrayList<>(changed.size());
        changed.forEach(id -> result.add(latest.get(id)));
        return result;
    }
}
