package org.mhhs.backbone.grpc.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.grpc.access.AuditTrailReads.entriesAfter;
import static org.mhhs.backbone.grpc.access.AuditTrailReads.lastAuditId;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.reason;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.AuditEntry;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * An address whose calls keep being refused over their rate limits is cut off: its connections are closed and new
 * ones closed as soon as they are accepted, until {@code hub.rate-limits.shed.duration} is up; an address holds at
 * most {@code max-connections-per-peer} connections. Through the real gRPC listener, each test from loopback
 * addresses of its own, on a hub of its own with small limits.
 */
@HubIntegrationTest
@TestPropertySource(
        properties = {
            "hub.rate-limits.participants.QSHD.calls-per-second=1",
            "hub.rate-limits.participants.QSHD.burst=1",
            "hub.rate-limits.unauthenticated.calls-per-second=1",
            "hub.rate-limits.unauthenticated.burst=2",
            "hub.rate-limits.refusal-delay=0ms",
            "hub.rate-limits.shed.refusals.calls-per-second=1",
            "hub.rate-limits.shed.refusals.burst=5",
            "hub.rate-limits.shed.duration=3s",
            "hub.rate-limits.max-connections-per-peer=3"
        })
class PeerSheddingIntegrationTest {

    private static final int REFUSALS_BEFORE_CUT_OFF = 5;
    private static final Duration CUT_OFF_FOR = Duration.ofSeconds(3);

    @Autowired
    HubClient hub;

    @Autowired
    MeterRegistry metrics;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aParticipantThatKeepsCallingOverItsLimitIsCutOffAtItsAddressUntilTheTimeIsUp() {
        Market market = new Market(hub);
        String participant = Market.register(hub.operatorIsd(), "QSHD", MarketRole.MARKET_ROLE_SUPPLIER);
        String token = market.token(participant);
        long start = lastAuditId(jdbc);
        double refusedAtAccept = refusedConnections("shed");
        ManagedChannel flooding = hub.channelFrom("127.0.0.31");
        try {
            var whoAmI = hub.as(AccessServiceGrpc.newBlockingStub(flooding), token);
            whoAmI.whoAmI(WhoAmIRequest.getDefaultInstance());
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < REFUSALS_BEFORE_CUT_OFF + 1; i++) {
                StatusRuntimeException refused =
                        HubClient.refused(() -> whoAmI.whoAmI(WhoAmIRequest.getDefaultInstance()));
                answers.add(code(refused) + "/" + reason(refused));
            }

            assertThat(answers.subList(0, REFUSALS_BEFORE_CUT_OFF))
                    .as("refused over the participant's limit while its bucket of refusals lasts")
                    .containsOnly("RESOURCE_EXHAUSTED/RateLimited");
            assertThat(answers.get(REFUSALS_BEFORE_CUT_OFF))
                    .as("then the connection is closed under the call")
                    .startsWith("UNAVAILABLE");
        } finally {
            flooding.shutdownNow();
        }
        long cutOffAt = System.nanoTime();

