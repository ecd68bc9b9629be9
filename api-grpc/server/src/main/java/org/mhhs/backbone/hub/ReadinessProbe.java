package org.mhhs.backbone.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container health check for images without a shell or curl: exits 0 when the hub's readiness endpoint answers
 * 200, 1 otherwise. It uses the JDK only, so it runs with the hub's classes alone on the class path
 * ({@code java -cp /app/classes org.mhhs.backbone.hub.ReadinessProbe [port]}, port 9091 by default).
 */
public final class ReadinessProbe {

    static final String PATH = "/actuator/health/readiness";

    private ReadinessProbe() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9091;
        System.exit(isReady(port) ? 0 : 1);
    }

    public static boolean isReady(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .timeout(Duration.ofSeconds(3)).build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
