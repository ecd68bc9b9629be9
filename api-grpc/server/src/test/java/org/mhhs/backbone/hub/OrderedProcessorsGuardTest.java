package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.axonframework.springboot.EventProcessorProperties.Mode;
import org.axonframework.springboot.EventProcessorProperties.ProcessorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.testing.RunningHub;

/** A configuration that would break the order of the feed or of the allocation's token stops the hub at start. */
class OrderedProcessorsGuardTest {

    @Test
    void aHubInSubscribingModeDoesNotStartAndIsToldWhichPropertyToSet(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres postgres =
                EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
            String database = "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres");

            assertThatThrownBy(
                            () -> RunningHub.start(dir.resolve("node"), database, "--hub.processor-mode=subscribing"))
                    .hasStackTraceContaining("axon.eventhandling.processors.notification.mode=subscribing"
                            + " (from hub.processor-mode=subscribing)")
                    .hasStackTraceContaining("axon.eventhandling.processors.settlement-allocation.mode=subscribing")
                    .hasStackTraceContaining("allowed values: tracking, pooled");
        }
    }

    @Test
    void theHubsOwnSettingsAndSubscribingProjectionsBesideAnInOrderFeedAndAllocationPass() {
        assertThat(OrderedProcessorsGuard.problems(
                        Map.of(
                                "notification", settings(Mode.TRACKING, 1, 1),
                                "settlement-allocation", settings(Mode.POOLED, 1, 1),
                                "metering", settings(Mode.SUBSCRIBING, null, 2)),
                        "subscribing"))
                .isEmpty();
    }

    @Test
    void theFeedsWriterMayNotSubscribe() {
        assertThat(OrderedProcessorsGuard.problems(
                        Map.of(
                                "notification", settings(Mode.SUBSCRIBING, 1, 1),
                                "settlement-allocation", settings(Mode.TRACKING, 1, 1)),
                        "tracking"))
                .singleElement()
                .asString()
                .startsWith("axon.eventhandling.processors.notification.mode=subscribing: the delivery feed has one"
                        + " writer")
                .contains("allowed values: tracking, pooled");
    }

    @Test
    void moreThanOneSegmentOrThreadIsRefusedAndAPooledProcessorWithoutACountHasSixteen() {
        assertThat(OrderedProcessorsGuard.problems(
                        Map.of(
                                "notification", settings(Mode.TRACKING, 2, 2),
                                "settlement-allocation", settings(Mode.POOLED, null, 1)),
                        "tracking"))
                .containsExactly(
                        "axon.eventhandling.processors.notification.initial-segment-count=2: the delivery feed has one"
                                + " writer that reads the event store in order (docs/adr/0007); allowed value: 1",
                        "axon.eventhandling.processors.notification.thread-count=2: the delivery feed has one writer"
                                + " that reads the event store in order (docs/adr/0007); allowed value: 1",
                        "axon.eventhandling.processors.settlement-allocation.initial-segment-count=16 (Axon's default"
                                + " for this mode): a settlement run freezes at its one token (docs/adr/0006);"
                                + " allowed value: 1");
    }

    @Test
    void anOrderedProcessorLeftToAxonsDefaultsIsRefused() {
        assertThat(OrderedProcessorsGuard.problems(Map.of("notification", settings(Mode.TRACKING, 1, 1)), "tracking"))
                .singleElement()
                .asString()
                .startsWith("axon.eventhandling.processors.settlement-allocation is not configured");
    }

    private static ProcessorSettings settings(Mode mode, Integer segments, int threads) {
        ProcessorSettings settings = new ProcessorSettings();
        settings.setMode(mode);
        settings.setInitialSegmentCount(segments);
        settings.setThreadCount(threads);
        return settings;
    }
}
