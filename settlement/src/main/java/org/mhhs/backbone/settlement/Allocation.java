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
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;

/**
 * Volume allocation in memory: the latest version of each MPAN-day, summed into cells of settlement day, GSP group,
 * supplier and period. A newer version replaces the one it supersedes (its volumes and MPAN are taken out of the
 * cells they were in); an older or repeated version changes nothing. The projection uses it for the changes of one
 * batch, the audit for a whole re-derivation: one rule, two uses. Cells are kept by day row (day, GSP group,
 * supplier: all periods of the day together), as an MPAN-day counts in every period of its day alike.
 * A version whose readings cannot be opened (its MPAN's key was shredded) counts as shredded: it changes nothing.
 */
final class Allocation {

    /** A cell of the allocation; cells order by day, GSP group, supplier, then period (the canonical order). */
    record Cell(LocalDate settlementDate, GspGroupId gspGroupId, ParticipantId supplier, int period)
            implements Comparable<Cell> {

        private static final Comparator<Cell> ORDER = Comparator.comparing(Cell::settlementDate)
                .thenComparing(Cell::gspGroupId)
                .thenComparing(Cell::supplier)
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
    }

    /** The cells of one settlement day, GSP group and supplier. */
    record DayRow(LocalDate settlementDate, GspGroupId gspGroupId, ParticipantId supplier) {}

    /** A day row's volume per period (index 0 is period 1) and its MPAN count, the same in every period. */
    record RowFigures(long[] wattHours, int mpanCount) {

        boolean isZero() {
            if (mpanCount != 0) {
                return false;
            }
            for (long value : wattHours) {
                if (value != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The latest version of an MPAN-day's consumption, as far as allocation needs it: its readings sealed as in the
     * event (what is stored) and opened (what is summed; null when they no longer open).
     */
    record Latest(
            String consumptionDayId,
            LocalDate settlementDate,
            int version,
            ParticipantId supplier,
            GspGroupId gspGroupId,
            int periodCount,
            int keyVersion,
            String sealedReadings,
            long[] readings) {

        static Latest of(ConsumptionRecorded event, ConsumptionCipher cipher) {
            return new Latest(
                    event.consumptionDayId(),
                    event.settlementDate(),
                    event.version(),
                    event.supplier(),
                    event.gspGroupId(),
                    event.periodCount(),
                    event.keyVersion(),
                    event.sealedReadings(),
                    cipher.wattHours(
                                    event.mpan(),
                                    event.settlementDate(),
                                    event.keyVersion(),
                                    event.periodCount(),
                                    event.sealedReadings())
                            .orElse(null));
        }

        boolean shredded() {
            return readings == null;
        }

        DayRow row() {
            return new DayRow(settlementDate, gspGroupId, supplier);
        }
    }

    private final Map<String, Latest> latest = new HashMap<>();
    private final Map<DayRow, long[]> energy = new HashMap<>();
    private final Map<DayRow, Integer> mpans = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();

    /** An empty allocation: {@link #cells()} are then totals. */
    Allocation() {}

    /**
     * An allocation that knows the latest versions already counted elsewhere: {@link #cells()} and {@link #rows()}
     * are then the changes to apply to those counts.
     */
    static Allocation changesTo(Collection<Latest> alreadyCounted) {
        Allocation allocation = new Allocation();
        alreadyCounted.forEach(known -> allocation.latest.put(known.consumptionDayId(), known));
        return allocation;
    }

    /**
     * Counts a version if it is newer than the one counted for its MPAN-day and readable, as is the one it replaces;
     * answers whether it was. (All versions of an MPAN-day share one key version: a shredded day is never revised.)
     */
    boolean record(Latest next) {
        Latest previous = latest.get(next.consumptionDayId());
        if (next.shredded() || (previous != null && (next.version() <= previous.version() || previous.shredded()))) {
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
        DayRow row = consumption.row();
        long[] sums = energy.get(row);
        if (sums == null || sums.length < readings.length) {
            long[] grown = new long[readings.length];
            if (sums != null) {
                System.arraycopy(sums, 0, grown, 0, sums.length);
            }
            sums = grown;
            energy.put(row, sums);
        }
        for (int i = 0; i < readings.length; i++) {
            sums[i] = Math.addExact(sums[i], sign * readings[i]);
        }
        mpans.merge(row, sign, Integer::sum);
    }

    /** Day rows with anything in them (totals, or changes for {@link #changesTo}). */
    Map<DayRow, RowFigures> rows() {
        Map<DayRow, RowFigures> rows = new HashMap<>();
        energy.forEach((row, sums) -> {
            RowFigures figures = new RowFigures(sums.clone(), mpans.getOrDefault(row, 0));
            if (!figures.isZero()) {
                rows.put(row, figures);
            }
        });
        return rows;
    }

    /** Non-zero cells (totals, or changes for {@link #changesTo}) in canonical order. */
    SortedMap<Cell, Figure> cells() {
        SortedMap<Cell, Figure> cells = new TreeMap<>();
        rows().forEach((row, figures) -> {
            for (int i = 0; i < figures.wattHours().length; i++) {
                if (figures.wattHours()[i] != 0 || figures.mpanCount() != 0) {
                    cells.put(
                            new Cell(row.settlementDate(), row.gspGroupId(), row.supplier(), i + 1),
                            new Figure(figures.wattHours()[i], figures.mpanCount()));
                }
            }
        });
        return cells;
    }

    /** The latest versions that this allocation counted anew, in the order it counted them first. */
    List<Latest> changedLatest() {
        List<Latest> result = new ArrayList<>(changed.size());
        changed.forEach(id -> result.add(latest.get(id)));
        return result;
    }
}
