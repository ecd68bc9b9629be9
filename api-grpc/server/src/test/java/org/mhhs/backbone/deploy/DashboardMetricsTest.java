package org.mhhs.backbone.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every metric the Grafana dashboard queries is one the hub exposes on /actuator/prometheus. */
@HubIntegrationTest
class DashboardMetricsTest {

    private static final Set<String> PROMQL_WORDS = Set.of(
            "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or", "unless");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @LocalServerPort
    int managementPort;

    @Autowired
    HubClient hub;

    @Test
    void everyMetricOfTheDashboardIsExposedByTheHub() throws IOException {
        Set<String> queried = metricsOfTheDashboard();
        assertThat(queried)
                .contains(
                        "hub_subscriptions_connected",
                        "hub_subscriptions_lag_max",
                        "eventProcessor_latency",
                        "hub_grpc_calls_total",
                        "hub_projection_dead_letters");

        // The operator's bootstrap sends commands and runs every processor; the health check is a gRPC call.
        hub.operatorToken();

        await().untilAsserted(() -> {
            Set<String> missing = new TreeSet<>(queried);
            missing.removeAll(exposedMetrics());
            assertThat(missing)
                    .as("metrics the dashboard queries but the hub does not expose")
                    .isEmpty();
        });
    }

    @Test
    void metricNamesAreTakenFromQueriesNotLabelsOrFunctions() {
        assertThat(metricNames("sum by (code) (rate(hub_grpc_calls_total{code!=\"OK\", instance=~\"$i\"}[1m]))"
                        + " / sum(rate(grpc_server_seconds_count[5m]))"))
                .containsExactlyInAnyOrder("hub_grpc_calls_total", "grpc_server_seconds_count");
    }

    private static Set<String> metricsOfTheDashboard() throws IOException {
        Set<String> names = new TreeSet<>();
        new ObjectMapper()
                .readTree(DeployFiles.DASHBOARD.toFile())
                .findValuesAsText("expr")
                .forEach(expr -> names.addAll(metricNames(expr)));
        return names;
    }

    /** The metric names of a PromQL expression: identifiers outside label matchers, ranges and grouping clauses. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            boolean function = bare.substring(identifier.end()).matches("(?s)\\s*\\(.*");
            boolean number = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            if (!function && !number && !PROMQL_WORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private Set<String> exposedMetrics() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        response.body()
                .lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }
}
