package org.mhhs.backbone.grpc.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.GetSubscriptionRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.SubscriptionServiceGrpc;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A subscription's acknowledgement exists once the subscriber acknowledged something, not when it merely opened (which
 * registers the name only).
 */
@HubIntegrationTest
class AcknowledgementsApiIntegrationTest {

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSubscriptionOpenedButNeverAcknowledgedHasNoAcknowledgementToRead() {
        Market market = new Market(hub);
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        String token = market.token(supplier);
        try (TestSubscriber subscriber = TestSubscriber.open(
                hub.channel(),
                token,
                TestSubscriber.from("never-acked", StartFrom.START_FROM_LATEST).build())) {
            subscriber.opened();

            var refusal = refused(() -> hub.as(SubscriptionServiceGrpc.newBlockingStub(hub.channel()), token)
                    .getSubscription(GetSubscriptionRequest.newBuilder()
                            .setSubscriptionName("never-acked")
                            .build()));

            assertThat(code(refusal)).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(reason(refusal)).isEqualTo("SubscriptionMustHaveAcknowledgements");
            assertThat(jdbc.sql("SELECT acknowledged_position || '/' || (acknowledged_at IS NULL)"
                                    + " FROM notification.subscription WHERE participant_id = :p")
                            .param("p", supplier)
                            .query(String.class)
                            .list())
                    .as("registered by the opening (it counts against the quota), nothing acknowledged")
                    .containsExactly("0/true");
        }
    }
}
