package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The container health check reports a ready hub as ready, a hub refusing traffic and a port without a hub as not
 * ready; readiness answers 503 unless the hub is UP or only DEGRADED.
 */
@HubIntegrationTest
class ReadinessProbeTest {

    @LocalServerPort
    int managementPort;

    @Autowired
    HubClient hub;

    @Autowired
    ApplicationContext context;

    @Test
    void aReadyHubPassesTheProbe() {
        hub.operatorToken();

        assertThat(ReadinessProbe.isReady(managementPort)).isTrue();
    }

    @Test
    void aHubRefusingTrafficAnswersReadiness503AndFailsTheProbe() throws Exception {
        hub.operatorToken();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"))
                .build();
        try {
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);

            HttpResponse<String> refusing = http.send(readiness, HttpResponse.BodyHandlers.ofString());
            assertThat(refusing.statusCode()).isEqualTo(503);
            assertThat(refusing.body()).contains("OUT_OF_SERVICE");
            assertThat(ReadinessProbe.isReady(managementPort)).isFalse();
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(http.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aPortWithoutAHubFailsTheProbe() throws IOException {
        int unused;
        try (ServerSocket socket = new ServerSocket(0)) {
            unused = socket.getLocalPort();
        }

        assertThat(ReadinessProbe.isReady(unused)).isFalse();
    }
}
