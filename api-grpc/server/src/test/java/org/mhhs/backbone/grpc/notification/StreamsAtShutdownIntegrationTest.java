package org.mhhs.backbone.grpc.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.GetSubscriptionRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.SubscriptionServiceGrpc;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.RunningHub;
import org.mhhs.backbone.testing.TestSubscriber;

/**
 * When the hub stops, every open subscription ends with UNAVAILABLE and the advice to reconnect with
 * START_FROM_LAST_ACKNOWLEDGED (README "Subscribing to events"); reconnecting so to the restarted hub resumes right
 * after the last acknowledgement. A hub of its own, stopped and started on one data directory.
 */
class StreamsAtShutdownIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void anOpenStreamEndsUnavailableWhenTheHubStopsAndResumesAfterItsAcknowledgementOnceReopened() {
        String operator;
        String acknowledgedParticipant;
        String nextParticipant;
        long acknowledgedPosition;
        StatusRuntimeException ended;
        try (RunningHub hub = RunningHub.start(dataDir)) {
            operator = hub.operatorToken();
            var isd = hub.as(IsdServiceGrpc.newBlockingStub(hub.channel()), operator);
            acknowledgedParticipant = Market.register(isd, MarketIds.mpid('S'), MarketRole.MARKET_ROLE_SUPPLIER);
            nextParticipant = Market.register(isd, MarketIds.mpid('S'), MarketRole.MARKET_ROLE_SUPPLIER);
            TestSubscriber subscriber = TestSubscriber.open(
                    hub.channel(),
                    operator,
                    TestSubscriber.from("until-shutdown", StartFrom.START_FROM_BEGINNING)
                            .build());
            EventEnvelope acknowledged =
                    subscriber.awaitEvent(event -> TestSubscriber.registered(event, acknowledgedParticipant));
            subscriber.awaitEvent(event -> TestSubscriber.registered(event, nextParticipant));
            acknowledgedPosition = acknowledged.getPosition();
            subscriber.ack(acknowledgedPosition);
            var subscriptions = SubscriptionServiceGrpc.newBlockingStub(hub.channel())
                    .withCallCredentials(HubClient.bearer(operator));
            await().ignoreExceptions()
                    .until(() -> subscriptions
                                    .getSubscription(GetSubscriptionRequest.newBuilder()
                                            .setSubscriptionName("until-shutdown")
                                            .build())
                                    .getAcknowledgedPosition()
                            == acknowledged.getPosition());

            hub.context().close();
            ended = subscriber.awaitEnd();
        }

        assertThat(ended).isNotNull();
        assertThat(ended.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(ended.getStatus().getDescription()).contains("START_FROM_LAST_ACKNOWLEDGED");
        try (RunningHub restarted = RunningHub.start(dataDir);
                TestSubscriber resumed = TestSubscriber.open(
                        restarted.channel(),
                        restarted.operatorToken(),
                        TestSubscriber.from("until-shutdown", StartFrom.START_FROM_LAST_ACKNOWLEDGED)
                                .build())) {
            resumed.awaitEvent(event -> TestSubscriber.registered(event, nextParticipant));

            assertThat(resumed.events())
                    .as("after the acknowledged registration of %s", acknowledgedParticipant)
                    .allSatisfy(event -> assertThat(event.getPosition()).isGreaterThan(acknowledgedPosition))
                    .noneMatch(event -> TestSubscriber.registered(event, acknowledgedParticipant));
        }
    }
}
