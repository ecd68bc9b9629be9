package org.mhhs.backbone.metering.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.kernel.Mpan;

/**
 * Encrypts and decrypts consumption readings with the MPAN's data key, which metering keeps outside the event store.
 * Readings whose key has been shredded (or that do not decrypt) are answered as empty: every consumer treats them
 * as shredded, never as an error.
 */
public interface ConsumptionCipher {

    /** Readings (ordered by period) sealed with the MPAN's current data key, created if the MPAN has none. */
    Sealed seal(Mpan mpan, LocalDate settlementDate, List<SubmitConsumption.Reading> readings);

    Optional<List<SubmitConsumption.Reading>> open(
            Mpan mpan, LocalDate settlementDate, int keyVersion, int periodCount, @Nullable String sealedReadings);

    default Optional<List<SubmitConsumption.Reading>> open(ConsumptionRecorded event) {
        return open(
                event.mpan(), event.settlementDate(), event.keyVersion(), event.periodCount(), event.sealedReadings());
    }

    /** Only the watt-hours per period (index 0 is period 1). */
    default Optional<long[]> wattHours(
            Mpan mpan, LocalDate settlementDate, int keyVersion, int periodCount, @Nullable String sealedReadings) {
        return open(mpan, settlementDate, keyVersion, periodCount, sealedReadings)
                .map(readings -> readings.stream()
                        .mapToLong(reading -> reading.energy().wattHours())
                        .toArray());
    }

    /** Sealed readings and the version of the MPAN's data key that sealed them. */
    record Sealed(int keyVersion, String sealedReadings) {}
}
