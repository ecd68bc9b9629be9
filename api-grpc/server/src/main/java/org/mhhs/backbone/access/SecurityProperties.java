package org.mhhs.backbone.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How participants authenticate (README "Security").
 *
 * @param mode {@code mtls} (the default, and the only mode the production profile starts with): TLS with client
 *             certificates registered by fingerprint; bearer tokens are refused. {@code dev}: bearer tokens are
 *             accepted as well, and the listener may be plaintext; for development and the test suite only.
 */
@ConfigurationProperties("hub.security")
public record SecurityProperties(@DefaultValue("mtls") Mode mode) {

    public enum Mode {
        MTLS,
        DEV
    }

    public boolean bearerTokensAccepted() {
        return mode == Mode.DEV;
    }
}
