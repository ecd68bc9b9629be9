package org.mhhs.backbone.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AnswerServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.CommandHeader;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.PeriodReading;
import org.mhhs.backbone.grpc.v1.Quality;
import org.mhhs.backbone.grpc.v1.SubmissionResult;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;
import org.mhhs.backbone.testing.ChannelMarket;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Sustained consumption ingest through the streamed gRPC submission (the data service's normal path), against the
 * raw PostgreSQL capacity for rows of the same shape measured in the same run, and the bytes each stored
 * consumption event costs. Prints figures; checks outcomes, never speed. Not part of the default run:
 * ./mvnw -pl api-grpc/server -am test -Dtest=IngestBenchmark -DexcludedTestGroups= -Dsurefire.failIfNoSpecifiedTests=false
 * Sizes: -Dbench.mpans=1000 -Dbench.days=100 -Dbench.streams=8
 */
@Tag("benchmark")
@HubIntegrationTest
@TestPropertySource(properties = "spring.grpc.server.health.actuator.update-rate=5s")
class IngestBenchmark {

    private static final int MPANS = Integer.getInteger("bench.mpans", 1000);
    private static final int DAYS = Integer.getInteger("bench.days", 100);
    private static final int STREAMS = Integer.getInteger("bench.streams", 8);
    /** Items a stream may have sent but not seen answered: the client's share of flow control. */
    private static final int IN_FLIGHT_PER_STREAM = 32;

    @Autowired
    HubClient hub;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void streamedSubmissionsAgainstRawPostgres() throws Exception {
        ChannelMarket market = new ChannelMarket(hub.channel(), hub.operatorToken());
        String suffix = Integer.toString((int) (System.nanoTime() % 1000), 36).toUpperCase();
        String dno = ("N" + suffix + "XX").substring(0, 4);
        market.participant(dno, MarketRole.MARKET_ROLE_DNO);
        String registration = market.participant(("R" + suffix + "XX").substring(0, 4),
                MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        String supplier = market.participant(("S" + suffix + "XX").substring(0, 4), MarketRole.MARKET_ROLE_SUPPLIER);
        String dataServiceId = ("A" + suffix + "XX").substring(0, 4);
        String dataService = market.participant(dataServiceId, MarketRole.MARKET_ROLE_DATA_SERVICE);
        new Market(hub).gspGroup("_E");
        List<String> mpans = new ArrayList<>();
        long setupStart = System.nanoTime();
        // Command side only (each step needs only the aggregate's own state), one wait for the read model at the end.
        for (int i = 0; i < MPANS; i++) {
            String mpan = Market.newMpan();
            market.meteringPoint(mpan, "_E", registration);
            market.supplier(mpan, supplier);
            String appointment = market.registration(supplier).requestServiceAppointment(
                    RequestServiceAppointmentRequest.newBuilder().setHeader(newCommand()).setMpan(mpan)
                            .setRole(ServiceRole.SERVICE_ROLE_DATA_SERVICE).setServiceId(dataServiceId)
                            .setEffectiveFrom("2026-01-01").build()).getAppointmentId();
            market.registration(dataService).acceptServiceAppointment(AnswerServiceAppointmentRequest.newBuilder()
                    .setHeader(newCommand()).setMpan(mpan).setAppointmentId(appointment).build());
            mpans.add(mpan);
        }
        await().atMost(Duration.ofMinutes(10)).until(() -> count("SELECT count(*) FROM registration.responsibility"
                + " WHERE participant_id = '" + dataServiceId + "'") == MPANS);
        System.out.printf("%nset-up: %,d metering points registered with supplier and data service in %.1f s%n",
                MPANS, (System.nanoTime() - setupStart) / 1e9);

        long eventsBefore = count("SELECT count(*) FROM axon.domain_event_entry");
        long bytesBefore = count("SELECT pg_total_relation_size('axon.domain_event_entry')");
        int total = MPANS * DAYS;
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
        LocalDate firstDay = LocalDate.of(2026, 1, 2);
        long start = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(STREAMS);
        List<Future<?>> streams = new ArrayList<>();
        for (int s = 0; s < STREAMS; s++) {
            streams.add(senders.submit(() -> {
                Semaphore window = new Semaphore(IN_FLIGHT_PER_STREAM);
                long[] sentAt = new long[total];
                CompletableFuture<Void> done = new CompletableFuture<>();
                StreamObserver<SubmitConsumptionRequest> requests = market.meteringStub(dataService)
                        .submitConsumptionStream(new StreamObserver<>() {
                            @Override
                            public void onNext(SubmissionResult result) {
                                int item = Integer.parseInt(result.getCommandId().substring(result.getCommandId()
                                        .lastIndexOf('-') + 1));
                                latencies[item] = System.nanoTime() - sentAt[item];
                                if (result.hasAccepted()) {
                                    accepted.incrementAndGet();
                                } else {
                                    refusals.add(result.getRejected().getMessage());
                                }
                                window.release();
                            }

                            @Override
                            public void onError(Throwable t) {
                                done.completeExceptionally(t);
                            }

                            @Override
                            public void onCompleted() {
                                done.complete(null);
                            }
                        });
                for (int item = next.getAndIncrement(); item < total; item = next.getAndIncrement()) {
                    window.acquireUninterruptibly();
                    sentAt[item] = System.nanoTime();
                    requests.onNext(submission(mpans.get(item % MPANS), firstDay.plusDays(item / MPANS), item));
                }
                requests.onCompleted();
                done.get(30, TimeUnit.MINUTES);
                return null;
            }));
        }
        for (Future<?> stream : streams) {
            stream.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        senders.shutdown();
        assertThat(refusals).as("refusals").isEmpty();
        assertThat(accepted.get()).isEqualTo(total);

        long events = count("SELECT count(*) FROM axon.domain_event_entry") - eventsBefore;
        long bytes = count("SELECT pg_total_relation_size('axon.domain_event_entry')") - bytesBefore;
        double hubRate = total / seconds;
        Arrays.sort(latencies);
        System.out.printf("hub ingest: %,d submissions (48 readings each) on %d streams in %.1f s = %,.0f/s; "
                        + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", total, STREAMS, seconds, hubRate,
                latencies[total / 2] / 1e6, latencies[(int) (total * 0.99)] / 1e6, latencies[total - 1] / 1e6);
        System.out.printf("storage: %,d consumption events, %,d bytes of axon.domain_event_entry (table, indexes, "
                        + "TOAST) = %.0f bytes per event; payload avg %.0f bytes, metadata avg %.0f bytes%n", events,
                bytes, (double) bytes / events,
                avg("octet_length(payload)"), avg("octet_length(meta_data)"));

        double rawRate = rawInserts(total, false);
        double batchedRate = rawInserts(total, true);
        System.out.printf("raw PostgreSQL, same rows, %d threads: %,.0f/s one row per transaction, %,.0f/s in batches "
                + "of 100%n", STREAMS, rawRate, batchedRate);
        System.out.printf("hub / raw single-row transactions = %.2f; hub / raw batched = %.2f%n", hubRate / rawRate,
                hubRate / batchedRate);
    }

    /** Rows copied from the consumption events just stored, into a table shaped like Axon's, with its indexes. */
    private double rawInserts(int count, boolean batched) throws Exception {
        jdbc.execute("DROP TABLE IF EXISTS public.raw_event_copy");
        jdbc.execute("CREATE TABLE public.raw_event_copy (LIKE axon.domain_event_entry INCLUDING ALL)");
        jdbc.execute("ALTER TABLE public.raw_event_copy ALTER COLUMN global_index DROP DEFAULT");
        jdbc.execute("CREATE SEQUENCE IF NOT EXISTS public.raw_event_copy_seq");
        var sample = jdbc.queryForMap("SELECT payload, meta_data, payload_type, time_stamp FROM axon.domain_event_entry"
                + " WHERE payload_type LIKE '%ConsumptionRecorded' LIMIT 1");
        String sql = "INSERT INTO public.raw_event_copy (global_index, aggregate_identifier, sequence_number, type, "
                + "event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) VALUES "
                + "(nextval('public.raw_event_copy_seq'), ?, 0, 'ConsumptionDay', gen_random_uuid()::text, ?, ?, NULL, ?, ?)";
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(STREAMS);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < STREAMS; t++) {
            workers.add(threads.submit(() -> {
                int batch = batched ? 100 : 1;
                for (int from = next.getAndAdd(batch); from < count; from = next.getAndAdd(batch)) {
                    List<Object[]> rows = new ArrayList<>();
                    for (int i = from; i < Math.min(count, from + batch); i++) {
                        rows.add(new Object[] {"raw-" + batched + "-" + i, sample.get("meta_data"), sample.get("payload"),
                                sample.get("payload_type"), sample.get("time_stamp")});
                    }
                    jdbc.batchUpdate(sql, rows);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        threads.shutdown();
        jdbc.execute("DROP TABLE public.raw_event_copy");
        return count / seconds;
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private double avg(String expression) {
        return jdbc.queryForObject("SELECT avg(" + expression + ") FROM axon.domain_event_entry"
                + " WHERE payload_type LIKE '%ConsumptionRecorded'", Double.class);
    }

    private static SubmitConsumptionRequest submission(String mpan, LocalDate day, int item) {
        SubmitConsumptionRequest.Builder request = SubmitConsumptionRequest.newBuilder()
                .setHeader(CommandHeader.newBuilder().setCommandId(newCommand().getCommandId() + "-" + item))
                .setMpan(mpan).setSettlementDate(day.toString());
        int periods = org.mhhs.backbone.kernel.SettlementDate.of(day).periodCount();
        for (int period = 1; period <= periods; period++) {
            // a household's daily shape: low at night, a morning and an evening peak
            int wh = 80 + (int) (420 * Math.max(0, Math.sin((period - 12) * Math.PI / 36))) + (item + period) % 37;
            request.addReadings(PeriodReading.newBuilder().setPeriod(period)
                    .setKwh(org.mhhs.backbone.kernel.Energy.ofWattHours(wh).toString())
                    .setQuality(period % 17 == 0 ? Quality.QUALITY_ESTIMATED : Quality.QUALITY_ACTUAL));
        }
        return request.build();
    }
}
