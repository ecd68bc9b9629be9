package org.mhhs.bench.market;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * One MPAN-day of half-hourly consumption as its data service submits it: watt-hours and an estimated flag per
 * settlement period (index 0 is period 1). Version 2 is a revision with changed readings.
 */
public record ConsumptionSubmission(
        String mpan, LocalDate day, int version, String dataServiceId, long[] wattHours, boolean[] estimated) {

    public ConsumptionSubmission {
        if (wattHours.length != estimated.length) {
            throw new IllegalArgumentException("one quality flag per reading");
        }
        wattHours = wattHours.clone();
        estimated = estimated.clone();
    }

    public int periodCount() {
        return wattHours.length;
    }

    public long wattHours(int period) {
        return wattHours[period - 1];
    }

    public boolean estimated(int period) {
        return estimated[period - 1];
    }

    public long totalWattHours() {
        return Arrays.stream(wattHours).sum();
    }

    @Override
    public long[] wattHours() {
        return wattHours.clone();
    }

    @Override
    public boolean[] estimated() {
        return estimated.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConsumptionSubmission that
                && mpan.equals(that.mpan)
                && day.equals(that.day)
                && version == that.version
                && dataServiceId.equals(that.dataServiceId)
                && Arrays.equals(wattHours, that.wattHours)
                && Arrays.equals(estimated, that.estimated);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mpan, day, version, dataServiceId, Arrays.hashCode(wattHours), Arrays.hashCode(estimated));
    }

    @Override
    public String toString() {
        return "ConsumptionSubmission[" + mpan + " " + day + " v" + version + " by " + dataServiceId + ", "
                + wattHours.length + " periods, " + totalWattHours() + " Wh]";
    }
}
