package org.mhhs.backbone.access;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * bootstrapOperatorId / bootstrapOperatorName: the operator participant created on the first start of an empty hub.
 * operatorTokenFile: where that operator's bearer token is written, once (development mode).
 * operatorCertificateFile / operatorPrivateKeyFile: with mutual TLS, where the operator's client certificate and key
 * are
 * written, once, when the hub holds its CA's key; otherwise an existing certificate there is registered for it.
 * bootstrapOnStart: whether this node creates the operator on an empty database (true; tests of wiring turn it off).
 */
@ConfigurationProperties("hub.access")
public record AccessProperties(
        @DefaultValue("OPER") String bootstrapOperatorId,
        @DefaultValue("Central service operator") String bootstrapOperatorName,
        @DefaultValue("hub-data/operator.token") Path operatorTokenFile,
        @DefaultValue("hub-data/tls/operator.crt") Path operatorCertificateFile,
        @DefaultValue("hub-data/tls/operator.key") Path operatorPrivateKeyFile,
        @DefaultValue("true") boolean bootstrapOnStart) {}
