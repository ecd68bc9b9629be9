package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;

import io.grpc.StatusRuntimeException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.mhhs.backbone.grpc.v1.IssuedToken;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RevokeRoleRequest;
import org.mhhs.backbone.grpc.v1.RevokeTokenRequest;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.testing.ChannelMarket;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.RunningHub;
import org.mhhs.backbone.testing.Submissions;
import org.mhhs.backbone.testing.TestSubmissionStream;
import org.mhhs.backbone.testing.TestSubscriber;

/**
 * Two hub nodes on one PostgreSQL: a token and a role revoked through the first node end, within a second, the
 * streams open on the second, which learns of it from the shared tables alone (README "Security").
 */
class StreamRevocationOnTwoNodesTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    @Test
    void aRevocationThroughOneNodeEndsTheStreamsOpenOnTheOtherWithinASecond(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres postgres =
                EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
            String[] arguments = {
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--hub.encryption.master-key-file=" + dir.resolve("master.key")
            };
            try (RunningHub first = RunningHub.start(dir.resolve("node-a"), arguments);
                    RunningHub second = RunningHub.start(dir.resolve("node-b"), arguments)) {
                String operator = first.operatorToken();
                ChannelMarket viaFirst = new ChannelMarket(first.channel(), operator);
                String subscriber =
                        Market.register(viaFirst.isd(), MarketIds.mpid('S'), MarketRole.MARKET_ROLE_SUPPLIER);
                IssuedToken subscriberToken = issueToken(first, operator, subscriber);
                String dataServiceId = MarketIds.mpid('A');
                String dataService = viaFirst.participant(dataServiceId, MarketRole.MARKET_ROLE_DATA_SERVICE);

                try (TestSubscriber subscription = TestSubscriber.open(
                                second.channel(),
                                subscriberToken.getToken(),
                                TestSubscriber.from("two-nodes", StartFrom.START_FROM_LATEST)
                                        .build());
                        TestSubmissionStream submissions = TestSubmissionStream.open(
                                new ChannelMarket(second.channel(), operator).meteringStub(dataService))) {
                    subscription.opened();
                    assertThat(submissions
                                    .submit(Submissions.actualDay(
                                            Market.newMpan(),
                                            MarketDays.daysAgo(2).toString(),
                                            "0.100"))
                                    .hasRejected())
                            .isTrue();

                    first.as(AccessServiceGrpc.newBlockingStub(first.channel()), operator)
                            .revokeToken(RevokeTokenRequest.newBuilder()
                                    .setTokenId(subscriberToken.getTokenId())
                                    .build());
                    long tokenRevoked = System.nanoTime();
                    StatusRuntimeException subscriptionEnd = subscription.awaitEnd();
                    assertThat(code(subscriptionEnd) + "/" + reason(subscriptionEnd))
                            .isEqualTo("UNAUTHENTICATED/CredentialRevoked");
                    assertThat(Duration.ofNanos(subscription.endedAtNanos() - tokenRevoked))
                            .isLessThan(WITHIN);
                    assertThat(submissions.hasEnded())
                            .as("another participant's stream")
                            .isFalse();

                    viaFirst.isd()
                            .revokeRole(RevokeRoleRequest.newBuilder()
                                    .setHeader(newCommand())
                                    .setParticipantId(dataServiceId)
                                    .setRole(MarketRole.MARKET_ROLE_DATA_SERVICE)
                                    .setLastDay(MarketDays.daysAgo(1).toString())
                                    .build());
                    long roleRevoked = System.nanoTime();
                    StatusRuntimeException submissionsEnd = submissions.awaitEnd();
                    assertThat(code(submissionsEnd) + "/" + reason(submissionsEnd))
                            .isEqualTo("PERMISSION_DENIED/RoleRevoked");
                    assertThat(Duration.ofNanos(submissions.endedAtNanos() - roleRevoked))
                            .isLessThan(WITHIN);
                }
            }
        }
    }

    private static IssuedToken issueToken(RunningHub node, String operator, String participant) {
        return node.as(AccessServiceGrpc.newBlockingStub(node.channel()), operator)
                .issueToken(IssueTokenRequest.newBuilder()
                        .setParticipantId(participant)
                        .build());
    }
}
