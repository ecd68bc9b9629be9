package org.mhhs.backbone.metering.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mhhs.backbone.metering.api.Quality.ACTUAL;
import static org.mhhs.backbone.metering.api.Quality.ESTIMATED;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.metering.api.SubmitConsumption.Reading;

class ReadingsCodecTest {

    private static final long TEN_THOUSAND_KWH = 10_000_000;

    @ParameterizedTest
    @ValueSource(ints = {46, 48, 50})
    void aDayOfAnyLengthDecodesToTheReadingsItEncoded(int periods) {
        List<Reading> day = aDay(periods, period -> 37L * period + period % 7, Set.of(2, periods));

        assertThat(decoded(day)).isEqualTo(day);
    }

    @Test
    void aDayWithoutConsumptionDecodesToZeroes() {
        List<Reading> nothingUsed = aDay(48, period -> 0, Set.of());

        assertThat(decoded(nothingUsed)).isEqualTo(nothingUsed);
        assertThat(ReadingsCodec.totalWattHours(nothingUsed)).isZero();
    }

    @Test
    void readingsUpToTenThousandKwhDecodeExactly() {
        List<Reading> largeSite = aDay(48, period -> TEN_THOUSAND_KWH - period + 1, Set.of());

        assertThat(decoded(largeSite)).isEqualTo(largeSite);
    }

    @Test
    void valuesEitherSideOfAVarintByteBoundaryDecodeExactly() {
        long[] boundaries = {127, 128, 16_383, 16_384, 2_097_151, 2_097_152, TEN_THOUSAND_KWH};
        List<Reading> day = aDay(boundaries.length, period -> boundaries[period - 1], Set.of());

        assertThat(decoded(day)).isEqualTo(day);
    }

    @Test
    void theTotalIsTheExactSumOfTheReadings() {
        List<Reading> day = aDay(48, period -> TEN_THOUSAND_KWH - period, Set.of());

        assertThat(ReadingsCodec.totalWattHours(decoded(day))).isEqualTo(48 * TEN_THOUSAND_KWH - (48 * 49 / 2));
        assertThat(ReadingsCodec.wattHoursOf(48, ReadingsCodec.encode(day)))
                .containsExactly(day.stream()
                        .mapToLong(reading -> reading.energy().wattHours())
                        .toArray());
    }

    @Test
    void estimatedPeriodsKeepTheirFlagAndTheRestStayActual() {
        Set<Integer> estimated = Set.of(1, 8, 9, 17, 50);
        List<Reading> day = aDay(50, period -> 250, estimated);

        List<Reading> decoded = decoded(day);

        assertThat(decoded)
                .filteredOn(reading -> reading.quality() == ESTIMATED)
                .extracting(Reading::period)
                .containsExactlyInAnyOrderElementsOf(estimated);
        assertThat(decoded).filteredOn(reading -> reading.quality() == ACTUAL).hasSize(50 - estimated.size());
    }

    @Test
    void aDayOfOnlyEstimatesDecodesAsEstimates() {
        List<Reading> allEstimated = aDay(46, period -> 500, allPeriods(46));

        assertThat(decoded(allEstimated)).isEqualTo(allEstimated);
    }

    @Test
    void negativeReadingsHaveNoStoredForm() {
        List<Reading> day = List.of(new Reading(1, Energy.ofWattHours(-1), ACTUAL));

        assertThatThrownBy(() -> ReadingsCodec.encode(day)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storedReadingsOfAnotherLengthThanThePeriodCountAreRefused() {
        List<Reading> day = aDay(48, period -> 100, Set.of());
        byte[] encoded = ReadingsCodec.encode(day);

        assertThatThrownBy(() -> ReadingsCodec.decode(50, encoded)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ReadingsCodec.decode(47, encoded)).isInstanceOf(IllegalStateException.class);
    }

    private static List<Reading> decoded(List<Reading> day) {
        return ReadingsCodec.decode(day.size(), ReadingsCodec.encode(day));
    }

    private static List<Reading> aDay(int periods, IntToLongFunction wattHoursOfPeriod, Set<Integer> estimated) {
        List<Reading> day = new ArrayList<>(periods);
        for (int period = 1; period <= periods; period++) {
            day.add(new Reading(
                    period,
                    Energy.ofWattHours(wattHoursOfPeriod.applyAsLong(period)),
                    estimated.contains(period) ? ESTIMATED : ACTUAL));
        }
        return day;
    }

    private static Set<Integer> allPeriods(int periods) {
        return IntStream.rangeClosed(1, periods).boxed().collect(Collectors.toSet());
    }
}
