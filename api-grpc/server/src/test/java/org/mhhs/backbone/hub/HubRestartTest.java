package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Month;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.grpc.v1.GetParticipantRequest;
import org.mhhs.backbone.grpc.v1.GrantRoleRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.RunningHub;

/** The hub's default run keeps its embedded database on disk: a restart finds every ISD fact and credential again. */
class HubRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartedHubKeepsItsStandingDataAndCredentialsAndDoesNotBootstrapAgain() {
        String tokenAtFirstStart;
        try (RunningHub hub = RunningHub.start(dataDir)) {
            tokenAtFirstStart = hub.operatorToken();
            var isd = hub.as(IsdServiceGrpc.newBlockingStub(hub.channel()), tokenAtFirstStart);
            isd.registerParticipant(RegisterParticipantRequest.newBuilder()
                    .setHeader(HubClient.newCommand())
                    .setParticipantId("KEEP")
                    .setName("Kept across restarts")
                    .build());
            isd.grantRole(GrantRoleRequest.newBuilder()
                    .setHeader(HubClient.newCommand())
                    .setParticipantId("KEEP")
                    .setRole(MarketRole.MARKET_ROLE_SUPPLIER)
                    .setEffectiveFrom(MarketDays.lastYear(Month.JANUARY, 1).toString())
                    .build());
            await().ignoreExceptions()
                    .until(() -> isd.getParticipant(GetParticipantRequest.newBuilder()
                                            .setParticipantId("KEEP")
                                            .build())
                                    .getRolesCount()
                            == 1);
        }

        try (RunningHub hub = RunningHub.start(dataDir)) {
            assertThat(hub.operatorToken()).isEqualTo(tokenAtFirstStart);
            var kept = hub.as(IsdServiceGrpc.newBlockingStub(hub.channel()), tokenAtFirstStart)
                    .getParticipant(GetParticipantRequest.newBuilder()
                            .setParticipantId("KEEP")
                            .build());
            assertThat(kept.getName()).isEqualTo("Kept across restarts");
            assertThat(kept.getRolesCount()).isEqualTo(1);
            assertThat(hub.jdbc()
                            .sql("SELECT count(*) FROM axon.domain_event_entry WHERE aggregate_identifier = 'OPER'")
                            .query(Long.class)
                            .single())
                    .as("the operator is registered once, at the first start")
                    .isEqualTo(2);
        }
    }
}
