package org.mhhs.bench.loadgen;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The command line of the load generator: {@code <scenario> [--name value]...}. */
record Options(
        String scenario,
        String host,
        int port,
        String operatorId,
        Path operatorTokenFile,
        Path tlsCa,
        Path clientCertDir,
        Path clientCaKey,
        int channels,
        String jdbcUrl,
        String managementUrl,
        long hubPid,
        long seed,
        int count,
        int meters,
        int participantsPerRole,
        int inFlight,
        int rate,
        int seconds,
        int subscribers,
        int replayEvents,
        int floodCalls,
        int floodInFlight,
        int floodConnections,
        Path out) {

    static final List<String> SCENARIOS =
            List.of("ingest", "catchup", "replay", "fanout", "memory", "flood", FloodAttacker.SCENARIO);

    /** Submissions ingested through the hub: the benchmark's size, or the backlog the scenario then reads. */
    private static final Map<String, Integer> DEFAULT_COUNTS =
            Map.of("ingest", 1_000_000, "catchup", 200_000, "replay", 100_000, "fanout", 0, "memory", 0, "flood", 0);

    /**
     * The flood's own defaults: one data service (whose submissions' latency it follows) at a steady rate well within
     * what one stream carries on 2 cores, on a small market.
     */
    private static final Map<String, Integer> DEFAULT_PARTICIPANTS_PER_ROLE = Map.of("flood", 1);

    private static final Map<String, Integer> DEFAULT_RATES = Map.of("flood", 25);

    private static final Map<String, Integer> DEFAULT_METERS = Map.of("flood", 200);

    private static final Set<String> NAMES = Set.of(
            "target",
            "operator-id",
            "operator-token-file",
            "tls-ca",
            "client-cert-dir",
            "client-ca-key",
            "channels",
            "jdbc-url",
            "management-url",
            "hub-pid",
            "seed",
            "count",
            "meters",
            "participants-per-role",
            "in-flight",
            "rate",
            "seconds",
            "subscribers",
            "replay-events",
            "flood-calls",
            "flood-in-flight",
            "flood-connections",
            "out");

    static Options parse(String... args) {
        if (args.length == 0 || !SCENARIOS.contains(args[0])) {
            throw new IllegalArgumentException("usage: java -jar loadgen.jar <" + String.join("|", SCENARIOS)
                    + "> [--name value]...; options: " + new TreeSet<>(NAMES));
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --name value or --name=value, not " + arg);
            }
            String name = arg.substring(2);
            String value;
            if (name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + NAMES);
            }
            values.put(name, value);
        }
        String target = values.getOrDefault("target", "localhost:9090");
        int colon = target.lastIndexOf(':');
        return new Options(
                args[0],
                target.substring(0, colon),
                Integer.parseInt(target.substring(colon + 1)),
                values.getOrDefault("operator-id", "OPER"),
                Path.of(values.getOrDefault("operator-token-file", "hub-data/operator.token")),
                path(values.get("tls-ca")),
                path(values.get("client-cert-dir")),
                path(values.get("client-ca-key")),
                integer(values, "channels", 8),
                values.get("jdbc-url"),
                values.getOrDefault("management-url", "http://localhost:9091"),
                Long.parseLong(values.getOrDefault("hub-pid", "0")),
                Long.parseLong(values.getOrDefault("seed", "42")),
                integer(values, "count", DEFAULT_COUNTS.getOrDefault(args[0], 0)),
                integer(values, "meters", DEFAULT_METERS.getOrDefault(args[0], 2_000)),
                integer(values, "participants-per-role", DEFAULT_PARTICIPANTS_PER_ROLE.getOrDefault(args[0], 8)),
                integer(values, "in-flight", 32),
                integer(values, "rate", DEFAULT_RATES.getOrDefault(args[0], 100)),
                integer(values, "seconds", 30),
                integer(values, "subscribers", 400),
                integer(values, "replay-events", 1_000_000),
                integer(values, "flood-calls", 100_000),
                integer(values, "flood-in-flight", 64),
                integer(values, "flood-connections", 1),
                Path.of(values.getOrDefault("out", "bench-" + args[0] + ".json")));
    }

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }

    private static int integer(Map<String, String> values, String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        int parsed = Integer.parseInt(value.replace("_", ""));
        if (parsed < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1 but was " + value);
        }
        return parsed;
    }
}
