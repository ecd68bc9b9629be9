package org.mhhs.bench.loadgen;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.GetParticipantRequest;
import org.mhhs.backbone.grpc.v1.GetRebuildProgressRequest;
import org.mhhs.backbone.grpc.v1.GrantRoleRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.ListProjectionsRequest;
import org.mhhs.backbone.grpc.v1.Projection;
import org.mhhs.backbone.grpc.v1.ProjectionServiceGrpc;
import org.mhhs.backbone.grpc.v1.RebuildProgress;
import org.mhhs.backbone.grpc.v1.RebuildProjectionRequest;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.bench.market.ConsumptionSubmission;
import org.mhhs.bench.market.MarketSize;
import org.mhhs.bench.market.SyntheticMarket;
import org.mhhs.bench.market.SyntheticMeteringPoint;
import org.mhhs.bench.market.SyntheticParticipant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmarks, run from a JVM of their own against a hub in another process:
 * {@code java -jar loadgen.jar <ingest|catchup|replay|fanout|memory|flood> [options]} (bench/run starts the hub and
 * passes the options). Prints a human summary as it goes and writes the figures as JSON ({@code --out}).
 */
public final class LoadGen {

    /** The hub accepts consumption up to its final dispute window (28 months by default). */
    private static final int MAX_DAYS = 800;

    /** The command line this load generator was started with, for the flood's attacker process. */
    private static String[] arguments = new String[0];

    private final Options options;
    private final Report report;
    private final HubConnection hub;

    private LoadGen(Options options) {
        this.options = options;
        this.report = new Report(options);
        this.hub = new HubConnection(options);
    }

