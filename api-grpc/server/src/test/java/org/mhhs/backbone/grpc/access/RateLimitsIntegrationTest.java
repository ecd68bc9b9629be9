package org.mhhs.backbone.grpc.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.grpc.access.AuditTrailReads.entriesAfter;
import static org.mhhs.backbone.grpc.access.AuditTrailReads.lastAuditId;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.retryDelay;

import com.google.common.util.concurrent.ListenableFuture;
import com.zaxxer.hikari.HikariDataSource;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.AuditEntry;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RegistrationServiceGrpc;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;
import org.mhhs.backbone.grpc.v1.WhoAmIResponse;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.RawCall;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The call rate limits and the audit trail under a flood, through the real gRPC API, on a hub of its own with small
 * limits. Each test calls from its own loopback address ({@link HubClient#channelFrom}), so that the per-address
 * buckets of one test are not those of another.
 */
@HubIntegrationTest
@TestPropertySource(
        properties = {
            "hub.rate-limits.peer.calls-per-second=100",
            "hub.rate-limits.peer.burst=300",
            "hub.rate-limits.unauthenticated.calls-per-second=20",
            "hub.rate-limits.unauthenticated.burst=100",
            "hub.rate-limits.participant.calls-per-second=30",
            "hub.rate-limits.participant.burst=60",
            "hub.rate-limits.participants.QOVR.calls-per-second=1",
            "hub.rate-limits.participants.QOVR.burst=3",
            "hub.audit.denied-call-capacity=8",
            "hub.rate-limits.refusal-delay=0ms",
            // the limits themselves are under test here: no address is cut off (PeerSheddingIntegrationTest)
            "hub.rate-limits.shed.enabled=false"
        })
class RateLimitsIntegrationTest {

    private static final long PARTICIPANT_BURST = 60;
    private static final long PARTICIPANT_PER_SECOND = 30;

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry registry;

    @Test
    void aParticipantOverItsRateIsRefusedResourceExhaustedWithTheDelayAfterWhichItMayCallAgain() throws Exception {
        Market market = new Market(hub);
        String supplier = market.participant('R', MarketRole.MARKET_ROLE_SUPPLIER);
        long start = lastAuditId(jdbc);
        ManagedChannel channel = hub.channelFrom("127.0.0.5");
        try {
            var whoAmI = AccessServiceGrpc.newFutureStub(channel)
                    .withCallCredentials(HubClient.bearer(market.token(supplier)));
            long began = System.nanoTime();
            List<ListenableFuture<WhoAmIResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(whoAmI.whoAmI(WhoAmIRequest.getDefaultInstance()));
            }
            List<StatusRuntimeException> refusals = new ArrayList<>();
            int passed = 0;
            for (ListenableFuture<WhoAmIResponse> call : calls) {
                try {
                    assertThat(call.get(30, TimeUnit.SECONDS).getParticipantId())
                            .isEqualTo(supplier);
                    passed++;
                } catch (ExecutionException e) {
                    refusals.add((StatusRuntimeException) e.getCause());
                }
            }
            double seconds = (System.nanoTime() - began) / 1e9;

            assertThat(refusals).isNotEmpty().allSatisfy(refused -> {
                assertThat(code(refused)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                assertThat(reason(refused)).isEqualTo("RateLimited");
                assertThat(refused.getStatus().getDescription()).contains(supplier, "retry in");
                assertThat(retryDelay(refused))
                        .hasValueSatisfying(
                                delay -> assertThat(delay).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
            });
            assertThat((double) passed)
                    .as("calls let through in %.1f s", seconds)
                    .isLessThanOrEqualTo(PARTICIPANT_BURST + PARTICIPANT_PER_SECOND * seconds + 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                try {
                    return whoAmI.whoAmI(WhoAmIRequest.getDefaultInstance())
                            .get()
                            .getParticipantId()
                            .equals(supplier);
                } catch (ExecutionException e) {
                    refusals.add((StatusRuntimeException) e.getCause());
                    return false;
                }
            });
            await().untilAsserted(() -> assertThat(entriesAfter(hub, start).stream()
                            .filter(e -> e.getParticipantId().equals(supplier))
                            .collect(Collectors.groupingBy(
                                    e -> e.getOutcome() + "/" + e.getReason(),
                                    Collectors.summingLong(AuditEntry::getOccurrences))))
                    .as("the refusals in the audit trail")
                    .isEqualTo(Map.of("RESOURCE_EXHAUSTED/RateLimited", (long) refusals.size())));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aParticipantWithALimitOfItsOwnIsHeldToIt() {
        Market market = new Market(hub);
        String throttled = Market.register(hub.operatorIsd(), "QOVR", MarketRole.MARKET_ROLE_SUPPLIER);
        ManagedChannel channel = hub.channelFrom("127.0.0.7");
        try {
            var whoAmI = hub.as(AccessServiceGrpc.newBlockingStub(channel), market.token(throttled));
            for (int i = 0; i < 3; i++) {
                assertThat(whoAmI.whoAmI(WhoAmIRequest.getDefaultInstance()).getParticipantId())
                        .isEqualTo(throttled);
            }

            StatusRuntimeException refused = HubClient.refused(() -> whoAmI.whoAmI(WhoAmIRequest.getDefaultInstance()));

            assertThat(code(refused)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(reason(refused)).isEqualTo("RateLimited");
            assertThat(refused.getStatus().getDescription()).startsWith("QOVR made more than 1 calls a second");
            assertThat(retryDelay(refused))
                    .hasValueSatisfying(
                            delay -> assertThat(delay).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void callsUnderTheLimitsAllPass() {
        Market market = new Market(hub);
        String dataService = market.participant('S', MarketRole.MARKET_ROLE_DATA_SERVICE);
        ManagedChannel channel = hub.channelFrom("127.0.0.6");
        try {
            var whoAmI = hub.as(AccessServiceGrpc.newBlockingStub(channel), market.token(dataService));
            for (int i = 0; i < PARTICIPANT_BURST - 10; i++) {
                assertThat(whoAmI.whoAmI(WhoAmIRequest.getDefaultInstance()).getParticipantId())
                        .isEqualTo(dataService);
            }
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void twoThousandUnauthenticatedCallsAreRefusedWithoutHoldingThePoolAndAuditedInAFewRowsThatCountThemAll()
            throws Exception {
        hub.operatorToken();
        long start = lastAuditId(jdbc);
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        AtomicInteger mostActive = new AtomicInteger();
        AtomicBoolean flooding = new AtomicBoolean(true);
        CompletableFuture<Void> sampling = CompletableFuture.runAsync(() -> {
            while (flooding.get()) {
                mostActive.accumulateAndGet(pool.getHikariPoolMXBean().getActiveConnections(), Math::max);
                Thread.onSpinWait();
            }
        });
        ManagedChannel channel = hub.channelFrom("127.0.0.2");
        List<StatusRuntimeException> refusals = new ArrayList<>();
        long began = System.nanoTime();
        try {
            var anonymous = AccessServiceGrpc.newFutureStub(channel);
            List<ListenableFuture<WhoAmIResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                calls.add(anonymous.whoAmI(WhoAmIRequest.getDefaultInstance()));
            }
            for (ListenableFuture<WhoAmIResponse> call : calls) {
                try {
                    call.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    refusals.add((StatusRuntimeException) e.getCause());
                }
            }
        } finally {
            flooding.set(false);
            sampling.join();
            channel.shutdownNow();
        }
        double seconds = (System.nanoTime() - began) / 1e9;

        Map<String, Long> answers =
                refusals.stream().collect(Collectors.groupingBy(e -> code(e) + "/" + reason(e), Collectors.counting()));
        assertThat(refusals).hasSize(2_000);
        assertThat(answers).containsOnlyKeys("UNAUTHENTICATED/Unauthenticated", "RESOURCE_EXHAUSTED/RateLimited");
        assertThat(refusals.stream().map(e -> e.getStatus().getDescription()))
                .as("refused by the limit of failed authentications, then by the address's own limit")
                .anyMatch(message -> message.contains("failed authentication"))
                .anyMatch(message -> message.startsWith("more than 100 calls a second from 127.0.0.2"));
        assertThat(mostActive.get())
                .as("connections in use at once during the flood")
                .isLessThan(pool.getMaximumPoolSize() / 2);
        assertThat(hub.access(hub.operatorToken())
                        .whoAmI(WhoAmIRequest.getDefaultInstance())
                        .getParticipantId())
                .as("a caller from another address is served meanwhile")
                .isEqualTo("OPER");

        List<AuditEntry> rows = await().until(
                        () -> entriesAfter(hub, start).stream()
                                .filter(e -> e.getPeer().startsWith("/127.0.0.2:"))
                                .toList(),
                        entries -> entries.stream()
                                        .mapToLong(AuditEntry::getOccurrences)
                                        .sum()
                                >= 2_000);
        assertThat(rows.stream().mapToLong(AuditEntry::getOccurrences).sum()).isEqualTo(2_000);
        assertThat(rows.stream()
                        .collect(Collectors.groupingBy(
                                e -> e.getOutcome() + "/" + e.getReason(),
                                Collectors.summingLong(AuditEntry::getOccurrences))))
                .isEqualTo(answers);
        assertThat(rows)
                .as("rows for 2,000 denials over %.1f s (three kinds, a window a second)", seconds)
                .hasSizeLessThanOrEqualTo(3 * ((int) seconds + 2))
                .allSatisfy(e -> assertThat(e.getLastAt()).isGreaterThanOrEqualTo(e.getAt()));
    }

    @Test
    void moreDistinctDenialsThanTheWriterHoldsAreCountedInASummaryRowAndTheMetric() {
        hub.operatorToken();
        long start = lastAuditId(jdbc);
        double droppedBefore =
                registry.get("hub.audit.denied.dropped").counter().count();
        List<MethodDescriptor<?, ?>> rpcs = Stream.concat(
                        IsdServiceGrpc.getServiceDescriptor().getMethods().stream(),
                        RegistrationServiceGrpc.getServiceDescriptor().getMethods().stream())
                .toList();
        ManagedChannel channel = hub.channelFrom("127.0.0.3");
        ExecutorService callers = Executors.newFixedThreadPool(rpcs.size());
        try {
            List<CompletableFuture<RawCall.Outcome>> calls = rpcs.stream()
                    .map(rpc -> CompletableFuture.supplyAsync(
                            () -> RawCall.call(channel, rpc, null, List.of(new byte[0])), callers))
                    .toList();
            assertThat(calls.stream().map(CompletableFuture::join).map(RawCall.Outcome::code))
                    .containsOnly(Status.Code.UNAUTHENTICATED);
        } finally {
            callers.shutdownNow();
            channel.shutdownNow();
        }

        await().untilAsserted(() -> {
            List<AuditEntry> entries = entriesAfter(hub, start);
            long itemised = entries.stream()
                    .filter(e -> e.getPeer().startsWith("/127.0.0.3:"))
                    .mapToLong(AuditEntry::getOccurrences)
                    .sum();
            List<AuditEntry> summaries = entries.stream()
                    .filter(e -> e.getReason().equals("DeniedCallsNotItemised"))
                    .toList();
            assertThat(summaries).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getParticipantId()).isEmpty();
                assertThat(e.getDetail()).contains("denied calls were only counted");
            });
            assertThat(itemised
                            + summaries.stream()
                                    .mapToLong(AuditEntry::getOccurrences)
                                    .sum())
                    .isEqualTo(rpcs.size());
        });
        assertThat(registry.get("hub.audit.denied.dropped").counter().count()).isGreaterThan(droppedBefore);
    }
}
