package org.mhhs.backbone.grpc.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.retryDelay;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;
import org.mhhs.backbone.grpc.v1.WhoAmIResponse;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * An over-rate call is answered only after {@code hub.rate-limits.refusal-delay}, and a connection holds at most
 * {@code max-concurrent-calls-per-connection} calls open: a client firing as fast as it can gets no more refusals than
 * that many per delay, which is what keeps a flood from costing the hub its CPU (README "Rate limits").
 */
@HubIntegrationTest
@TestPropertySource(
        properties = {
            "hub.rate-limits.participants.QPEN.calls-per-second=1",
            "hub.rate-limits.participants.QPEN.burst=1",
            "hub.rate-limits.participants.QPEF.calls-per-second=1",
            "hub.rate-limits.participants.QPEF.burst=1",
            "hub.rate-limits.refusal-delay=400ms",
            "hub.rate-limits.max-concurrent-calls-per-connection=5"
        })
class HeldRefusalsIntegrationTest {

    private static final Duration DELAY = Duration.ofMillis(400);
    private static final int CALLS_PER_CONNECTION = 5;

    @Autowired
    HubClient hub;

    @Test
    void anOverRateCallIsRefusedAfterTheDelayWithTheTimeAfterWhichItWouldPass() {
        Market market = new Market(hub);
        String participant = Market.register(hub.operatorIsd(), "QPEN", MarketRole.MARKET_ROLE_SUPPLIER);
        ManagedChannel channel = hub.channelFrom("127.0.0.11");
        try {
            var whoAmI = hub.as(AccessServiceGrpc.newBlockingStub(channel), market.token(participant));
            whoAmI.whoAmI(WhoAmIRequest.getDefaultInstance());

            long start = System.nanoTime();
            StatusRuntimeException refused = HubClient.refused(() -> whoAmI.whoAmI(WhoAmIRequest.getDefaultInstance()));
            Duration answeredAfter = Duration.ofNanos(System.nanoTime() - start);

            assertThat(code(refused)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(reason(refused)).isEqualTo("RateLimited");
            assertThat(retryDelay(refused))
                    .hasValueSatisfying(delay -> assertThat(delay).isPositive());
            assertThat(answeredAfter).isGreaterThanOrEqualTo(DELAY.minusMillis(50));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aConnectionFiringCallsAsFastAsItCanGetsAtMostItsOpenCallsRefusedPerDelay() throws Exception {
        Market market = new Market(hub);
        String participant = Market.register(hub.operatorIsd(), "QPEF", MarketRole.MARKET_ROLE_SUPPLIER);
        ManagedChannel channel = hub.channelFrom("127.0.0.12");
        try {
            var whoAmI = hub.as(AccessServiceGrpc.newFutureStub(channel), market.token(participant));
            int calls = 40;
            long start = System.nanoTime();
            List<ListenableFuture<WhoAmIResponse>> fired = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                fired.add(whoAmI.withDeadlineAfter(60, TimeUnit.SECONDS).whoAmI(WhoAmIRequest.getDefaultInstance()));
            }
            int rateLimited = 0;
            for (ListenableFuture<WhoAmIResponse> call : fired) {
                try {
                    call.get();
                } catch (ExecutionException e) {
                    StatusRuntimeException refusal = (StatusRuntimeException) e.getCause();
                    assertThat(reason(refusal)).isEqualTo("RateLimited");
                    rateLimited++;
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // the bucket lets about one call a second through; every other call was held for the delay, at most
            // five at a time on the connection
            assertThat(rateLimited).isGreaterThanOrEqualTo(calls - 1 - (int) took.toSeconds() - 1);
            long rounds = rateLimited / CALLS_PER_CONNECTION;
            assertThat(took).isGreaterThanOrEqualTo(DELAY.multipliedBy(rounds).minusMillis(200));
        } finally {
            channel.shutdownNow();
        }
    }
}
