package org.mhhs.backbone.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.EventProcessorProperties.Mode;
import org.axonframework.springboot.EventProcessorProperties.ProcessorSettings;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a hub whose configuration would break an order the hub relies on. The delivery feed has one
 * writer, the {@code notification} processor, reading the event store in order (docs/adr/0007); a settlement run
 * freezes at the one token of the {@code settlement-allocation} processor (docs/adr/0006). Either must therefore be
 * a streaming processor (tracking or pooled) with one segment and one thread: a subscribing processor handles events
 * in each command's thread, whose commits come in no set order and which it never looks back on, and several
 * segments split the stream. The other processing groups are projections kept per aggregate and may subscribe.
 */
@Component
class OrderedProcessorsGuard {

    /** The processors that must see every event in one order, with why. */
    static final Map<String, String> ONE_ORDER = Map.of(
            "notification",
            "the delivery feed has one writer that reads the event store in order (docs/adr/0007)",
            "settlement-allocation",
            "a settlement run freezes at its one token (docs/adr/0006)");

    private static final String PREFIX = "axon.eventhandling.processors.";

    OrderedProcessorsGuard(EventProcessorProperties processors, Environment environment) {
        List<String> problems = problems(processors.getProcessors(), environment.getProperty("hub.processor-mode"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the hub refuses to start with event processors that break the order of"
                    + " events: " + String.join("; ", problems));
        }
    }

    /** What is wrong with each ordered processor's settings, in the order of their names. */
    static List<String> problems(Map<String, ProcessorSettings> configured, String hubMode) {
        List<String> problems = new ArrayList<>();
        ONE_ORDER.keySet().stream().sorted().forEach(processor -> {
            String why = ONE_ORDER.get(processor);
            ProcessorSettings settings = configured.get(processor);
            if (settings == null) {
                problems.add("%s%s is not configured: %s; configure it with mode tracking or pooled,"
                                .formatted(PREFIX, processor, why)
                        + " initial-segment-count 1 and thread-count 1");
                return;
            }
            Mode mode = settings.getMode();
            if (mode == Mode.SUBSCRIBING) {
                String origin = "subscribing".equalsIgnoreCase(hubMode) ? " (from hub.processor-mode=subscribing)" : "";
                problems.add("%s%s.mode=%s%s: %s; allowed values: tracking, pooled (hub.processor-mode=subscribing"
                                .formatted(PREFIX, processor, name(mode), origin, why)
                        + " stays allowed for the other processing groups when this one is set to tracking)");
            }
            int segments = settings.getInitialSegmentCount() != null
                    ? settings.getInitialSegmentCount()
                    : mode == Mode.POOLED ? 16 : settings.getThreadCount();
            if (mode != Mode.SUBSCRIBING && segments != 1) {
                problems.add("%s%s.initial-segment-count=%d%s: %s; allowed value: 1"
                        .formatted(
                                PREFIX,
                                processor,
                                segments,
                                settings.getInitialSegmentCount() == null ? " (Axon's default for this mode)" : "",
                                why));
            }
            if (settings.getThreadCount() != 1) {
                problems.add("%s%s.thread-count=%d: %s; allowed value: 1"
                        .formatted(PREFIX, processor, settings.getThreadCount(), why));
            }
        });
        return problems;
    }

    private static String name(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
