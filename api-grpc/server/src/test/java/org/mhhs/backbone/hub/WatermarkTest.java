package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.hub.Watermark.Probe;

/** How probes (the sequence's value, then a fence id) become the commit-order watermark (docs/adr/0016). */
class WatermarkTest {

    private final Watermark watermark = new Watermark(new EventSchema());

    @Test
    void aProbeIsFinalOnceNoTransactionBelowItsFenceRuns() {
        assertThat(watermark.confirm(new Probe(10, 99), 100)).isEqualTo(10);
    }

    @Test
    void aProbeWaitsUntilEveryTransactionBelowItsFenceHasEnded() {
        assertThat(watermark.confirm(new Probe(10, 99), 95)).isEqualTo(-1);
        // transaction 95 has ended, 105 (begun after the first probe) runs: only the first probe is final
        assertThat(watermark.confirm(new Probe(20, 109), 105)).isEqualTo(10);
        assertThat(watermark.confirmed()).isEqualTo(10);
        // the fence itself still running holds its probe back
        assertThat(watermark.confirm(new Probe(30, 119), 109)).isEqualTo(10);
        assertThat(watermark.confirm(new Probe(30, 129), 120)).isEqualTo(30);
    }

    @Test
    void theWatermarkNeverGoesBackAndAnOpenTransactionHoldsItForAnyNumberOfProbes() {
        watermark.confirm(new Probe(10, 99), 100);
        for (int probe = 1; probe <= 3 * Watermark.MAX_PENDING_PROBES; probe++) {
            assertThat(watermark.confirm(new Probe(10 + probe, 99 + probe), 100))
                    .isEqualTo(10);
        }
        assertThat(watermark.confirm(new Probe(5, 89), 90)).isEqualTo(10);
        int last = 3 * Watermark.MAX_PENDING_PROBES;
        assertThat(watermark.confirm(new Probe(10 + last, 99 + last), 100 + last))
                .isEqualTo(10 + last);
    }

    @Test
    void underASteadyLoadOfTransactionsLongerThanTheProbesKeptTheWatermarkStillAdvances() {
        int lasting = 2 * Watermark.MAX_PENDING_PROBES;
        long watermarkNow = -1;
        for (int probe = 1; probe <= 10 * lasting; probe++) {
            // at each probe one more index is taken, and the transactions begun `lasting` probes ago still run
            watermarkNow = watermark.confirm(new Probe(probe, probe), Math.max(1, probe - lasting));
        }
        assertThat(watermarkNow).isGreaterThan(8L * lasting);
    }

    @Test
    void aTokenBelowTheWatermarkKeepsNoGapBelowTheEventJustRead() {
        assertThat(CommitOrderEventStorageEngine.withoutGapsBelow(8, null))
                .isEqualTo(GapAwareTrackingToken.newInstance(7, List.of()));
        assertThat(CommitOrderEventStorageEngine.withoutGapsBelow(
                        8, GapAwareTrackingToken.newInstance(5, List.of(2L, 3L))))
                .isEqualTo(GapAwareTrackingToken.newInstance(7, List.of()));
        // a gap of a token from before the watermark, filled now: gaps above it stay until they are read
        assertThat(CommitOrderEventStorageEngine.withoutGapsBelow(
                        3, GapAwareTrackingToken.newInstance(10, List.of(2L, 3L, 7L))))
                .isEqualTo(GapAwareTrackingToken.newInstance(10, List.of(3L, 7L)));
    }
}
