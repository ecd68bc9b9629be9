package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.HubApplication;
import org.mhhs.backbone.grpc.v1.GetParticipantRequest;
import org.mhhs.backbone.grpc.v1.GrantRoleRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.testing.HubClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The hub's default run keeps its embedded database on disk: a restart finds every ISD fact and credential again. */
class HubRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartedHubKeepsItsStandingDataAndCredentialsAndDoesNotBootstrapAgain() throws Exception {
        String tokenAtFirstStart;
        try (Hub hub = Hub.start(dataDir)) {
            tokenAtFirstStart = hub.operatorToken();
            var isd = hub.isd(tokenAtFirstStart);
            isd.registerParticipant(RegisterParticipantRequest.newBuilder().setHeader(HubClient.newCommand())
                    .setParticipantId("KEEP").setName("Kept across restarts").build());
            isd.grantRole(GrantRoleRequest.newBuilder().setHeader(HubClient.newCommand()).setParticipantId("KEEP")
                    .setRole(MarketRole.MARKET_ROLE_SUPPLIER).setEffectiveFrom("2026-01-01").build());
            await().ignoreExceptions().until(() -> isd.getParticipant(GetParticipantRequest.newBuilder()
                    .setParticipantId("KEEP").build()).getRolesCount() == 1);
        }

        try (Hub hub = Hub.start(dataDir)) {
            assertThat(hub.operatorToken()).isEqualTo(tokenAtFirstStart);
            var kept = hub.isd(tokenAtFirstStart).getParticipant(GetParticipantRequest.newBuilder()
                    .setParticipantId("KEEP").build());
            assertThat(kept.getName()).isEqualTo("Kept across restarts");
            assertThat(kept.getRolesCount()).isEqualTo(1);
            assertThat(hub.jdbc().sql("SELECT count(*) FROM axon.domain_event_entry WHERE aggregate_identifier = 'OPER'")
                    .query(Long.class).single()).as("the operator is registered once, at the first start").isEqualTo(2);
        }
    }

    private record Hub(ConfigurableApplicationContext context, ManagedChannel channel, Path tokenFile)
            implements AutoCloseable {

        static Hub start(Path dataDir) {
            AtomicInteger port = new AtomicInteger();
            Path tokenFile = dataDir.resolve("operator.token");
            ConfigurableApplicationContext context = new SpringApplicationBuilder(HubApplication.class)
                    .profiles("test")
                    .listeners(event -> {
                        if (event instanceof GrpcServerStartedEvent started) {
                            port.set(started.getPort());
                        }
                    })
                    .run("--hub.data-dir=" + dataDir, "--hub.embedded-postgres.ephemeral=false",
                            "--hub.access.operator-token-file=" + tokenFile);
            ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port.get()).usePlaintext().build();
            return new Hub(context, channel, tokenFile);
        }

        String operatorToken() throws Exception {
            await().until(() -> context.getBean("bootstrap",
                    org.springframework.boot.health.contributor.HealthIndicator.class).health().getStatus().getCode().equals("UP"));
            return Files.readString(tokenFile).strip();
        }

        IsdServiceGrpc.IsdServiceBlockingStub isd(String token) {
            return IsdServiceGrpc.newBlockingStub(channel).withCallCredentials(HubClient.bearer(token));
        }

        JdbcClient jdbc() {
            return context.getBean(JdbcClient.class);
        }

        @Override
        public void close() {
            channel.shutdownNow();
            context.close();
        }
    }
}
