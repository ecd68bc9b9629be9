package org.mhhs.backbone.grpc.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mhhs.backbone.HubApplication;
import org.mhhs.backbone.access.CertificateIssuer;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RegisterCertificateRequest;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production mode on an empty data directory, as on a first start: the hub creates its CA, its server and
 * operator certificates and its master key, each private file readable by its user only; the test signs crafted
 * client certificates with that CA. A certificate not valid yet, one for server authentication only, and one whose
 * extended key usage cannot be read are each refused, on a call (UNAUTHENTICATED) and when the operator registers it
 * (FAILED_PRECONDITION), with the rule as reason and nothing registered.
 */
@SpringBootTest(
        classes = HubApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hub.security.mode=mtls", "hub.tls.enabled=true"})
@ActiveProfiles("test")
@Import(HubClient.class)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateChecksIntegrationTest {

    private static final Path DATA = dataDirectory();
    private static final Path TLS = DATA.resolve("tls");
    private static final Instant NOW = Instant.now();

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    private final List<ManagedChannel> channels = new ArrayList<>();
    private volatile ManagedChannel operator;

    @DynamicPropertySource
    static void emptyDataDirectory(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", DATA::toString);
    }

    @AfterAll
    void closeChannels() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theHubWritesThePrivateKeysItCreatesAndTheMasterKeyReadableByItsUserOnly() throws IOException {
        operatorChannel();

        for (Path secret : List.of(
                TLS.resolve("ca.key"),
                TLS.resolve("server.key"),
                TLS.resolve("operator.key"),
                DATA.resolve("master.key"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                    .as(secret.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(Files.readString(TLS.resolve("ca.key"))).contains("PRIVATE KEY");
    }

    @Test
    void aCertificateNotValidUntilTomorrowIsRefusedOnACallAndWhenRegistered() {
        String supplier = supplier();
        CertificateIssuer.Issued tomorrow =
                CertificateIssuer.client(ca(), supplier, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

        assertRefused(supplier, tomorrow, "CertificateNotYetValid");
    }

    @Test
    void aCertificateForServerAuthenticationOnlyIsRefusedOnACallAndWhenRegistered() {
        String supplier = supplier();
        CertificateIssuer.Issued serverOnly = CertificateIssuer.server(
                ca(), List.of(supplier), NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)));

        assertRefused(supplier, serverOnly, "CertificateNotForClientAuthentication");
    }

    @Test
    void aCertificateWhoseExtendedKeyUsageCannotBeReadIsRefusedOnACallAndWhenRegistered() {
        String supplier = supplier();

        assertRefused(supplier, unreadableExtendedKeyUsage(supplier), "CertificateMalformed");
    }

    private void assertRefused(String participant, CertificateIssuer.Issued certificate, String rule) {
        StatusRuntimeException onACall =
                refused(() -> access(channel(certificate)).whoAmI(WhoAmIRequest.getDefaultInstance()));
        StatusRuntimeException registering = refused(() -> access(operatorChannel())
                .registerCertificate(RegisterCertificateRequest.newBuilder()
                        .setParticipantId(participant)
                        .setCertificatePem(certificate.certificatePem())
                        .build()));

        assertThat(code(onACall)).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
        assertThat(reason(onACall)).isEqualTo(rule);
        assertThat(code(registering)).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION);
        assertThat(reason(registering)).isEqualTo(rule);
        assertThat(jdbc.sql("SELECT count(*) FROM access.client_certificate WHERE participant_id = :p")
                        .param("p", participant)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** A client certificate of the hub's CA whose extended key usage extension holds an INTEGER, not a sequence. */
    private CertificateIssuer.Issued unreadableExtendedKeyUsage(String participant) {
        CertificateIssuer.Issued authority = ca();
        KeyPair keys = CertificateIssuer.newKeyPair();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(
                            authority.certificate().getSubjectX500Principal().getEncoded()),
                    BigInteger.valueOf(NOW.toEpochMilli()),
                    Date.from(NOW.minus(Duration.ofHours(1))),
                    Date.from(NOW.plus(Duration.ofDays(30))),
                    new X500Name("CN=" + participant),
                    keys.getPublic());
            builder.addExtension(Extension.extendedKeyUsage, false, new byte[] {0x02, 0x01, 0x05});
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(
                            new JcaContentSignerBuilder("SHA256withECDSA").build(authority.privateKey())));
            return new CertificateIssuer.Issued(certificate, keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the test certificate", e);
        }
    }

    private String supplier() {
        return Market.register(
                IsdServiceGrpc.newBlockingStub(operatorChannel()),
                MarketIds.mpid('S'),
                MarketRole.MARKET_ROLE_SUPPLIER);
    }

    /** The CA the hub created on its first start, with its key. */
    private CertificateIssuer.Issued ca() {
        operatorChannel();
        try {
            return new CertificateIssuer.Issued(
                    org.mhhs.backbone.access.HubTls.readCertificates(Files.readString(TLS.resolve("ca.crt")))
                            .getFirst(),
                    CertificateIssuer.readPrivateKey(Files.readString(TLS.resolve("ca.key"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ManagedChannel operatorChannel() {
        if (operator == null) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(TLS.resolve("operator.key")));
            try {
                operator = channel(TlsChannelCredentials.newBuilder()
                        .keyManager(
                                TLS.resolve("operator.crt").toFile(),
                                TLS.resolve("operator.key").toFile())
                        .trustManager(TLS.resolve("ca.crt").toFile())
                        .build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> access(operator)
                            .whoAmI(WhoAmIRequest.getDefaultInstance())
                            .getParticipantId()
                            .equals("OPER"));
        }
        return operator;
    }

    /** A TLS channel presenting the certificate and trusting the hub's own CA. */
    private ManagedChannel channel(CertificateIssuer.Issued certificate) {
        try {
            return channel(TlsChannelCredentials.newBuilder()
                    .keyManager(
                            new ByteArrayInputStream(
                                    certificate.certificatePem().getBytes(StandardCharsets.US_ASCII)),
                            new ByteArrayInputStream(certificate.privateKeyPem().getBytes(StandardCharsets.US_ASCII)))
                    .trustManager(TLS.resolve("ca.crt").toFile())
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ManagedChannel channel(io.grpc.ChannelCredentials credentials) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", hub.port(), credentials)
                .build();
        channels.add(channel);
        return channel;
    }

    private static AccessServiceGrpc.AccessServiceBlockingStub access(ManagedChannel channel) {
        return AccessServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static Path dataDirectory() {
        try {
            return Files.createTempDirectory("hub-first-start");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
