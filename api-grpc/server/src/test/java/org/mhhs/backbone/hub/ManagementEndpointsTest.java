package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Operators probe readiness and scrape metrics on the management port, Axon's processor metrics included. */
@HubIntegrationTest
class ManagementEndpointsTest {

    @LocalServerPort
    int managementPort;

    @Autowired
    HubClient hub;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessIsUpOnceTheOperatorCanAct() throws Exception {
        hub.operatorToken();

        HttpResponse<String> readiness = get("/actuator/health/readiness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void prometheusExposesTheEventProcessorsMetrics() {
        hub.operatorToken();

        await().untilAsserted(() -> {
            HttpResponse<String> metrics = get("/actuator/prometheus");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("eventProcessor_").contains("processorName=\"isd\"");
        });
    }

    @Test
    void prometheusExposesTheSubscriptionMetrics() {
        await().untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
                .containsPattern("(?m)^hub_subscriptions_connected\\{[^}]*} \\d")
                .containsPattern("(?m)^hub_subscriptions_lag_max\\{[^}]*} \\d")
                .containsPattern("(?m)^hub_subscriptions_events_delivered_total\\{[^}]*} \\d")
                .containsPattern("(?m)^hub_feed_head_position\\{[^}]*} \\d"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
