package org.mhhs.bench.loadgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;

/**
 * The flood's attacker: a process of its own, started by the {@code flood} scenario at the lowest CPU priority
 * ({@code nice -n 19}), as if it ran on another machine, so that its own CPU use (firing calls, opening connection
 * after connection) costs neither the hub nor the data service's client, whose latency the scenario measures. It
 * fires {@code --flood-calls} calls without credentials from 127.0.0.2 and as many of the flooding participant, far
 * over its rate, from 127.0.0.3, each on {@code --flood-connections} connections with {@code --flood-in-flight} calls
 * open on each; a connection that fails is replaced at once by a new one (an attacker that will not give up, where
 * grpc-java would back off). Each flood stops at its calls or after {@code --seconds} and 5 more. It prints one line
 * per flood and one of the reconnections, which the scenario reads.
 */
final class FloodAttacker {

    static final String SCENARIO = "flood-attacker";

    private static final String FLOOD = "FLOOD ";
    private static final String RECONNECTS = "RECONNECTS ";

    /** What the attacker reports: each flood's result and the connections it opened in place of failed ones. */
    record Outcome(List<FloodCaller.Result> floods, long reconnects) {}

    /** A running attacker process. */
    record Launched(Process process, CompletableFuture<Outcome> read) {

        /** Waits for the attacker to finish and returns what it reported. */
        Outcome outcome() throws Exception {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the flood's attacker process did not finish in 10 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "the flood's attacker process failed (exit " + process.exitValue() + "); its output is above");
            }
            return read.get(1, TimeUnit.MINUTES);
        }
    }

    private FloodAttacker() {}

    /** Starts the attacker: this load generator's jar, with the command line it was given, as {@link #SCENARIO}. */
    static Launched launch(String[] arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(
                List.of("nice", "-n", "19", java, "-Xmx512m", "-jar", System.getProperty("java.class.path"), SCENARIO));
        command.addAll(Arrays.asList(arguments).subList(1, arguments.length));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        CompletableFuture<Outcome> read = CompletableFuture.supplyAsync(() -> readOutcome(process));
        return new Launched(process, read);
    }

    private static Outcome readOutcome(Process process) {
        List<FloodCaller.Result> floods = new ArrayList<>();
        long reconnects = 0;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(FLOOD)) {
                    floods.add(parse(line.substring(FLOOD.length())));
                } else if (line.startsWith(RECONNECTS)) {
                    reconnects =
                            Long.parseLong(line.substring(RECONNECTS.length()).strip());
                } else {
                    System.out.println("attacker: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Outcome(floods, reconnects);
    }

    /** Runs in the attacker process: both floods at once, then their results on standard output. */
    static void attack(HubConnection hub, Options options, String flooder) throws Exception {
        FloodChannels<AccessServiceGrpc.AccessServiceFutureStub> anonymous = new FloodChannels<>(
                options.floodConnections(), () -> hub.fromAddress("127.0.0.2", null, AccessServiceGrpc::newFutureStub));
        FloodChannels<AccessServiceGrpc.AccessServiceFutureStub> overRate = new FloodChannels<>(
                options.floodConnections(),
                () -> hub.fromAddress("127.0.0.3", flooder, AccessServiceGrpc::newFutureStub));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.seconds() + 5L);
        int inFlight = options.floodInFlight() * options.floodConnections();
        CompletableFuture<FloodCaller.Result> unauthenticated = FloodCaller.fire(
                "unauthenticated",
                options.floodCalls(),
                inFlight,
                end,
                () -> anonymous.next().whoAmI(WhoAmIRequest.getDefaultInstance()));
        CompletableFuture<FloodCaller.Result> participant = FloodCaller.fire(
                "over-rate",
                options.floodCalls(),
                inFlight,
                end,
                () -> overRate.next().whoAmI(WhoAmIRequest.getDefaultInstance()));
        for (FloodCaller.Result result : List.of(unauthenticated.join(), participant.join())) {
            System.out.println(FLOOD + format(result));
        }
        anonymous.shutdown();
        overRate.shutdown();
        System.out.println(RECONNECTS + (anonymous.reconnects() + overRate.reconnects()));
        System.out.flush();
    }

    private static String format(FloodCaller.Result result) {
        StringBuilder answers = new StringBuilder();
        result.answers()
                .forEach((answer, count) -> answers.append(answers.isEmpty() ? "" : ",")
                        .append(answer)
                        .append('=')
                        .append(count));
        return result.name() + " " + result.calls() + " " + result.seconds() + " " + answers;
    }

    private static FloodCaller.Result parse(String line) {
        String[] fields = line.strip().split(" ", 4);
        Map<String, Long> answers = new TreeMap<>();
        if (fields.length == 4 && !fields[3].isBlank()) {
            for (String answer : fields[3].split(",")) {
                int equals = answer.lastIndexOf('=');
                answers.put(answer.substring(0, equals), Long.parseLong(answer.substring(equals + 1)));
            }
        }
        return new FloodCaller.Result(fields[0], Long.parseLong(fields[1]), Double.parseDouble(fields[2]), answers);
    }
}
