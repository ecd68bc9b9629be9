package org.mhhs.bench.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Samples the hub's connection pool (Hikari's {@code hikaricp.connections.active} and {@code .pending} on the
 * management listener) every 200 ms on a thread of its own until stopped, keeping the largest values seen.
 */
final class PoolSampler {

    private final String managementUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile double mostActive;
    private volatile double mostPending;

    PoolSampler(String managementUrl) {
        this.managementUrl = managementUrl;
        this.thread = Thread.ofPlatform().daemon().name("pool-sampler").start(this::sample);
    }

    private void sample() {
        while (running.get()) {
            try {
                mostActive = Math.max(mostActive, metric("hikaricp.connections.active"));
                mostPending = Math.max(mostPending, metric("hikaricp.connections.pending"));
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a sample the hub could not answer in time is skipped
            }
        }
    }

    private double metric(String name) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(managementUrl + "/actuator/metrics/" + name))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body())
                .get("measurements")
                .get(0)
                .get("value")
                .asDouble();
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join();
    }

    double mostActive() {
        return mostActive;
    }

    double mostPending() {
        return mostPending;
    }
}
