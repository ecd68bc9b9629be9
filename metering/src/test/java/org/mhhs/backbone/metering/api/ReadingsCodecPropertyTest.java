package org.mhhs.backbone.metering.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.metering.api.SubmitConsumption.Reading;

class ReadingsCodecPropertyTest {

    private static final int TYPICAL_DAY = 48;
    /**
     * Bytes per reading the binary form (watt-hours and flags) may take on average: the codec's claim to compactness.
     */
    private static final double MOST_BYTES_PER_READING = 2.2;

    @Property
    void anyDayDecodesToTheReadingsItEncoded(@ForAll("days") List<Reading> day) {
        List<Reading> decoded = ReadingsCodec.decode(day.size(), ReadingsCodec.encode(day));

        assertThat(decoded).isEqualTo(day);
    }

    @Property
    void theWattHoursAloneDecodeToThoseOfAnyDaysReadings(@ForAll("days") List<Reading> day) {
        long[] wattHours =
                day.stream().mapToLong(reading -> reading.energy().wattHours()).toArray();

        assertThat(ReadingsCodec.wattHoursOf(day.size(), ReadingsCodec.encode(day)))
                .containsExactly(wattHours);
    }

    @Property
    void aTypicalDayTakesAtMostTwoPointTwoBytesPerReading(@ForAll("typicalDays") List<Reading> day) {
        byte[] encoded = ReadingsCodec.encode(day);

        assertThat((double) encoded.length / day.size()).isLessThanOrEqualTo(MOST_BYTES_PER_READING);
    }

    @Provide
    Arbitrary<List<Reading>> days() {
        return daysOf(Arbitraries.integers().between(1, 50), Arbitraries.longs().between(0, 10_000_000));
    }

    @Provide
    Arbitrary<List<Reading>> typicalDays() {
        return daysOf(Arbitraries.just(TYPICAL_DAY), Arbitraries.longs().between(0, 2_000));
    }

    private static Arbitrary<List<Reading>> daysOf(Arbitrary<Integer> periods, Arbitrary<Long> wattHours) {
        Arbitrary<Energy> energy = wattHours.map(Energy::ofWattHours);
        Arbitrary<Quality> quality = Arbitraries.of(Quality.class);
        return periods.flatMap(count -> Combinators.combine(
                        energy.list().ofSize(count), quality.list().ofSize(count))
                .as(ReadingsCodecPropertyTest::numberedFromOne));
    }

    private static List<Reading> numberedFromOne(List<Energy> energies, List<Quality> qualities) {
        List<Reading> readings = new ArrayList<>(energies.size());
        for (int i = 0; i < energies.size(); i++) {
            readings.add(new Reading(i + 1, energies.get(i), qualities.get(i)));
        }
        return readings;
    }
}
