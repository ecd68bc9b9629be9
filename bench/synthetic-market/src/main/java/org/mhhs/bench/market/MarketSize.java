package org.mhhs.bench.market;

import java.time.LocalDate;

/**
 * How big a synthetic market is. Consumption covers {@code days} settlement days from {@code firstDay}; changes of
 * supplier take effect 2 to 29 days after the last of them (the hub accepts a change of supplier only for a future
 * day, and by default at most 28 days ahead).
 *
 * @param participantsPerRole suppliers, data services, metering services and registration services each
 * @param revisionPercent share of MPAN-days resubmitted with changed readings (version 2)
 * @param changeOfSupplierPercent share of metering points that change supplier
 * @param estimatedPercent share of MPAN-days with a run of estimated readings
 */
public record MarketSize(
        int participantsPerRole,
        int meteringPoints,
        int days,
        LocalDate firstDay,
        int revisionPercent,
        int changeOfSupplierPercent,
        int estimatedPercent) {

    public MarketSize {
        requireAtLeast("participantsPerRole", participantsPerRole, 1);
        requireAtLeast("meteringPoints", meteringPoints, 1);
        requireAtLeast("days", days, 1);
        if (firstDay == null) {
            throw new IllegalArgumentException("firstDay must be given");
        }
        requirePercent("revisionPercent", revisionPercent);
        requirePercent("changeOfSupplierPercent", changeOfSupplierPercent);
        requirePercent("estimatedPercent", estimatedPercent);
        if (participantsPerRole > MarketIdentifiers.MAX_PER_ROLE) {
            throw new IllegalArgumentException("participantsPerRole must be at most " + MarketIdentifiers.MAX_PER_ROLE);
        }
    }

    /** 10% revisions, 5% changes of supplier, 3% of days with estimated readings. */
    public static MarketSize of(int participantsPerRole, int meteringPoints, int days, LocalDate firstDay) {
        return new MarketSize(participantsPerRole, meteringPoints, days, firstDay, 10, 5, 3);
    }

    public LocalDate lastDay() {
        return firstDay.plusDays(days - 1L);
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + " but was " + value);
        }
    }

    private static void requirePercent(String name, int value) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException(name + " must be 0..100 but was " + value);
        }
    }
}
