package org.mhhs.backbone.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.SubscriptionServiceGrpc;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.RawCall;
import org.springframework.beans.factory.annotation.Autowired;

/** Bytes that are no message of the RPC's request type, and messages beyond the size limit, are refused cleanly. */
@HubIntegrationTest
class MalformedRequestTest {

    /** Field 1 (length-delimited) announcing five bytes and carrying one: the input ends inside the field. */
    private static final byte[] TRUNCATED = {0x0A, 0x05, 0x41};

    private static final int NINE_MEGABYTES = 9 * 1024 * 1024;

    @Autowired
    HubClient hub;

    private Market market;

    @BeforeEach
    void market() {
        market = new Market(hub);
    }

    @Test
    void aCommandThatIsNoProtobufMessageIsInvalidArgumentAndStoresNothing() {
        long events = hub.storedEvents();

        RawCall.Outcome outcome = RawCall.call(
                hub.channel(),
                IsdServiceGrpc.getRegisterParticipantMethod(),
                HubClient.bearer(hub.operatorToken()),
                List.of(TRUNCATED));

        assertThat(outcome.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(outcome.reason()).isEqualTo("MalformedRequest");
        assertThat(outcome.status().getDescription()).contains("mhhs.backbone.v1.IsdService/RegisterParticipant");
        assertThat(hub.storedEvents()).isEqualTo(events);
    }

    @Test
    void aMalformedItemOnAClientStreamEndsTheStreamWithInvalidArgument() {
        String dataService = market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE);

        RawCall.Outcome outcome = RawCall.call(
                hub.channel(),
                MeteringServiceGrpc.getSubmitConsumptionStreamMethod(),
                HubClient.bearer(market.token(dataService)),
                List.of(TRUNCATED, TRUNCATED));

        assertThat(outcome.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(outcome.reason()).isEqualTo("MalformedRequest");
    }

    @Test
    void aMalformedMessageOnABidirectionalStreamEndsItWithInvalidArgument() {
        String supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);

        RawCall.Outcome outcome = RawCall.call(
                hub.channel(),
                SubscriptionServiceGrpc.getSubscribeMethod(),
                HubClient.bearer(market.token(supplier)),
                List.of(TRUNCATED));

        assertThat(outcome.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(outcome.reason()).isEqualTo("MalformedRequest");
    }

    @Test
    void credentialsAreCheckedBeforeTheRequestIsRead() {
        RawCall.Outcome outcome =
                RawCall.call(hub.channel(), IsdServiceGrpc.getRegisterParticipantMethod(), null, List.of(TRUNCATED));

        assertThat(outcome.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void aRequestBeyondTheSizeLimitIsResourceExhaustedAndStoresNothing() {
        long events = hub.storedEvents();
        byte[] oversized = RegisterParticipantRequest.newBuilder()
                .setHeader(HubClient.newCommand())
                .setParticipantId(MarketIds.mpid('O'))
                .setName("x".repeat(NINE_MEGABYTES))
                .build()
                .toByteArray();

        RawCall.Outcome outcome = RawCall.call(
                hub.channel(),
                IsdServiceGrpc.getRegisterParticipantMethod(),
                HubClient.bearer(hub.operatorToken()),
                List.of(oversized));

        assertThat(outcome.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(hub.storedEvents()).isEqualTo(events);
    }
}
