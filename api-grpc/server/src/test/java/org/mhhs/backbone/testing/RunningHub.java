package org.mhhs.backbone.testing;

import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.mhhs.backbone.HubApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A hub in the test's JVM on a data directory that outlives it, for tests that stop and start the hub; extra
 * arguments (e.g. an external {@code --spring.datasource.url}) are passed on.
 */
public record RunningHub(ConfigurableApplicationContext context, ManagedChannel channel, Path tokenFile)
        implements AutoCloseable {

    public static RunningHub start(Path dataDir, String... arguments) {
        AtomicInteger port = new AtomicInteger();
        Path tokenFile = dataDir.resolve("operator.token");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HubApplication.class)
                .profiles("test")
                .listeners(event -> {
                    if (event instanceof GrpcServerStartedEvent started) {
                        port.set(started.getPort());
                    }
                })
                .run(java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(
                                        "--hub.data-dir=" + dataDir,
                                        "--hub.embedded-postgres.ephemeral=false",
                                        "--hub.access.operator-token-file=" + tokenFile),
                                java.util.Arrays.stream(arguments))
                        .toArray(String[]::new));
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port.get())
                .usePlaintext()
                .build();
        return new RunningHub(context, channel, tokenFile);
    }

    /** The operator's token, once the hub says the operator can act. */
    public String operatorToken() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> context.getBean("bootstrap", HealthIndicator.class)
                        .health()
                        .getStatus()
                        .getCode()
                        .equals("UP"));
        try {
            return Files.readString(tokenFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <S extends AbstractStub<S>> S as(S stub, String token) {
        return stub.withCallCredentials(HubClient.bearer(token));
    }

    public JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        context.close();
    }
}
