package org.mhhs.backbone.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.Quality;
import org.mhhs.backbone.metering.api.SubmitConsumption;

/**
 * For random streams of submissions and revisions (a revision may move an MPAN-day to another supplier or GSP group),
 * the allocation as the projection keeps it, batch by batch against what it stored before, equals a from-scratch
 * recomputation from the latest version of each MPAN-day. Redelivered batches change nothing.
 */
class AllocationPropertyTest {

    private static final List<LocalDate> DAYS =
            List.of(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 6, 1), LocalDate.of(2026, 10, 25));
    private static final List<ParticipantId> SUPPLIERS =
            List.of(ParticipantId.of("SUPA"), ParticipantId.of("SUPB"), ParticipantId.of("SUPC"));
    private static final List<GspGroupId> GSP_GROUPS = List.of(GspGroupId.of("_A"), GspGroupId.of("_B"));

    record Submission(int mpan, int day, int supplier, int gsp, long seed) {}

    @Property(tries = 200)
    void theProjectionKeptBatchByBatchEqualsAFromScratchRecomputation(
            @ForAll("submissions") List<Submission> submissions,
            @ForAll @IntRange(min = 1, max = 20) int batchSize,
            @ForAll boolean redeliverEachBatch) {
        List<Allocation.Latest> stream = versioned(submissions);

        StoredProjection projection = new StoredProjection();
        for (int from = 0; from < stream.size(); from += batchSize) {
            List<Allocation.Latest> batch = stream.subList(from, Math.min(stream.size(), from + batchSize));
            projection.apply(batch);
            if (redeliverEachBatch) {
                projection.apply(batch);
            }
        }

        assertThat(projection.cells).isEqualTo(fromScratch(stream));
        assertThat(AllocationHash.of(new TreeMap<>(projection.cells)))
                .isEqualTo(AllocationHash.of(fromScratch(stream)));
    }

    @Provide
    Arbitrary<List<Submission>> submissions() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 1),
                        Arbitraries.longs())
                .as(Submission::new)
                .list()
                .ofMaxSize(60);
    }

    /** Numbers each MPAN-day's submissions as versions 1, 2, ... in stream order, with random readings. */
    private static List<Allocation.Latest> versioned(List<Submission> submissions) {
        Map<String, Integer> versions = new HashMap<>();
        List<Allocation.Latest> stream = new ArrayList<>();
        for (Submission submission : submissions) {
            LocalDate day = DAYS.get(submission.day());
            String id = "MPAN" + submission.mpan() + "/" + day;
            int version = versions.merge(id, 1, Integer::sum);
            int periods = org.mhhs.backbone.kernel.SettlementDate.of(day).periodCount();
            java.util.Random random = new java.util.Random(submission.seed());
            List<SubmitConsumption.Reading> readings = new ArrayList<>();
            for (int period = 1; period <= periods; period++) {
                readings.add(new SubmitConsumption.Reading(
                        period, Energy.ofWattHours(random.nextInt(3_000)), Quality.ACTUAL));
            }
            long[] wattHours = readings.stream()
                    .mapToLong(reading -> reading.energy().wattHours())
                    .toArray();
            stream.add(new Allocation.Latest(
                    id,
                    day,
                    version,
                    SUPPLIERS.get(submission.supplier()),
                    GSP_GROUPS.get(submission.gsp()),
                    periods,
                    1,
                    "sealed",
                    wattHours));
        }
        return stream;
    }

    /** The definition: per cell, the sum of the latest version of every MPAN-day in it, and how many there are. */
    private static SortedMap<Allocation.Cell, Allocation.Figure> fromScratch(List<Allocation.Latest> stream) {
        Map<String, Allocation.Latest> latest = new HashMap<>();
        stream.forEach(version ->
                latest.merge(version.consumptionDayId(), version, (a, b) -> a.version() >= b.version() ? a : b));
        SortedMap<Allocation.Cell, Allocation.Figure> cells = new TreeMap<>();
        for (Allocation.Latest consumption : latest.values()) {
            long[] readings = consumption.readings();
            for (int i = 0; i < readings.length; i++) {
                cells.merge(
                        new Allocation.Cell(
                                consumption.settlementDate(), consumption.gspGroupId(), consumption.supplier(), i + 1),
                        new Allocation.Figure(readings[i], 1),
                        (a, b) -> new Allocation.Figure(a.wattHours() + b.wattHours(), a.mpanCount() + b.mpanCount()));
            }
        }
        return cells;
    }

    /** What AllocationProjection does with its two tables, held in maps. */
    private static final class StoredProjection {

        final Map<String, Allocation.Latest> latest = new HashMap<>();
        final SortedMap<Allocation.Cell, Allocation.Figure> cells = new TreeMap<>();

        void apply(Collection<Allocation.Latest> batch) {
            List<Allocation.Latest> counted = batch.stream()
                    .map(v -> latest.get(v.consumptionDayId()))
                    .filter(java.util.Objects::nonNull)
                    .distinct()
                    .toList();
            Allocation changes = Allocation.changesTo(counted);
            batch.forEach(changes::record);
            changes.changedLatest().forEach(v -> latest.put(v.consumptionDayId(), v));
            changes.cells().forEach((cell, delta) -> {
                Allocation.Figure now = cells.getOrDefault(cell, new Allocation.Figure(0, 0))
                        .plus(delta.wattHours(), delta.mpanCount());
                if (now.mpanCount() == 0) {
                    cells.remove(cell);
                } else {
                    cells.put(cell, now);
                }
            });
        }
    }
}
