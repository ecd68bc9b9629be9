package org.mhhs.backbone.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

/** Readings that no longer open (their MPAN was shredded) are left out of an allocation, never an error. */
class AllocationOfShreddedConsumptionTest {

    private static final LocalDate DAY = LocalDate.of(2026, 10, 5);
    private static final ParticipantId SUPPLIER = ParticipantId.of("SUPA");
    private static final GspGroupId EASTERN = GspGroupId.of("_A");

    @Test
    void aShreddedMpanDayAddsNothingWhileTheOthersAreSummed() {
        Allocation allocation = new Allocation();

        assertThat(allocation.record(readable("MPAN1/" + DAY, 1, 250))).isTrue();
        assertThat(allocation.record(shredded("MPAN2/" + DAY, 1))).isFalse();

        assertThat(allocation.cells())
                .hasSize(48)
                .allSatisfy((cell, figure) -> assertThat(figure).isEqualTo(new Allocation.Figure(250, 1)));
    }

    @Test
    void aVersionCountedBeforeItsMpanWasShreddedStaysAsItWasWhenALaterVersionCannotBeRead() {
        Allocation changes = Allocation.changesTo(List.of(readable("MPAN1/" + DAY, 1, 250)));

        assertThat(changes.record(shredded("MPAN1/" + DAY, 2))).isFalse();

        assertThat(changes.cells()).isEmpty();
        assertThat(changes.changedLatest()).isEmpty();
    }

    @Test
    void aReadableVersionDoesNotReplaceOneThatCanNoLongerBeTakenOut() {
        Allocation changes = Allocation.changesTo(List.of(shredded("MPAN1/" + DAY, 1)));

        assertThat(changes.record(readable("MPAN1/" + DAY, 2, 400))).isFalse();

        assertThat(changes.cells()).isEmpty();
    }

    private static Allocation.Latest readable(String id, int version, long wattHoursEachPeriod) {
        return new Allocation.Latest(
                id,
                DAY,
                version,
                SUPPLIER,
                EASTERN,
                48,
                1,
                "sealed",
                LongStream.generate(() -> wattHoursEachPeriod).limit(48).toArray());
    }

    private static Allocation.Latest shredded(String id, int version) {
        return new Allocation.Latest(id, DAY, version, SUPPLIER, EASTERN, 48, 1, "sealed", null);
    }
}
