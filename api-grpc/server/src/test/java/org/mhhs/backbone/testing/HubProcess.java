package org.mhhs.backbone.testing;

import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.mhhs.backbone.HubApplication;

/**
 * The hub as an operating-system process of its own (same classpath as the tests), so that a test can kill it the
 * way a machine dies: SIGKILL to the JVM and to its embedded PostgreSQL, no shutdown hooks.
 */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    private final ManagedChannel channel;
    private final Path dataDir;

    private HubProcess(Process process, ManagedChannel channel, Path dataDir) {
        this.process = process;
        this.channel = channel;
        this.dataDir = dataDir;
    }

    /** Starts the hub with extra arguments (e.g. an external {@code --spring.datasource.url}) and waits until ready. */
    public static HubProcess start(Path dataDir, String... arguments) {
        try {
            java.nio.file.Files.createDirectories(dataDir);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-Xmx512m"));
            // the same today as the tests' (MarketDays): -Dhub.test.today when they run on another day
            command.addAll(MarketDays.hubProcessArguments());
            command.addAll(List.of(
                    "-XX:+EnableDynamicAgentLoading",
                    "-cp",
                    System.getProperty("java.class.path"),
                    HubApplication.class.getName(),
                    "--spring.profiles.active=test",
                    "--hub.data-dir=" + dataDir,
                    "--hub.embedded-postgres.ephemeral=false",
                    "--hub.access.operator-token-file=" + dataDir.resolve("operator.token"),
                    "--spring.grpc.server.port=" + port,
                    "--server.port=0"));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dataDir.resolve("hub.log").toFile()))
                    .start();
            ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port)
                    .usePlaintext()
                    .build();
            HubProcess hub = new HubProcess(process, channel, dataDir);
            var health = HealthGrpc.newBlockingStub(channel);
            try {
                await().atMost(Duration.ofSeconds(120))
                        .ignoreExceptions()
                        .until(() -> process.isAlive()
                                && health.check(HealthCheckRequest.getDefaultInstance())
                                                .getStatus()
                                        == HealthCheckResponse.ServingStatus.SERVING);
            } catch (ConditionTimeoutException notServing) {
                hub.close();
                List<String> log = Files.readAllLines(dataDir.resolve("hub.log"));
                throw new IllegalStateException(
                        "the hub process did not become ready; the end of its log:\n"
                                + String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size())),
                        notServing);
            }
            return hub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ManagedChannel channel() {
        return channel;
    }

    public String operatorToken() {
        try {
            return Files.readString(dataDir.resolve("operator.token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SIGKILL to the JVM and to PostgreSQL (which pg_ctl detached from the JVM), like a power cut: nothing is
     * flushed or closed on the way down.
     */
    public void kill() {
        ProcessHandle postmaster = postmaster();
        List<ProcessHandle> postgres = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(postmaster), postmaster.descendants())
                .toList();
        process.destroyForcibly();
        postgres.forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !process.isAlive() && postgres.stream().noneMatch(ProcessHandle::isAlive));
        channel.shutdownNow();
    }

    /** SIGKILL to the JVM of a hub on an external database: nothing is flushed or released on the way down. */
    public void killJvm() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        channel.shutdownNow();
    }

    /** SIGKILL to the JVM only, as an out-of-memory kill would: PostgreSQL, detached by pg_ctl, keeps running. */
    public ProcessHandle killJvmOnly() {
        ProcessHandle postmaster = postmaster();
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        channel.shutdownNow();
        return postmaster;
    }

    public ProcessHandle postmaster() {
        try {
            long pid = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"))
                            .getFirst()
                            .strip());
            return ProcessHandle.of(pid).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        if (process.isAlive()) {
            process.destroy();
            await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
        }
    }
}
