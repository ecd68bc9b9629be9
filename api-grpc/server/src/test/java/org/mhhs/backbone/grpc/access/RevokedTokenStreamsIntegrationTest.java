package org.mhhs.backbone.grpc.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;

import io.grpc.StatusRuntimeException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AuditCategory;
import org.mhhs.backbone.grpc.v1.AuditEntry;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.mhhs.backbone.grpc.v1.IssuedToken;
import org.mhhs.backbone.grpc.v1.ListAuditTrailRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.RevokeTokenRequest;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.Submissions;
import org.mhhs.backbone.testing.TestSubmissionStream;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In development mode, a revoked bearer token ends the open subscription and submission streams opened with it
 * within a second (UNAUTHENTICATED, {@code CredentialRevoked}), each ending audited; the next call is refused.
 */
@HubIntegrationTest
class RevokedTokenStreamsIntegrationTest {

    @Autowired
    HubClient hub;

    @Test
    void aRevokedTokenEndsTheOpenSubscriptionAndSubmissionStreamWithinASecondAndRefusesTheNextCall() {
        Market market = new Market(hub);
        String dataService = market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE);
        IssuedToken token = hub.access(hub.operatorToken())
                .issueToken(IssueTokenRequest.newBuilder()
                        .setParticipantId(dataService)
                        .setDescription("streams")
                        .build());
        try (TestSubscriber subscription = TestSubscriber.open(
                        hub.channel(),
                        token.getToken(),
                        TestSubscriber.from("revoked-token", StartFrom.START_FROM_LATEST)
                                .build());
                TestSubmissionStream submissions = TestSubmissionStream.open(MeteringServiceGrpc.newStub(hub.channel())
                        .withCallCredentials(HubClient.bearer(token.getToken())))) {
            subscription.opened();
            assertThat(submissions
                            .submit(Submissions.actualDay(
                                    Market.newMpan(), MarketDays.daysAgo(2).toString(), "0.100"))
                            .hasRejected())
                    .as("answered: nothing is appointed to it")
                    .isTrue();

            hub.access(hub.operatorToken())
                    .revokeToken(RevokeTokenRequest.newBuilder()
                            .setTokenId(token.getTokenId())
                            .build());
            long acknowledged = System.nanoTime();

            for (StatusRuntimeException end :
                    new StatusRuntimeException[] {subscription.awaitEnd(), submissions.awaitEnd()}) {
                assertThat(code(end) + "/" + reason(end)).isEqualTo("UNAUTHENTICATED/CredentialRevoked");
                assertThat(end.getStatus().getDescription()).contains(token.getTokenId(), "revoked");
            }
            assertThat(Duration.ofNanos(subscription.endedAtNanos() - acknowledged))
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(Duration.ofNanos(submissions.endedAtNanos() - acknowledged))
                    .isLessThan(Duration.ofSeconds(1));
            StatusRuntimeException next =
                    refused(() -> hub.access(token.getToken()).whoAmI(WhoAmIRequest.getDefaultInstance()));
            assertThat(code(next) + "/" + reason(next)).isEqualTo("UNAUTHENTICATED/Unauthenticated");
            // denied calls reach the trail through its writer, about a second after the refusal
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(hub.access(hub.operatorToken())
                                    .listAuditTrail(ListAuditTrailRequest.newBuilder()
                                            .setParticipantId(dataService)
                                            .setCategory(AuditCategory.DENIED_CALL)
                                            .setPageSize(1000)
                                            .build())
                                    .getEntriesList())
                            .filteredOn(entry -> entry.getReason().equals("CredentialRevoked"))
                            .extracting(AuditEntry::getRpc)
                            .containsExactlyInAnyOrder(
                                    "mhhs.backbone.v1.SubscriptionService/Subscribe",
                                    "mhhs.backbone.v1.MeteringService/SubmitConsumptionStream"));
        }
    }
}
