package org.mhhs.backbone.metering.api;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.mhhs.backbone.kernel.Energy;

/**
 * The compact binary form of a day's readings, which is what gets encrypted into {@link ConsumptionRecorded}: the
 * watt-hours of periods 1..n as unsigned LEB128 varints (values are never negative), then the estimated flags as a
 * bit set of exactly ceil(n / 8) bytes. A typical day of 48 readings takes about 100 bytes.
 */
public final class ReadingsCodec {

    private ReadingsCodec() {}

    /** Readings must be ordered by period 1..n, each non-negative. */
    public static byte[] encode(List<SubmitConsumption.Reading> readings) {
        int n = readings.size();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(n * 3 + flagBytes(n));
        for (SubmitConsumption.Reading reading : readings) {
            long value = reading.energy().wattHours();
            if (value < 0) {
                throw new IllegalArgumentException("negative readings have no stored form");
            }
            while ((value & ~0x7FL) != 0) {
                bytes.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            bytes.write((int) value);
        }
        byte[] flags = new byte[flagBytes(n)];
        for (int i = 0; i < n; i++) {
            if (readings.get(i).quality() == Quality.ESTIMATED) {
                flags[i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
        bytes.writeBytes(flags);
        return bytes.toByteArray();
    }

    public static List<SubmitConsumption.Reading> decode(int periodCount, byte[] encoded) {
        long[] values = new long[periodCount];
        int at = readWattHours(encoded, values);
        if (encoded.length - at != flagBytes(periodCount)) {
            throw new IllegalStateException(
                    "stored readings of " + periodCount + " periods have " + (encoded.length - at) + " bytes of flags");
        }
        List<SubmitConsumption.Reading> readings = new ArrayList<>(periodCount);
        for (int i = 0; i < periodCount; i++) {
            boolean estimated = (encoded[at + (i >>> 3)] & (1 << (i & 7))) != 0;
            readings.add(new SubmitConsumption.Reading(
                    i + 1, Energy.ofWattHours(values[i]), estimated ? Quality.ESTIMATED : Quality.ACTUAL));
        }
        return readings;
    }

    /** The watt-hours of each period, without the quality flags: what volume allocation needs, fast. */
    public static long[] wattHoursOf(int periodCount, byte[] encoded) {
        long[] values = new long[periodCount];
        readWattHours(encoded, values);
        return values;
    }

    public static long totalWattHours(List<SubmitConsumption.Reading> readings) {
        long total = 0;
        for (SubmitConsumption.Reading reading : readings) {
            total = Math.addExact(total, reading.energy().wattHours());
        }
        return total;
    }

    private static int flagBytes(int periodCount) {
        return (periodCount + 7) >>> 3;
    }

    /** Fills {@code values} and answers the offset just after the last varint. */
    private static int readWattHours(byte[] encoded, long[] values) {
        int at = 0;
        for (int i = 0; i < values.length; i++) {
            long value = 0;
            int shift = 0;
            while (true) {
                if (at >= encoded.length || shift > 63) {
                    throw new IllegalStateException("stored readings end before period " + (i + 1));
                }
                byte b = encoded[at++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
                shift += 7;
            }
            values[i] = value;
        }
        return at;
    }
}
