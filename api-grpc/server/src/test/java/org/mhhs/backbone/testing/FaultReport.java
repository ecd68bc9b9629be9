package org.mhhs.backbone.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one fault of the suite did to the load: the acknowledged submissions per second before it and from the fault
 * on, the time from the fault to the first acknowledgement of a submission sent after it, the longest time without
 * any acknowledgement from the fault on, the refusals the load saw,
 * and what must be nothing: acknowledged facts missing from the store or from an entitled subscriber's stream, and
 * deliveries beyond at-least-once.
 */
public record FaultReport(
        String fault,
        double baselinePerSecond,
        double duringFaultPerSecond,
        double faultSeconds,
        double secondsToFirstNewAcknowledgement,
        double longestPauseSeconds,
        long acknowledged,
        Map<String, Long> refusals,
        List<String> lostFromTheStore,
        Map<String, List<String>> lostFromStreams,
        Map<String, List<String>> duplicatesBeyondAtLeastOnce,
        Map<String, Long> redeliveries,
        Map<String, Integer> sessions) {

    public boolean survived() {
        return lostFromTheStore.isEmpty()
                && lostFromStreams.values().stream().allMatch(List::isEmpty)
                && duplicatesBeyondAtLeastOnce.values().stream().allMatch(List::isEmpty);
    }

    public long lost() {
        return lostFromTheStore.size()
                + lostFromStreams.values().stream().mapToLong(List::size).sum();
    }

    /** One line for the test output and the README. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "fault %s: %s; load %.0f/s before, %.0f/s from the fault on (injection %.1f s), first new"
                        + " acknowledgement %.1f s after the fault, longest pause %.1f s; %d acknowledged, %d lost;"
                        + " redeliveries %s; stream sessions %s; refusals %s",
                fault,
                survived() ? "survived" : "NOT SURVIVED",
                baselinePerSecond,
                duringFaultPerSecond,
                faultSeconds,
                secondsToFirstNewAcknowledgement,
                longestPauseSeconds,
                acknowledged,
                lost(),
                redeliveries,
                sessions,
                refusals);
    }

    /** The report as one JSON object (bench-results). */
    public String json() {
        return String.format(
                Locale.ROOT,
                "{\"fault\":\"%s\",\"survived\":%s,\"baselinePerSecond\":%.1f,\"duringFaultPerSecond\":%.1f,"
                        + "\"faultSeconds\":%.2f,\"secondsToFirstNewAcknowledgement\":%.2f,"
                        + "\"longestPauseSeconds\":%.2f,\"acknowledged\":%d,"
                        + "\"lost\":%d,\"duplicatesBeyondAtLeastOnce\":%d}",
                fault,
                survived(),
                baselinePerSecond,
                duringFaultPerSecond,
                faultSeconds,
                secondsToFirstNewAcknowledgement,
                longestPauseSeconds,
                acknowledged,
                lost(),
                duplicatesBeyondAtLeastOnce.values().stream()
                        .mapToLong(List::size)
                        .sum());
    }
}
