package org.mhhs.backbone.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.hub.ProjectionOperations;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ConsumptionDayId;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.Quality;
import org.mhhs.backbone.metering.api.ReadingsCodec;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast the settlement allocation projection is rebuilt (reset and replayed) from a store of real, serialized
 * consumption events, against a plain JDBC scan of the same rows in the same run. The events are appended straight
 * through Axon's storage engine in large batches (generating them through gRPC would take some 20 minutes per
 * million); each is a real ConsumptionRecorded of a valid MPAN-day, a tenth of them revisions. Every other processor
 * is stopped while it runs, so that the figure is the settlement projection's own. Not part of the default run:
 * ./mvnw -pl api-grpc/server -am test -Dtest=SettlementReplayBenchmark -DexcludedTestGroups= \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * Size: -Dbench.events=1000000
 */
@Tag("benchmark")
@HubIntegrationTest
class SettlementReplayBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final int DAYS = 90;
    private static final int APPEND_BATCH = 5_000;
    private static final String PROCESSOR = "settlement-allocation";
    private static final List<GspGroupId> GSP_GROUPS =
            List.of("_A", "_B", "_C", "_D", "_E", "_F", "_G", "_H", "_J", "_K", "_L", "_M", "_N", "_P").stream()
                    .map(GspGroupId::of)
                    .toList();

    @Autowired
    EventStorageEngine storage;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ConsumptionCipher cipher;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ProjectionOperations projections;

    @Test
    void rebuildingTheAllocationAgainstARawScan() {
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        long expectedTotal = appendConsumption();
        long stored = jdbc.queryForObject("SELECT count(*) FROM axon.domain_event_entry", Long.class);

        // the rebuild starts the stopped processor itself (starting it first races a tracking processor's launcher)
        long start = System.nanoTime();
        projections.rebuild(PROCESSOR);
        ProjectionOperations.RebuildProgress done = await().atMost(Duration.ofHours(1))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> projections.progress(PROCESSOR).orElseThrow(),
                        ProjectionOperations.RebuildProgress::finished);
        double seconds = (System.nanoTime() - start) / 1e9;

        long allocated = jdbc.queryForObject(
                "SELECT sum(e) FROM settlement.allocated_volume, unnest(energy_wh) AS e", Long.class);
        assertThat(allocated).isEqualTo(expectedTotal);
        double rawSeconds = rawScan();
        double rawDecodeSeconds = rawScanDecodingReadings();

        System.out.printf(
                "%nsettlement allocation rebuild: %,d consumption events (%,d rows in the store) in %.1f s: "
                        + "%,.0f events/s (progress reported %,.0f positions/s)%n",
                EVENTS, stored, seconds, EVENTS / seconds, done.eventsPerSecond());
        System.out.printf(
                "raw PostgreSQL, same rows: plain JDBC scan of payloads %.1f s = %,.0f rows/s; scan, parse and "
                        + "sum the readings in memory %.1f s = %,.0f rows/s%n",
                rawSeconds, stored / rawSeconds, rawDecodeSeconds, stored / rawDecodeSeconds);
        System.out.printf(
                "rebuild / raw scan = %.2f; rebuild / raw scan with decoding = %.2f%n",
                rawSeconds / seconds, rawDecodeSeconds / seconds);
        System.out.printf(
                "cells: %,d, MPAN-days: %,d%n",
                jdbc.queryForObject("SELECT sum(cardinality(energy_wh)) FROM settlement.allocated_volume", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM settlement.latest_consumption", Long.class));
        processing.eventProcessors().values().forEach(EventProcessor::start);
    }

    /** Appends the events; answers the watt-hours the latest versions add up to. */
    private long appendConsumption() {
        Random random = new Random(42);
        // readings of 46, 48 and 50 periods: the clock change days have their own count
        java.util.Map<Integer, List<List<SubmitConsumption.Reading>>> readings = new java.util.HashMap<>();
        for (int periods : List.of(46, 48, 50)) {
            List<List<SubmitConsumption.Reading>> variants = new ArrayList<>();
            for (int variant = 0; variant < 1_000; variant++) {
                List<SubmitConsumption.Reading> day = new ArrayList<>(periods);
                for (int period = 1; period <= periods; period++) {
                    day.add(new SubmitConsumption.Reading(
                            period, Energy.ofWattHours(random.nextInt(2_000)), Quality.ACTUAL));
                }
                variants.add(day);
            }
            readings.put(periods, variants);
        }
        int firstVersions = EVENTS - EVENTS / 10;
        int mpans = Math.max(1, firstVersions / DAYS);
        List<Mpan> meteringPoints = new ArrayList<>(mpans);
        for (int i = 0; i < mpans; i++) {
            String prefix = String.format("%02d%010d", 10 + i % 20, 1_000_000L + i);
            meteringPoints.add(Mpan.of(prefix + Mpan.checkDigitOf(prefix)));
        }
        LocalDate firstDay = LocalDate.of(2025, 1, 1);
        long[] latestTotal = new long[firstVersions];
        List<DomainEventMessage<?>> batch = new ArrayList<>(APPEND_BATCH);
        long appendStart = System.nanoTime();
        for (int n = 0; n < EVENTS; n++) {
            boolean revision = n >= firstVersions;
            int index = revision ? n - firstVersions : n;
            Mpan mpan = meteringPoints.get(index % mpans);
            LocalDate day = firstDay.plusDays(index / mpans);
            int periods = SettlementDate.of(day).periodCount();
            List<SubmitConsumption.Reading> dayReadings = readings.get(periods).get(random.nextInt(1_000));
            // sealed with the MPAN's data key, as the hub records them (the key is made on the MPAN's first seal)
            ConsumptionCipher.Sealed sealed = cipher.seal(mpan, day, dayReadings);
            ParticipantId supplier = ParticipantId.of(String.format("S%03d", (index % mpans) % 60));
            GspGroupId gsp = GSP_GROUPS.get((index % mpans) % GSP_GROUPS.size());
            String id = ConsumptionDayId.of(mpan, day);
            int version = revision ? 2 : 1;
            ConsumptionRecorded event = new ConsumptionRecorded(
                    mpan,
                    day,
                    version,
                    ParticipantId.of("DS01"),
                    supplier,
                    gsp,
                    periods,
                    sealed.keyVersion(),
                    sealed.sealedReadings());
            latestTotal[index] = ReadingsCodec.totalWattHours(dayReadings);
            batch.add(new GenericDomainEventMessage<>(
                    "ConsumptionDay", id, version - 1, event, MetaData.emptyInstance()));
            if (batch.size() == APPEND_BATCH || n == EVENTS - 1) {
                List<DomainEventMessage<?>> toAppend = List.copyOf(batch);
                transaction.executeWithoutResult(status -> storage.appendEvents(toAppend));
                batch.clear();
            }
        }
        double appendSeconds = (System.nanoTime() - appendStart) / 1e9;
        System.out.printf(
                "%nappended %,d consumption events in %.1f s (%,.0f/s)%n",
                EVENTS, appendSeconds, EVENTS / appendSeconds);
        long total = 0;
        for (long dayTotal : latestTotal) {
            total += dayTotal;
        }
        return total;
    }

    private double rawScan() {
        long start = System.nanoTime();
        long[] bytes = {0};
        transaction.executeWithoutResult(status -> {
            jdbc.setFetchSize(1_000);
            jdbc.query("SELECT global_index, payload FROM axon.domain_event_entry ORDER BY global_index", rs -> {
                bytes[0] += rs.getBytes(2).length;
            });
        });
        assertThat(bytes[0]).isPositive();
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The raw scan plus the least a projection must do: find the sealed readings in the JSON, open them with the
     * MPAN's data key and sum them.
     */
    private double rawScanDecodingReadings() {
        long start = System.nanoTime();
        long[] total = {0};
        transaction.executeWithoutResult(status -> {
            jdbc.setFetchSize(1_000);
            jdbc.query(
                    "SELECT payload FROM axon.domain_event_entry WHERE payload_type = ? ORDER BY global_index",
                    rs -> {
                        String json = new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8);
                        long[] wattHours = cipher.wattHours(
                                        Mpan.of(field(json, "mpan")),
                                        LocalDate.parse(field(json, "settlementDate")),
                                        Integer.parseInt(field(json, "keyVersion")),
                                        Integer.parseInt(field(json, "periodCount")),
                                        field(json, "sealedReadings"))
                                .orElseThrow();
                        for (long value : wattHours) {
                            total[0] += value;
                        }
                    },
                    ConsumptionRecorded.class.getName());
        });
        assertThat(total[0]).isPositive();
        return (System.nanoTime() - start) / 1e9;
    }

    /** A top-level field of the stored JSON, string or number, as text. */
    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":") + name.length() + 3;
        if (json.charAt(at) == '"') {
            return json.substring(at + 1, json.indexOf('"', at + 1));
        }
        int end = at;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return json.substring(at, end);
    }
}
