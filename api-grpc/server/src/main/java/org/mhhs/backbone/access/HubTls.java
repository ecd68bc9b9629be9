package org.mhhs.backbone.access;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.stereotype.Component;

/**
 * The certificates of the gRPC listener. Registers the SSL bundle {@value #BUNDLE} that Spring gRPC serves with
 * (server certificate and key), and holds the client CA that participant certificates must chain to.
 *
 * <p>On a start without certificate files (the embedded default), creates them once in {@code hub.tls.directory}: a
 * certificate authority (10 years), the hub's server certificate for {@code hub.tls.server-names}, with the private
 * keys readable only by the hub's user. In production the operator provides the files instead (and may keep the CA's
 * private key away from the hub altogether).
 */
@Component
public class HubTls implements SslBundleRegistrar {

    public static final String BUNDLE = "hub-grpc";

    /**
     * Certificates live in real time: clients check the hub's certificate by their system clocks, and participants'
     * certificates are issued by theirs. So the hub makes and checks every certificate by the system clock, not by
     * the market's clock (which tests may move, see hub/HubClock): a certificate valid now is valid to the hub.
     */
    static final Clock CERTIFICATE_CLOCK = Clock.systemUTC();

    private static final Logger log = LoggerFactory.getLogger(HubTls.class);
    private static final Duration CA_VALIDITY = Duration.ofDays(3653);

    private final TlsProperties properties;
    private volatile List<X509Certificate> clientCa;
    private volatile Set<TrustAnchor> clientCaAnchors;

    HubTls(TlsProperties properties) {
        this.properties = properties;
    }

    @Override
    public void registerBundles(SslBundleRegistry registry) {
        if (!properties.enabled()) {
            return;
        }
        ensureFiles();
        PemSslStoreDetails key = new PemSslStoreDetails(
                null, location(properties.serverCertificatePath()), location(properties.serverPrivateKeyPath()));
        PemSslStoreDetails trust = PemSslStoreDetails.forCertificates(location(properties.clientCaPath()));
        registry.registerBundle(BUNDLE, SslBundle.of(new PemSslStoreBundle(key, trust)));
        log.info(
                "gRPC TLS: server certificate {}, participant certificates must chain to {}",
                properties.serverCertificatePath().toAbsolutePath(),
                properties.clientCaPath().toAbsolutePath());
    }

    public boolean enabled() {
        return properties.enabled();
    }

    /** The certificate authorities participant certificates must be issued by. */
    public List<X509Certificate> clientCaCertificates() {
        List<X509Certificate> loaded = clientCa;
        if (loaded == null) {
            loaded = readCertificates(read(properties.clientCaPath()));
            if (loaded.isEmpty()) {
                throw new IllegalStateException("no certificate in " + properties.clientCaPath());
            }
            clientCa = loaded;
        }
        return loaded;
    }

    /** The same, as the trust anchors of a PKIX validation. */
    Set<TrustAnchor> clientCaTrustAnchors() {
        Set<TrustAnchor> anchors = clientCaAnchors;
        if (anchors == null) {
            anchors = clientCaCertificates().stream()
                    .map(ca -> new TrustAnchor(ca, null))
                    .collect(Collectors.toUnmodifiableSet());
            clientCaAnchors = anchors;
        }
        return anchors;
    }

    /** The client CA with its private key, when the hub holds it (it created it, or the operator put it there). */
    Optional<CertificateIssuer.Issued> clientCaWithKey() {
        Path keyFile = properties.clientCaPrivateKeyPath();
        if (!Files.isReadable(keyFile)) {
            return Optional.empty();
        }
        return Optional.of(new CertificateIssuer.Issued(
                clientCaCertificates().getFirst(), CertificateIssuer.readPrivateKey(read(keyFile))));
    }

    TlsProperties properties() {
        return properties;
    }

    private void ensureFiles() {
        Path certificate = properties.serverCertificatePath();
        Path privateKey = properties.serverPrivateKeyPath();
        Path ca = properties.clientCaPath();
        boolean allPresent = Files.exists(certificate) && Files.exists(privateKey) && Files.exists(ca);
        if (allPresent) {
            return;
        }
        boolean anyConfigured = !properties.serverCertificate().isBlank()
                || !properties.serverPrivateKey().isBlank()
                || !properties.clientCa().isBlank();
        if (!properties.generateIfMissing() || anyConfigured || Files.exists(certificate) || Files.exists(ca)) {
            throw new IllegalStateException("TLS is on but its files are missing: server certificate " + certificate
                    + ", server private key " + privateKey + ", client CA " + ca
                    + " (set hub.tls.server-certificate, hub.tls.server-private-key and hub.tls.client-ca, "
                    + "or leave them unset on an empty hub.tls.directory to have the hub create them)");
        }
        Instant now = CERTIFICATE_CLOCK.instant();
        CertificateIssuer.Issued authority = CertificateIssuer.certificateAuthority(
                "MHHS hub CA", now.minus(Duration.ofMinutes(5)), now.plus(CA_VALIDITY));
        CertificateIssuer.Issued server = CertificateIssuer.server(
                authority, properties.serverNames(), now.minus(Duration.ofMinutes(5)), now.plus(properties.validity()));
        OwnerOnlyFiles.write(properties.clientCaPrivateKeyPath(), authority.privateKeyPem());
        OwnerOnlyFiles.writePublic(ca, authority.certificatePem());
        OwnerOnlyFiles.write(privateKey, server.privateKeyPem());
        OwnerOnlyFiles.writePublic(certificate, server.certificatePem() + authority.certificatePem());
        log.info(
                "First start with TLS: created a certificate authority ({}) and the hub's server certificate for {} "
                        + "in {}",
                ca.getFileName(),
                properties.serverNames(),
                properties.directory().toAbsolutePath());
    }

    public static List<X509Certificate> readCertificates(String pem) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not PEM X.509 certificates: " + e.getMessage(), e);
        }
    }

    private static String location(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
