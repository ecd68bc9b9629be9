package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The container health check reports a ready hub as ready and a port without a hub as not ready. */
@HubIntegrationTest
class ReadinessProbeTest {

    @LocalServerPort
    int managementPort;

    @Autowired
    HubClient hub;

    @Test
    void aReadyHubPassesTheProbe() {
        hub.operatorToken();

        assertThat(ReadinessProbe.isReady(managementPort)).isTrue();
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
