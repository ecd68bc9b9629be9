package org.mhhs.backbone.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a hub whose security settings contradict each other: mutual TLS without TLS on the listener, or
 * the development mode (bearer tokens, plaintext) under the production profile {@code axonserver}.
 */
@Component
class SecurityModeGuard {

    private static final Logger log = LoggerFactory.getLogger(SecurityModeGuard.class);

    SecurityModeGuard(SecurityProperties security, TlsProperties tls, Environment environment) {
        boolean listenerTls = environment.getProperty("spring.grpc.server.ssl.enabled", Boolean.class, false);
        String clientAuth = environment.getProperty("spring.grpc.server.ssl.client-auth", "none");
        if (security.mode() == SecurityProperties.Mode.MTLS) {
            if (!tls.enabled() || !listenerTls || clientAuth.equalsIgnoreCase("none")) {
                throw new IllegalStateException("hub.security.mode=mtls needs TLS with client certificates on the "
                        + "gRPC listener (hub.tls.enabled=true, spring.grpc.server.ssl.enabled=true, "
                        + "spring.grpc.server.ssl.client-auth=optional or require); for development use the profile "
                        + "'dev'");
            }
            return;
        }
        if (environment.acceptsProfiles(Profiles.of("axonserver"))) {
            throw new IllegalStateException("the production profile 'axonserver' runs only with mutual TLS: remove "
                    + "hub.security.mode=dev (and the profile 'dev')");
        }
        log.warn(
                "DEVELOPMENT MODE (hub.security.mode=dev): bearer tokens are accepted{}; never use it in production",
                listenerTls ? "" : " and the gRPC listener is PLAINTEXT");
    }
}
