package org.mhhs.backbone.access;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SecurityModeGuardTest {

    @Test
    void productionModeStartsWithTlsAndClientCertificatesRequested() {
        assertThatCode(() -> new SecurityModeGuard(
                        mode(SecurityProperties.Mode.MTLS), tls(true), listener(true, "optional")))
                .doesNotThrowAnyException();
        assertThatCode(() -> new SecurityModeGuard(
                        mode(SecurityProperties.Mode.MTLS),
                        tls(true),
                        listener(true, "require").withProperty("spring.profiles.active", "axonserver")))
                .doesNotThrowAnyException();
    }

    @Test
    void productionModeRefusesToStartWithoutTlsOrWithoutClientCertificates() {
        assertThatThrownBy(() -> new SecurityModeGuard(
                        mode(SecurityProperties.Mode.MTLS), tls(false), listener(false, "optional")))
                .hasMessageContaining("hub.security.mode=mtls needs TLS");
        assertThatThrownBy(() -> new SecurityModeGuard(
                        mode(SecurityProperties.Mode.MTLS), tls(true), listener(false, "optional")))
                .hasMessageContaining("hub.security.mode=mtls needs TLS");
        assertThatThrownBy(() ->
                        new SecurityModeGuard(mode(SecurityProperties.Mode.MTLS), tls(true), listener(true, "none")))
                .hasMessageContaining("client certificates");
    }

    @Test
    void theProductionProfileRefusesTheDevelopmentMode() {
        MockEnvironment production = listener(false, "none");
        production.setActiveProfiles("axonserver");
        assertThatThrownBy(() -> new SecurityModeGuard(mode(SecurityProperties.Mode.DEV), tls(false), production))
                .hasMessageContaining("runs only with mutual TLS");
        assertThatCode(() ->
                        new SecurityModeGuard(mode(SecurityProperties.Mode.DEV), tls(false), listener(false, "none")))
                .doesNotThrowAnyException();
    }

    private static SecurityProperties mode(SecurityProperties.Mode mode) {
        return new SecurityProperties(mode);
    }

    private static TlsProperties tls(boolean enabled) {
        return new TlsProperties(
                enabled, Path.of("tls"), "", "", "", "", true, List.of("localhost"), Duration.ofDays(1));
    }

    private static MockEnvironment listener(boolean ssl, String clientAuth) {
        return new MockEnvironment()
                .withProperty("spring.grpc.server.ssl.enabled", String.valueOf(ssl))
                .withProperty("spring.grpc.server.ssl.client-auth", clientAuth);
    }
}
