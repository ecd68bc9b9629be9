package org.mhhs.backbone.access;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS of the gRPC listener (README "Security").
 *
 * @param enabled            TLS on the gRPC listener; off only in development mode
 * @param directory          where the hub keeps (and on a first start without certificates, creates) its files
 * @param serverCertificate  the hub's certificate chain (PEM); blank: {@code directory/server.crt}
 * @param serverPrivateKey   its private key (PEM); blank: {@code directory/server.key}
 * @param clientCa           the CA certificate(s) that issue participant certificates (PEM); blank:
 *                           {@code directory/ca.crt}
 * @param clientCaPrivateKey that CA's private key, used only to issue the first operator's certificate on an empty
 *                           hub; blank: {@code directory/ca.key} if it exists
 * @param generateIfMissing  on a start without the files, create a CA, a server certificate and keys in directory
 * @param serverNames        DNS names and IP addresses of the generated server certificate
 * @param validity           validity of generated server and operator certificates (the generated CA: 10 years)
 */
@ConfigurationProperties("hub.tls")
public record TlsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("hub-data/tls") Path directory,
        @DefaultValue("") String serverCertificate,
        @DefaultValue("") String serverPrivateKey,
        @DefaultValue("") String clientCa,
        @DefaultValue("") String clientCaPrivateKey,
        @DefaultValue("true") boolean generateIfMissing,
        @DefaultValue({"localhost", "127.0.0.1"}) List<String> serverNames,
        @DefaultValue("397d") Duration validity) {

    Path serverCertificatePath() {
        return orDefault(serverCertificate, "server.crt");
    }

    Path serverPrivateKeyPath() {
        return orDefault(serverPrivateKey, "server.key");
    }

    Path clientCaPath() {
        return orDefault(clientCa, "ca.crt");
    }

    Path clientCaPrivateKeyPath() {
        return orDefault(clientCaPrivateKey, "ca.key");
    }

    private Path orDefault(String configured, String fileName) {
        return configured.isBlank() ? directory.resolve(fileName) : Path.of(configured);
    }
}
