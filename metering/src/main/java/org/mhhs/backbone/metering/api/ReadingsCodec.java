package org.mhhs.backbone.metering.api;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import org.mhhs.backbone.kernel.Energy;

/**
 * The compact stored form of a day's readings: watt-hours as unsigned LEB128 varints (values are never negative),
 * estimated periods as a bit set, both base64 text inside the event's JSON. A typical day of 48 readings takes about
 * 100 characters instead of some 2,000 as JSON objects.
 */
public final class ReadingsCodec {

    private ReadingsCodec() {
    }

    /** Readings must be ordered by period 1..n, each non-negative. */
    public static String encodeWattHours(List<SubmitConsumption.Reading> readings) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(readings.size() * 3);
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
        return Base64.getEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    public static String encodeEstimated(List<SubmitConsumption.Reading> readings) {
        BitSet estimated = new BitSet(readings.size());
        for (int i = 0; i < readings.size(); i++) {
            estimated.set(i, readings.get(i).quality() == Quality.ESTIMATED);
        }
        return Base64.getEncoder().withoutPadding().encodeToString(estimated.toByteArray());
    }

    public static List<SubmitConsumption.Reading> decode(int periodCount, String wattHours, String estimated) {
        long[] values = decodeWattHours(periodCount, wattHours);
        BitSet flags = BitSet.valueOf(Base64.getDecoder().decode(estimated));
        List<SubmitConsumption.Reading> readings = new ArrayList<>(periodCount);
        for (int i = 0; i < periodCount; i++) {
            readings.add(new SubmitConsumption.Reading(i + 1, Energy.ofWattHours(values[i]),
                    flags.get(i) ? Quality.ESTIMATED : Quality.ACTUAL));
        }
        return readings;
    }

    /** The watt-hours of each period, without the quality flags: what volume allocation needs, fast. */
    public static long[] wattHoursOf(int periodCount, String wattHours) {
        return decodeWattHours(periodCount, wattHours);
    }

    public static long totalWattHours(String wattHours) {
        long total = 0;
        for (long value : decodeWattHours(-1, wattHours)) {
            total = Math.addExact(total, value);
        }
        return total;
    }

    private static long[] decodeWattHours(int expected, String encoded) {
        byte[] bytes = Base64.getDecoder().decode(encoded);
        List<Long> values = new ArrayList<>();
        long value = 0;
        int shift = 0;
        for (byte b : bytes) {
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                values.add(value);
                value = 0;
                shift = 0;
            } else {
                shift += 7;
            }
        }
        if (shift != 0) {
            throw new IllegalStateException("stored readings end in the middle of a value");
        }
        if (expected >= 0 && values.size() != expected) {
            throw new IllegalStateException("stored readings hold " + values.size() + " values, not " + expected);
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
