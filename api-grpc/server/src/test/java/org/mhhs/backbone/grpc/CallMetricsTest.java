package org.mhhs.backbone.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Operators see every finished call by status code, refused ones included, in hub_grpc_calls_total. */
@HubIntegrationTest
class CallMetricsTest {

    private static final String ACCESS_SERVICE = "mhhs.backbone.v1.AccessService";

    @Autowired
    HubClient hub;

    @Autowired
    MeterRegistry registry;

    @Test
    void aCallRefusedForWantOfCredentialsIsCountedAsUnauthenticated() {
        hub.awaitServing();
        double before = calls("WhoAmI", "UNAUTHENTICATED");

        assertThatThrownBy(() ->
                        AccessServiceGrpc.newBlockingStub(hub.channel()).whoAmI(WhoAmIRequest.getDefaultInstance()))
                .isInstanceOf(StatusRuntimeException.class);

        await().untilAsserted(
                        () -> assertThat(calls("WhoAmI", "UNAUTHENTICATED")).isEqualTo(before + 1));
    }

    @Test
    void anAnsweredCallIsCountedAsOk() {
        String token = hub.operatorToken();
        double before = calls("WhoAmI", "OK");

        hub.access(token).whoAmI(WhoAmIRequest.getDefaultInstance());

        await().untilAsserted(() -> assertThat(calls("WhoAmI", "OK")).isEqualTo(before + 1));
    }

    private double calls(String method, String code) {
        Counter counter = registry.find(CallMetricsInterceptor.METER)
                .tags("service", ACCESS_SERVICE, "method", method, "code", code)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
