package org.mhhs.bench.loadgen;

import java.util.Arrays;

/** Percentiles of latencies in nanoseconds, reported in milliseconds. */
record Latencies(long count, double p50, double p99, double max) {

    static Latencies of(long[] nanos, int count) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        if (count == 0) {
            return new Latencies(0, 0, 0, 0);
        }
        return new Latencies(
                count,
                ms(sorted[(int) Math.min(count - 1, count * 0.50)]),
                ms(sorted[(int) Math.min(count - 1, count * 0.99)]),
                ms(sorted[count - 1]));
    }

    void into(Report report, String prefix) {
        report.figure(prefix + ".count", count);
        report.figure(prefix + ".p50_ms", p50);
        report.figure(prefix + ".p99_ms", p99);
        report.figure(prefix + ".max_ms", max);
    }

    @Override
    public String toString() {
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms", p50, p99, max);
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