        ManagedChannel again = hub.channelFrom("127.0.0.31");
        try {
            var whoAmI = hub.as(AccessServiceGrpc.newBlockingStub(again), token);
            StatusRuntimeException closed = HubClient.refused(() -> whoAmI.whoAmI(WhoAmIRequest.getDefaultInstance()));
            assertThat(code(closed))
                    .as("a new connection from the address is closed as soon as it is accepted")
                    .isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(refusedConnections("shed")).isGreaterThan(refusedAtAccept);
        } finally {
            again.shutdownNow();
        }
        assertThat(hub.access(hub.operatorToken())
                        .whoAmI(WhoAmIRequest.getDefaultInstance())
                        .getParticipantId())
                .as("a caller from another address is served meanwhile")
                .isEqualTo("OPER");
        assertThat(System.nanoTime() - cutOffAt)
                .as("all of that within the time the address is cut off")
                .isLessThan(CUT_OFF_FOR.toNanos());

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    ManagedChannel later = hub.channelFrom("127.0.0.31");
                    try {
                        assertThat(hub.as(AccessServiceGrpc.newBlockingStub(later), token)
                                        .whoAmI(WhoAmIRequest.getDefaultInstance())
                                        .getParticipantId())
                                .as("once the time is up, the address is served again")
                                .isEqualTo(participant);
                    } finally {
                        later.shutdownNow();
                    }
                });
        List<AuditEntry> cutOffs = await().until(
                        () -> entriesAfter(hub, start).stream()
                                .filter(e -> e.getPeer().startsWith("/127.0.0.31:"))
                                .filter(e -> e.getReason().equals("AddressCutOff"))
                                .toList(),
                        entries -> !entries.isEmpty());
        assertThat(cutOffs)
                .singleElement()
                .satisfies(e -> assertThat(e.getParticipantId()).isEqualTo(participant))
                .satisfies(e -> assertThat(e.getOutcome()).isEqualTo("UNAVAILABLE"));
    }

    @Test
    void anAddressThatKeepsFailingAuthenticationIsCutOffToo() {
        ManagedChannel anonymous = hub.channelFrom("127.0.0.32");
        List<String> answers = new ArrayList<>();
        try {
            var whoAmI = AccessServiceGrpc.newBlockingStub(anonymous);
            while (answers.isEmpty() || !answers.getLast().startsWith("UNAVAILABLE")) {
                assertThat(answers).as("answers before the address is cut off").hasSizeLessThan(30);
                StatusRuntimeException refused = HubClient.refused(() ->
                        whoAmI.withDeadlineAfter(10, TimeUnit.SECONDS).whoAmI(WhoAmIRequest.getDefaultInstance()));
                answers.add(code(refused) + "/" + reason(refused));
            }
        } finally {
            anonymous.shutdownNow();
        }

        assertThat(answers.subList(0, 2))
                .as("refused as unauthenticated while the address's bucket of failed authentications lasts")
                .containsOnly("UNAUTHENTICATED/Unauthenticated");
        assertThat(answers.subList(2, answers.size() - 1))
                .as("then over that limit (a token refilled meanwhile lets an authentication be tried again)")
                .isSubsetOf("RESOURCE_EXHAUSTED/RateLimited", "UNAUTHENTICATED/Unauthenticated")
                .filteredOn("RESOURCE_EXHAUSTED/RateLimited"::equals)
                .hasSizeGreaterThanOrEqualTo(REFUSALS_BEFORE_CUT_OFF);
    }

    @Test
    void anAddressHoldsAtMostItsConnectionsAndAnotherOnceOneCloses() {
        String operator = hub.operatorToken();
        double refusedAtAccept = refusedConnections("too-many-connections");
        List<ManagedChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                ManagedChannel channel = hub.channelFrom("127.0.0.33");
                channels.add(channel);
                assertThat(hub.as(AccessServiceGrpc.newBlockingStub(channel), operator)
                                .whoAmI(WhoAmIRequest.getDefaultInstance())
                                .getParticipantId())
                        .isEqualTo("OPER");
            }
            ManagedChannel fourth = hub.channelFrom("127.0.0.33");
            channels.add(fourth);
            StatusRuntimeException closed =
                    HubClient.refused(() -> hub.as(AccessServiceGrpc.newBlockingStub(fourth), operator)
                            .whoAmI(WhoAmIRequest.getDefaultInstance()));
            assertThat(code(closed))
                    .as("a fourth connection from the address is closed as soon as it is accepted")
                    .isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(refusedConnections("too-many-connections")).isGreaterThan(refusedAtAccept);

            channels.getFirst().shutdownNow();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
                ManagedChannel another = hub.channelFrom("127.0.0.33");
                channels.add(another);
                assertThat(hub.as(AccessServiceGrpc.newBlockingStub(another), operator)
                                .whoAmI(WhoAmIRequest.getDefaultInstance())
                                .getParticipantId())
                        .as("once one of its connections closes, the address may open another")
                        .isEqualTo("OPER");
            });
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    private double refusedConnections(String reason) {
        var counter = metrics.find("hub.grpc.connections.refused")
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