    public static void main(String[] args) throws Exception {
        arguments = args.clone();
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LoadGen run = new LoadGen(options);
        try {
            switch (options.scenario()) {
                case "ingest" -> run.ingest();
                case "catchup" -> run.catchUp();
                case "replay" -> run.replay();
                case "fanout" -> run.fanOut(true);
                case "memory" -> run.fanOut(false);
                case "flood" -> run.flood();
                case FloodAttacker.SCENARIO -> {
                    FloodAttacker.attack(run.hub, options, FLOODER);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException(options.scenario());
            }
            run.report.write(options.out());
        } finally {
            run.hub.close();
        }
        System.exit(0);
    }

    /** Ingest through the bulk stream, then the raw PostgreSQL reference of the same rows, then storage. */
    private void ingest() throws Exception {
        SyntheticMarket market = marketFor(options.count(), options.participantsPerRole());
        new MarketLoader(hub, market).load(report);
        RawPostgres postgres = new RawPostgres(options.jdbcUrl());
        Map<String, Long> before = postgres.tableSizes();
        long eventsBefore = consumptionEvents(postgres);

        ConsumptionSender.Result result = sendAll(market, options.count(), 0, null);
        int streams = market.size().participantsPerRole();
        report.say(
                "ingest: %,d submissions (%,d readings) on %d streams (%d in flight each) in %.1f s = %,.0f/s; "
                        + "latency %s",
                result.sent(),
                result.sent() * 48L,
                streams,
                options.inFlight(),
                result.seconds(),
                result.perSecond(),
                result.latencies());
        report.figure("ingest.submissions", result.sent());
        report.figure("ingest.accepted", result.accepted());
        report.figure("ingest.rejected", result.rejected());
        report.figure("ingest.streams", streams);
        report.figure("ingest.in_flight_per_stream", options.inFlight());
        report.figure("ingest.seconds", result.seconds());
        report.figure("ingest.submissions_per_second", result.perSecond());
        result.latencies().into(report, "ingest.latency");
        ConsumptionSender.top(result.rejections()).forEach(line -> report.say("  refused: %s", line));

        double drained = awaitProjections();
        report.say("projections caught up %.1f s after the last acknowledgement", drained);
        report.figure("ingest.projections_caught_up_after_seconds", drained);

        long events = consumptionEvents(postgres) - eventsBefore;
        storage(before, postgres.tableSizes(), events);

        double single = postgres.insertRate(result.sent(), streams, 1);
        double batched = postgres.insertRate(result.sent(), streams, 100);
        report.say(
                "raw PostgreSQL, %,d rows of the same shape and indexes as axon.domain_event_entry, %d connections: "
                        + "%,.0f/s one row per transaction, %,.0f/s 100 rows per transaction",
                result.sent(), streams, single, batched);
        report.say(
                "hub / raw: %.3f (single-row transactions), %.3f (batched)",
                result.perSecond() / single, result.perSecond() / batched);
        report.figure("reference.single_row_per_second", single);
        report.figure("reference.batched_per_second", batched);
        report.figure("reference.hub_to_single_row", result.perSecond() / single);
        report.figure("reference.hub_to_batched", result.perSecond() / batched);
    }

    private void storage(Map<String, Long> before, Map<String, Long> after, long events) {
        report.say("storage: %,d consumption events stored; bytes per event (table + indexes + TOAST):", events);
        long total = 0;
        for (Map.Entry<String, Long> table : after.entrySet()) {
            long grown = table.getValue() - before.getOrDefault(table.getKey(), 0L);
            if (grown > 0 && events > 0) {
                total += grown;
                report.say("  %-40s %,8.0f", table.getKey(), (double) grown / events);
                report.figure("storage.bytes_per_event." + table.getKey(), (double) grown / events);
            }
        }
        report.say("  %-40s %,8.0f", "all tables", events == 0 ? 0.0 : (double) total / events);
        report.figure("storage.consumption_events", events);
        report.figure("storage.bytes_per_event.total", events == 0 ? 0.0 : (double) total / events);
    }

    /** One subscriber (central settlement: every consumption event is its) reading its backlog from the start. */
    private void catchUp() throws Exception {
        SyntheticMarket market = marketFor(options.count(), options.participantsPerRole());
        new MarketLoader(hub, market).load(report);
        ConsumptionSender.Result result = sendAll(market, options.count(), 0, null);
        report.say("backlog: %,d submissions ingested at %,.0f/s", result.sent(), result.perSecond());
        double drained = awaitProjections();
        report.say("projections (the feed included) caught up %.1f s after the last acknowledgement", drained);
        String reader =
                market.participants(MarketRole.CENTRAL_SETTLEMENT).getFirst().id();
        long start = System.nanoTime();
        Subscriber subscriber = new Subscriber(hub, reader, 0, "catch-up", StartFrom.START_FROM_BEGINNING, null);
        long head = subscriber.opened().getHeadPosition();
        MarketLoader.await("the backlog", () -> subscriber.lastPosition() >= head || subscriber.failed());
        double seconds = (System.nanoTime() - start) / 1e9;
        subscriber.close();
        report.say(
                "catch-up: %s read %,d events (backlog to position %,d) in %.1f s = %,.0f events/s",
                reader, subscriber.received(), head, seconds, subscriber.received() / seconds);
        report.figure("catchup.events", subscriber.received());
        report.figure("catchup.seconds", seconds);
        report.figure("catchup.events_per_second", subscriber.received() / seconds);
        if (options.jdbcUrl() != null) {
            RawPostgres postgres = new RawPostgres(options.jdbcUrl());
            double scan = postgres.scanRate("SELECT envelope FROM notification.feed ORDER BY position");
            report.say(
                    "raw PostgreSQL: a JDBC scan of the feed's envelopes in position order at %,.0f rows/s "
                            + "(catch-up / raw = %.3f)",
                    scan, subscriber.received() / seconds / scan);
            report.figure("catchup.raw_feed_scan_rows_per_second", scan);
        }
    }

    /** A rebuild of the settlement allocation over the consumption events in the store. */
    private void replay() throws Exception {
        SyntheticMarket market = marketFor(options.count(), options.participantsPerRole());
        new MarketLoader(hub, market).load(report);
        ConsumptionSender.Result result = sendAll(market, options.count(), 0, null);
        report.say("ingested through the hub: %,d submissions at %,.0f/s", result.sent(), result.perSecond());
        RawPostgres postgres = new RawPostgres(options.jdbcUrl());
        if (options.replayEvents() > result.accepted()) {
            long start = System.nanoTime();
            long copies = postgres.amplifyConsumption(options.replayEvents());
            report.say(
                    "appended %,d copies of those consumption events by SQL (new aggregate ids, same payloads) in "
                            + "%.1f s",
                    copies, (System.nanoTime() - start) / 1e9);
            report.figure("replay.copied_events", copies);
        }
        double drained = awaitProjections();
        report.say("projections caught up %.1f s after the last append", drained);
        var projections = hub.asOperator(ProjectionServiceGrpc::newBlockingStub);
        RebuildProgress progress = projections.rebuildProjection(RebuildProjectionRequest.newBuilder()
                .setName("settlement-allocation")
                .build());
        long start = System.nanoTime();
        while (!progress.getFinished()) {
            Thread.sleep(1_000);
            progress = projections.getRebuildProgress(GetRebuildProgressRequest.newBuilder()
                    .setName("settlement-allocation")
                    .build());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long consumption = consumptionEvents(postgres);
        report.say(
                "replay: settlement-allocation rebuilt over %,d positions (%,d consumption events) in %.1f s = "
                        + "%,.0f events/s (the hub's own figure: %,.0f/s over %.1f s)",
                progress.getEventsTotal(),
                consumption,
                seconds,
                progress.getEventsTotal() / seconds,
                progress.getEventsPerSecond(),
                progress.getElapsedSeconds());
        report.figure("replay.events", progress.getEventsTotal());
        report.figure("replay.consumption_events", consumption);
        report.figure("replay.seconds", seconds);
        report.figure("replay.events_per_second", progress.getEventsTotal() / seconds);
        report.figure("replay.hub_events_per_second", progress.getEventsPerSecond());
        double scan = postgres.scanRate("SELECT payload FROM axon.domain_event_entry ORDER BY global_index");
        report.say(
                "raw PostgreSQL: a JDBC scan of every event payload in store order at %,.0f rows/s (replay / raw = "
                        + "%.3f)",
                scan, progress.getEventsTotal() / seconds / scan);
        report.figure("replay.raw_payload_scan_rows_per_second", scan);
    }

    /**
     * Every participant of a 400-participant market subscribed (96 each of suppliers, data, metering and registration
     * services, the 14 DNOs, central settlement, an auditor): heap and resident size while idle, then, with
     * {@code live}, the latency from a submission's acknowledgement to its receipt at each subscribed addressee
     * under a steady ingest rate.
     */
    private void fanOut(boolean live) throws Exception {
        int perRole = Math.max(1, (options.subscribers() - 16) / 4);
        int submissions = live ? options.rate() * options.seconds() : 0;
        SyntheticMarket market = marketFor(Math.max(submissions, options.meters()), perRole);
        new MarketLoader(hub, market).load(report);
        awaitProjections();
        Memory idleBefore = memory();
        report.say(
                "hub before subscribers: heap used %.0f MB, resident %.0f MB", idleBefore.heapMb(), idleBefore.rssMb());

        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Object[]> receipts = new ConcurrentLinkedQueue<>();
        List<Subscriber> subscribers = new ArrayList<>();
        List<SyntheticParticipant> participants = market.participants();
        for (int i = 0; i < Math.min(options.subscribers(), participants.size()); i++) {
            subscribers.add(new Subscriber(
                    hub,
                    participants.get(i).id(),
                    i,
                    "fan-out",
                    StartFrom.START_FROM_LATEST,
                    (subscriber, event, now) -> {
                        if (event.hasConsumptionRecorded() && !event.getReplayed()) {
                            var consumption = event.getConsumptionRecorded();
                            receipts.add(new Object[] {
                                consumption.getMpan() + "/" + consumption.getSettlementDate() + "/"
                                        + consumption.getVersion(),
                                now
                            });
                        }
                    }));
        }
        subscribers.forEach(Subscriber::opened);
        Thread.sleep(5_000);
        Memory idle = memory();
        report.say(
                "memory: %d idle subscribers connected: heap used %.0f MB, resident %.0f MB (%+.0f MB / %+.0f MB "
                        + "for the subscribers)",
                subscribers.size(),
                idle.heapMb(),
                idle.rssMb(),
                idle.heapMb() - idleBefore.heapMb(),
                idle.rssMb() - idleBefore.rssMb());
        report.figure("memory.subscribers", subscribers.size());
        report.figure("memory.heap_used_mb", idle.heapMb());
        report.figure("memory.resident_mb", idle.rssMb());
        report.figure("memory.heap_used_mb_before_subscribers", idleBefore.heapMb());
        report.figure("memory.resident_mb_before_subscribers", idleBefore.rssMb());
        if (live) {
            Map<String, SyntheticMeteringPoint> points = new HashMap<>();
            market.meteringPoints().forEach(point -> points.put(point.mpan(), point));
            Map<String, String> dnoOfGroup = new HashMap<>();
            market.gspGroups().forEach(group -> dnoOfGroup.put(group.id(), group.dnoId()));
            Set<String> subscribed = new HashSet<>();
            subscribers.forEach(subscriber -> subscribed.add(subscriber.participantId()));
            int everything = (int) participants.stream()
                    .filter(p -> subscribed.contains(p.id())
                            && (p.role() == MarketRole.CENTRAL_SETTLEMENT || p.role() == MarketRole.AUDITOR))
                    .count();
            AtomicLong expectedDeliveries = new AtomicLong();
            ConsumptionSender.Result result = sendAll(market, submissions, options.rate(), (submission, now) -> {
                acknowledged.put(submission.mpan() + "/" + submission.day() + "/" + submission.version(), now);
                expectedDeliveries.addAndGet(addressees(points, dnoOfGroup, subscribed, everything, submission));
            });
            long expected = expectedDeliveries.get();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (receipts.size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long[] latencies = new long[receipts.size()];
            int n = 0;
            int early = 0;
            for (Object[] receipt : receipts) {
                Long ack = acknowledged.get((String) receipt[0]);
                if (ack != null) {
                    long latency = (Long) receipt[1] - ack;
                    early += latency < 0 ? 1 : 0;
                    latencies[n++] = Math.max(0, latency);
                }
            }
            Latencies fanOut = Latencies.of(latencies, n);
            report.say(
                    "fan-out: %,d submissions at %d/s (%.0f/s achieved) to %d subscribers: %,d deliveries of %,d "
                            + "expected; latency from acknowledgement to receipt %s (%,d arrived before the "
                            + "acknowledgement, counted as 0)",
                    result.sent(), options.rate(), result.perSecond(), subscribers.size(), n, expected, fanOut, early);
            report.say("fan-out ingest acknowledgement latency %s", result.latencies());
            report.figure("fanout.submissions", result.sent());
            report.figure("fanout.rate_per_second", options.rate());
            report.figure("fanout.deliveries_expected", expected);
            fanOut.into(report, "fanout.latency");
            report.figure("fanout.delivered_before_acknowledgement", early);
            result.latencies().into(report, "fanout.ack_latency");
        }
        subscribers.forEach(Subscriber::close);
    }

    /** The participant the flood's over-rate calls come from: a supplier of its own, outside the synthetic market. */
    private static final String FLOODER = "ZFLD";

    /**
     * A data service submits consumption at a steady {@code --rate} for {@code --seconds} (the baseline), then the same
     * again while {@code --flood-calls} calls without credentials (from 127.0.0.2) and as many calls of one participant
     * far over its rate limit (from 127.0.0.3) are fired at the hub, {@code --flood-in-flight} at a time each. Reports
     * the submissions' latency with and without the flood, what the flood's calls were answered, the audit trail rows
     * they cost, the hub's pooled connections in use, and the raw PostgreSQL single-row insert rate.
     */
    private void flood() throws Exception {
        int perPhase = options.rate() * options.seconds();
        SyntheticMarket market = marketFor(2 * perPhase, options.participantsPerRole());
        new MarketLoader(hub, market).load(report);
        IsdServiceGrpc.IsdServiceBlockingStub isd = hub.asOperator(IsdServiceGrpc::newBlockingStub);
        isd.registerParticipant(RegisterParticipantRequest.newBuilder()
                .setHeader(MarketLoader.command("p-" + FLOODER))
                .setParticipantId(FLOODER)
                .setName("Flooding supplier")
                .build());
        isd.grantRole(GrantRoleRequest.newBuilder()
                .setHeader(MarketLoader.command("r-" + FLOODER))
                .setParticipantId(FLOODER)
                .setRole(org.mhhs.backbone.grpc.v1.MarketRole.MARKET_ROLE_SUPPLIER)
                .setEffectiveFrom(SyntheticMarket.ROLES_FROM.toString())
                .build());
        MarketLoader.await("the flooding participant in ISD", () -> {
            try {
                return isd.getParticipant(GetParticipantRequest.newBuilder()
                                        .setParticipantId(FLOODER)
                                        .build())
                                .getRolesCount()
                        == 1;
            } catch (StatusRuntimeException notYet) {
                return false;
            }
        });
        awaitProjections();
        RawPostgres postgres = new RawPostgres(options.jdbcUrl());
        Iterator<ConsumptionSubmission> consumption = market.consumption().iterator();

        PoolSampler quietPool = new PoolSampler(options.managementUrl());
        ConsumptionSender.Result baseline =
                new ConsumptionSender(hub, options.inFlight(), "b-").send(consumption, perPhase, options.rate(), null);
        quietPool.stop();
        report.say(
                "baseline: %,d submissions at %d/s on %d stream(s), %,d accepted; latency %s",
                baseline.sent(),
                options.rate(),
                options.participantsPerRole(),
                baseline.accepted(),
                baseline.latencies());
        awaitProjections();

        long auditBefore = postgres.count("SELECT coalesce(max(id), 0) FROM access.audit_trail");
        // the floods come from a process of their own at the lowest CPU priority (FloodAttacker), as if from another
        // machine: the attacker's own CPU use must cost neither the hub nor the data service's client
        ensureFlooderCredentials();
        PoolSampler pool = new PoolSampler(options.managementUrl());
        FloodAttacker.Launched attack = FloodAttacker.launch(arguments);
        ConsumptionSender.Result flooded =
                new ConsumptionSender(hub, options.inFlight(), "f-").send(consumption, perPhase, options.rate(), null);
        FloodAttacker.Outcome outcome = attack.outcome();
        pool.stop();
        List<FloodCaller.Result> floods = outcome.floods();
        long reconnects = outcome.reconnects();

        report.say(
                "under the flood: %,d submissions at %d/s, %,d accepted; latency %s",
                flooded.sent(), options.rate(), flooded.accepted(), flooded.latencies());
        double p99Ratio = flooded.latencies().p99() / baseline.latencies().p99();
        report.say(
                "submission latency under the flood / baseline: p50 x%.2f, p99 x%.2f (target: p99 under x1.5)",
                flooded.latencies().p50() / baseline.latencies().p50(), p99Ratio);
        for (FloodCaller.Result flood : floods) {
            report.say(
                    "flood %s: %,d calls in %.1f s (%,.0f/s, the submission phase took %.1f s), answered %s",
                    flood.name(),
                    flood.calls(),
                    flood.seconds(),
                    flood.perSecond(),
                    flooded.seconds(),
                    flood.answers());
            report.figure("flood." + flood.name() + ".calls", flood.calls());
            report.figure("flood." + flood.name() + ".seconds", flood.seconds());
            report.figure("flood." + flood.name() + ".calls_per_second", flood.perSecond());
            flood.answers()
                    .forEach((answer, count) ->
                            report.figure("flood." + flood.name() + ".answers." + answer.replace('/', '.'), count));
        }
        report.say(
                "the floods opened %,d connections in place of ones that failed (the hub cut them off: UNAVAILABLE "
                        + "answers are their calls, failed by the client, never answered by the hub)",
                reconnects);
        report.figure("flood.reconnects", reconnects);
        report.say(
                "hub connection pool (of 30, sampled every 200 ms): at most %.0f connections in use and %.0f callers "
                        + "waiting under the flood; %.0f and %.0f in the baseline",
                pool.mostActive(), pool.mostPending(), quietPool.mostActive(), quietPool.mostPending());

        // the calls the hub refused: a call that failed UNAVAILABLE (its connection cut off) got no answer to audit
        long denials = floods.stream()
                .flatMap(f -> f.answers().entrySet().stream())
                .filter(e ->
                        e.getKey().startsWith("UNAUTHENTICATED") || e.getKey().startsWith("RESOURCE_EXHAUSTED"))
                .mapToLong(Map.Entry::getValue)
                .sum();
        String written = "SELECT count(*), coalesce(sum(occurrences), 0) FROM access.audit_trail WHERE id > "
                + auditBefore + " AND category = 'DENIED_CALL'";
        long[] audit = postgres.pair(written);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (audit[1] < denials && System.nanoTime() < deadline) {
            Thread.sleep(500);
            audit = postgres.pair(written);
        }
        report.say(
                "audit trail: %,d rows for %,d denied calls (the flood's %,d refusals and any others), %,.0f calls "
                        + "a row",
                audit[0], audit[1], denials, audit[0] == 0 ? 0.0 : (double) audit[1] / audit[0]);

        double single = postgres.insertRate(20_000, 8, 1);
        report.say(
                "raw PostgreSQL, 20,000 rows of the shape of axon.domain_event_entry, 8 connections: %,.0f/s one row "
                        + "per transaction; the flood's refusals came at %,.0f/s: one audit insert each would have "
                        + "needed %.0f%% of that",
                single, denials / flooded.seconds(), 100 * denials / flooded.seconds() / single);

        report.figure("flood.rate_per_second", options.rate());
        report.figure("flood.submissions_per_phase", perPhase);
        baseline.latencies().into(report, "flood.baseline_latency");
        flooded.latencies().into(report, "flood.flooded_latency");
        report.figure("flood.p99_ratio", p99Ratio);
        report.figure("flood.denied_calls", denials);
        report.figure("flood.audit_rows", audit[0]);
        report.figure("flood.audit_occurrences", audit[1]);
        report.figure("flood.pool_active_max", pool.mostActive());
        report.figure("flood.pool_pending_max", pool.mostPending());
        report.figure("flood.baseline_pool_active_max", quietPool.mostActive());
        report.figure("flood.baseline_pool_pending_max", quietPool.mostPending());
        report.figure("reference.single_row_per_second", single);
    }

    /** The flooding participant's token or certificate exists before its attacker process uses it. */
    private void ensureFlooderCredentials() {
        var stub = hub.fromAddress("127.0.0.3", FLOODER, AccessServiceGrpc::newFutureStub);
        ((ManagedChannel) stub.getChannel()).shutdownNow();
    }

    /** How many subscribers a consumption event goes to: supplier, data service, DNO, central settlement, auditors. */
    private static int addressees(
            Map<String, SyntheticMeteringPoint> points,
            Map<String, String> dnoOfGroup,
            Set<String> subscribed,
            int everything,
            ConsumptionSubmission submission) {
        SyntheticMeteringPoint point = points.get(submission.mpan());
        return (int) Stream.of(
                                point.supplierOn(submission.day()),
                                submission.dataServiceId(),
                                dnoOfGroup.get(point.gspGroupId()))
                        .filter(subscribed::contains)
                        .count()
                + everything;
    }

    private ConsumptionSender.Result sendAll(
            SyntheticMarket market, int count, int rate, ConsumptionSender.AckListener listener) throws Exception {
        return new ConsumptionSender(hub, options.inFlight())
                .send(market.consumption().iterator(), count, rate, listener);
    }

    /** A market whose consumption holds at least {@code submissions}, ending yesterday. */
    private SyntheticMarket marketFor(int submissions, int perRole) {
        int meters = options.meters();
        int days = (int) Math.ceil(submissions / (meters * 1.1)) + 1;
        if (days > MAX_DAYS) {
            throw new IllegalArgumentException(submissions + " submissions need more than " + MAX_DAYS + " days of "
                    + meters + " metering points: raise --meters");
        }
        LocalDate today = LocalDate.now(SettlementDate.LONDON);
        MarketSize size = MarketSize.of(perRole, meters, days, today.minusDays(days));
        report.parameter(
                "market",
                Map.of(
                        "participants_per_role",
                        perRole,
                        "metering_points",
                        meters,
                        "days",
                        days,
                        "first_day",
                        size.firstDay().toString()));
        return SyntheticMarket.generate(options.seed(), size);
    }

    private long consumptionEvents(RawPostgres postgres) throws Exception {
        return postgres.count(
                "SELECT count(*) FROM axon.domain_event_entry WHERE payload_type LIKE " + "'%ConsumptionRecorded'");
    }

    /** Seconds until every event processor has processed the event store's head. */
    private double awaitProjections() throws InterruptedException {
        long start = System.nanoTime();
        var projections = hub.asOperator(ProjectionServiceGrpc::newBlockingStub);
        // the six processors take every appended copy live first (about 2,000 events/s on 2 cores): a million takes
        // long
        MarketLoader.await(
                "the projections",
                () ->
                        projections
                                        .listProjections(ListProjectionsRequest.getDefaultInstance())
                                        .getProjectionsList()
                                        .stream()
                                        .mapToLong(Projection::getLag)
                                        .max()
                                        .orElse(0)
                                == 0,
                Duration.ofMinutes(60));
        return (System.nanoTime() - start) / 1e9;
    }

    private record Memory(double heapMb, double rssMb) {}

    private Memory memory() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        options.managementUrl() + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode metric = JsonMapper.builder().build().readTree(response.body());
        double heap = metric.get("measurements").get(0).get("value").asDouble() / 1024 / 1024;
        double rss = 0;
        if (options.hubPid() > 0) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(options.hubPid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        }
        return new Memory(heap, rss);
    }
}
