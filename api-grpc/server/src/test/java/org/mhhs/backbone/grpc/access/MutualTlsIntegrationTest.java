package org.mhhs.backbone.grpc.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mhhs.backbone.HubApplication;
import org.mhhs.backbone.access.CertificateIssuer;
import org.mhhs.backbone.access.ClientCertificates;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.AuditCategory;
import org.mhhs.backbone.grpc.v1.AuditEntry;
import org.mhhs.backbone.grpc.v1.CertificateInfo;
import org.mhhs.backbone.grpc.v1.GetParticipantRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.mhhs.backbone.grpc.v1.ListAuditTrailRequest;
import org.mhhs.backbone.grpc.v1.ListCertificatesRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RegisterCertificateRequest;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.RevokeCertificateRequest;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;
import org.mhhs.backbone.grpc.v1.WhoAmIResponse;
import org.mhhs.backbone.hub.ReadinessProbe;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production mode through real TLS connections: participants are who their registered client certificate says,
 * and every other certificate (expired, from another CA, revoked, never registered) or none at all is refused with
 * UNAUTHENTICATED and a precise reason, as are bearer tokens. The test makes its own CA and certificates; the hub
 * issues the first operator's certificate with that CA's key, as it does on an empty production hub. The management
 * listener serves HTTPS with the hub's certificate, as the {@code axonserver} profile sets.
 */
@SpringBootTest(
        classes = HubApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hub.security.mode=mtls", "hub.tls.enabled=true", "server.ssl.bundle=hub-grpc"})
@ActiveProfiles("test")
@Import(HubClient.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutualTlsIntegrationTest {

    private static final Path TLS = tlsDirectory();
    private static final Instant NOW = Instant.now();
    private static final CertificateIssuer.Issued CA = CertificateIssuer.certificateAuthority(
            "Test hub CA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
    private static final CertificateIssuer.Issued OTHER_CA = CertificateIssuer.certificateAuthority(
            "Another CA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int managementPort;

    private final List<ManagedChannel> channels = new ArrayList<>();

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws IOException {
        CertificateIssuer.Issued server = CertificateIssuer.server(
                CA, List.of("localhost", "127.0.0.1"), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        Files.writeString(TLS.resolve("ca.crt"), CA.certificatePem());
        Files.writeString(TLS.resolve("ca.key"), CA.privateKeyPem());
        Files.writeString(TLS.resolve("server.crt"), server.certificatePem() + CA.certificatePem());
        Files.writeString(TLS.resolve("server.key"), server.privateKeyPem());
        Files.writeString(TLS.resolve("foreign.crt"), OTHER_CA.certificatePem());
        registry.add("hub.tls.directory", TLS::toString);
        registry.add("hub.tls.generate-if-missing", () -> "false");
    }

    @AfterAll
    void closeChannels() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFirstOperatorConnectsWithTheCertificateTheHubIssuedItFromTheOperatorsCa() throws IOException {
        WhoAmIResponse me = access(operatorChannel()).whoAmI(WhoAmIRequest.getDefaultInstance());

        assertThat(me.getParticipantId()).isEqualTo("OPER");
        assertThat(me.getAuthentication()).isEqualTo("client-certificate");
        assertThat(Files.readString(TLS.resolve("operator.key"))).contains("BEGIN PRIVATE KEY");
        assertThat(jdbc.sql("SELECT count(*) FROM axon.domain_event_entry WHERE encode(payload, 'escape') LIKE "
                                + "'%BEGIN%'")
                        .query(Long.class)
                        .single())
                .as("no certificate or key in the event store")
                .isZero();
    }

    @Test
    void aParticipantActsAsItselfWithItsRegisteredCertificate() {
        String supplier = participant('A', MarketRole.MARKET_ROLE_SUPPLIER);
        CertificateIssuer.Issued certificate = clientCertificate(CA, supplier, NOW.plus(Duration.ofDays(10)));

        CertificateInfo registered = access(operatorChannel())
                .registerCertificate(RegisterCertificateRequest.newBuilder()
                        .setParticipantId(supplier)
                        .setCertificatePem(certificate.certificatePem())
                        .setDescription("production client")
                        .build());

        assertThat(registered.getFingerprintSha256())
                .isEqualTo(ClientCertificates.fingerprint(certificate.certificate()));
        assertThat(registered.getParticipantId()).isEqualTo(supplier);
        assertThat(registered.getRegisteredBy()).isEqualTo("OPER");
        ManagedChannel channel = channel(certificate, CA);
        assertThat(access(channel).whoAmI(WhoAmIRequest.getDefaultInstance()).getParticipantId())
                .isEqualTo(supplier);
        assertThat(IsdServiceGrpc.newBlockingStub(channel)
                        .getParticipant(GetParticipantRequest.newBuilder()
                                .setParticipantId(supplier)
                                .build())
                        .getRolesCount())
                .isEqualTo(1);
        assertThat(refusal(() -> IsdServiceGrpc.newBlockingStub(channel)
                        .registerParticipant(RegisterParticipantRequest.newBuilder()
                                .setHeader(newCommand())
                                .setParticipantId(MarketIds.mpid('B'))
                                .setName("x")
                                .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED + "/RoleRequired");
        assertThat(access(operatorChannel())
                        .listCertificates(ListCertificatesRequest.newBuilder()
                                .setParticipantId(supplier)
                                .build())
                        .getCertificatesList())
                .extracting(CertificateInfo::getFingerprintSha256)
                .containsExactly(registered.getFingerprintSha256());
    }

    @Test
    void aRevokedCertificateIsRefusedFromTheNextCallOnEvenOnAnOpenConnection() {
        String supplier = participant('C', MarketRole.MARKET_ROLE_SUPPLIER);
        CertificateIssuer.Issued certificate = clientCertificate(CA, supplier, NOW.plus(Duration.ofDays(10)));
        String fingerprint = access(operatorChannel())
                .registerCertificate(RegisterCertificateRequest.newBuilder()
                        .setParticipantId(supplier)
                        .setCertificatePem(certificate.certificatePem())
                        .build())
                .getFingerprintSha256();
        ManagedChannel channel = channel(certificate, CA);
        assertThat(access(channel).whoAmI(WhoAmIRequest.getDefaultInstance()).getParticipantId())
                .isEqualTo(supplier);

        access(operatorChannel())
                .revokeCertificate(RevokeCertificateRequest.newBuilder()
                        .setFingerprintSha256(fingerprint)
                        .setReason("key compromised")
                        .build());

        assertThat(refusal(() -> access(channel).whoAmI(WhoAmIRequest.getDefaultInstance())))
                .isEqualTo(Status.Code.UNAUTHENTICATED + "/CertificateNotRegistered");
        assertThat(jdbc.sql("SELECT count(*) FROM access.client_certificate WHERE participant_id = :p")
                        .param("p", supplier)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(refusal(() -> access(operatorChannel())
                        .revokeCertificate(RevokeCertificateRequest.newBuilder()
                                .setFingerprintSha256(fingerprint)
                                .build())))
                .isEqualTo(Status.Code.NOT_FOUND + "/CertificateNotFound");
    }

    @Test
    void expiredForeignUnregisteredAndMissingCertificatesAndBearerTokensAreUnauthenticated() {
        String supplier = participant('D', MarketRole.MARKET_ROLE_SUPPLIER);
        CertificateIssuer.Issued expired =
                CertificateIssuer.client(CA, supplier, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)));
        CertificateIssuer.Issued foreign = clientCertificate(OTHER_CA, supplier, NOW.plus(Duration.ofDays(10)));
        CertificateIssuer.Issued unregistered = clientCertificate(CA, supplier, NOW.plus(Duration.ofDays(10)));
        String operatorToken = "mhhs_" + "x".repeat(43);

        assertThat(refusal(() -> access(channel(expired, CA)).whoAmI(WhoAmIRequest.getDefaultInstance())))
                .isEqualTo(Status.Code.UNAUTHENTICATED + "/CertificateExpired");
        assertThat(refusal(() -> access(channel(foreign, CA)).whoAmI(WhoAmIRequest.getDefaultInstance())))
                .isEqualTo(Status.Code.UNAUTHENTICATED + "/CertificateNotIssuedByHubCa");
        assertThat(refusal(() -> access(channel(unregistered, CA)).whoAmI(WhoAmIRequest.getDefaultInstance())))
                .isEqualTo(Status.Code.UNAUTHENTICATED + "/CertificateNotRegistered");
        assertThat(refusal(() -> access(channel(null, CA)).whoAmI(WhoAmIRequest.getDefaultInstance())))
                .isEqualTo(Status.Code.UNAUTHENTICATED + "/ClientCertificateRequired");
        assertThat(refusal(() ->
                        hub.as(access(channel(null, CA)), operatorToken).whoAmI(WhoAmIRequest.getDefaultInstance())))
                .isEqualTo(Status.Code.UNAUTHENTICATED + "/BearerTokensDisabled");

        ManagedChannel plaintext =
                track(NettyChannelBuilder.forAddress("localhost", hub.port(), InsecureChannelCredentials.create())
                        .build());
        assertThatThrownBy(() -> access(plaintext)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .whoAmI(WhoAmIRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode())
                                .isIn(Status.Code.UNAVAILABLE, Status.Code.INTERNAL, Status.Code.DEADLINE_EXCEEDED));
    }

    @Test
    void theOperatorCannotRegisterABadCertificateOrIssueBearerTokensInProductionMode() {
        String supplier = participant('E', MarketRole.MARKET_ROLE_SUPPLIER);
        AccessServiceGrpc.AccessServiceBlockingStub operator = access(operatorChannel());
        long before = registeredCertificates();

        assertThat(refusal(() -> operator.registerCertificate(RegisterCertificateRequest.newBuilder()
                        .setParticipantId(supplier)
                        .setCertificatePem(CertificateIssuer.client(
                                        CA, supplier, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)))
                                .certificatePem())
                        .build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION + "/CertificateExpired");
        assertThat(refusal(() -> operator.registerCertificate(RegisterCertificateRequest.newBuilder()
                        .setParticipantId(supplier)
                        .setCertificatePem(clientCertificate(OTHER_CA, supplier, NOW.plus(Duration.ofDays(5)))
                                .certificatePem())
                        .build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION + "/CertificateNotIssuedByHubCa");
        assertThat(refusal(() -> operator.registerCertificate(RegisterCertificateRequest.newBuilder()
                        .setParticipantId(supplier)
                        .setCertificatePem("-----BEGIN CERTIFICATE-----\nAAAA\n" + "-----END CERTIFICATE-----\n")
                        .build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT + "/InvalidArgument");
        assertThat(refusal(() -> operator.registerCertificate(RegisterCertificateRequest.newBuilder()
                        .setParticipantId(MarketIds.mpid('F'))
                        .setCertificatePem(clientCertificate(CA, "NONE", NOW.plus(Duration.ofDays(5)))
                                .certificatePem())
                        .build())))
                .isEqualTo(Status.Code.NOT_FOUND + "/ParticipantNotFound");
        CertificateIssuer.Issued twice = clientCertificate(CA, supplier, NOW.plus(Duration.ofDays(5)));
        operator.registerCertificate(RegisterCertificateRequest.newBuilder()
                .setParticipantId(supplier)
                .setCertificatePem(twice.certificatePem())
                .build());
        assertThat(refusal(() -> operator.registerCertificate(RegisterCertificateRequest.newBuilder()
                        .setParticipantId(supplier)
                        .setCertificatePem(twice.certificatePem())
                        .build())))
                .isEqualTo(Status.Code.ALREADY_EXISTS + "/CertificateAlreadyRegistered");
        assertThat(refusal(() -> operator.revokeCertificate(RevokeCertificateRequest.newBuilder()
                        .setFingerprintSha256("ABC")
                        .build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT + "/InvalidArgument");
        assertThat(refusal(() -> operator.issueToken(IssueTokenRequest.newBuilder()
                        .setParticipantId(supplier)
                        .build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION + "/BearerTokensDisabled");
        assertThat(registeredCertificates()).isEqualTo(before + 1);
    }

    @Test
    void deniedCallsOperatorReadsAndCredentialChangesAreInTheAppendOnlyAuditTrailOnlyTheOperatorReads() {
        String auditor = participant('G', MarketRole.MARKET_ROLE_AUDITOR);
        CertificateIssuer.Issued certificate = clientCertificate(CA, auditor, NOW.plus(Duration.ofDays(10)));
        AccessServiceGrpc.AccessServiceBlockingStub operator = access(operatorChannel());
        long start = operator
                .listAuditTrail(ListAuditTrailRequest.newBuilder()
                        .setAfterId(0)
                        .setPageSize(1000)
                        .build())
                .getEntriesList()
                .stream()
                .mapToLong(AuditEntry::getId)
                .max()
                .orElse(0);
        String fingerprint = operator.registerCertificate(RegisterCertificateRequest.newBuilder()
                        .setParticipantId(auditor)
                        .setCertificatePem(certificate.certificatePem())
                        .build())
                .getFingerprintSha256();
        ManagedChannel auditorChannel = channel(certificate, CA);
        IsdServiceGrpc.newBlockingStub(auditorChannel)
                .getParticipant(GetParticipantRequest.newBuilder()
                        .setParticipantId(auditor)
                        .build());
        assertThat(refusal(() -> access(auditorChannel).listAuditTrail(ListAuditTrailRequest.getDefaultInstance())))
                .isEqualTo(Status.Code.PERMISSION_DENIED + "/RoleRequired");
        refusal(() -> access(channel(
                        CertificateIssuer.client(
                                CA, auditor, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2))),
                        CA))
                .whoAmI(WhoAmIRequest.getDefaultInstance()));

        // denied calls reach the trail within a second or so, behind the call (access/DeniedCalls)
        await().untilAsserted(() -> {
            List<AuditEntry> trail = operator.listAuditTrail(ListAuditTrailRequest.newBuilder()
                            .setAfterId(start)
                            .setPageSize(1000)
                            .build())
                    .getEntriesList();
            assertThat(trail).anySatisfy(e -> {
                assertThat(e.getCategory()).isEqualTo(AuditCategory.CREDENTIAL_CHANGE);
                assertThat(e.getParticipantId()).isEqualTo("OPER");
                assertThat(e.getRpc()).endsWith("AccessService/RegisterCertificate");
                assertThat(e.getDetail()).contains(fingerprint, auditor);
            });
            assertThat(trail).anySatisfy(e -> {
                assertThat(e.getCategory()).isEqualTo(AuditCategory.PRIVILEGED_READ);
                assertThat(e.getParticipantId()).isEqualTo(auditor);
                assertThat(e.getRpc()).endsWith("IsdService/GetParticipant");
                assertThat(e.getOutcome()).isEqualTo("OK");
                assertThat(e.getAuthentication()).isEqualTo("client-certificate");
            });
            assertThat(trail).anySatisfy(e -> {
                assertThat(e.getCategory()).isEqualTo(AuditCategory.DENIED_CALL);
                assertThat(e.getParticipantId()).isEqualTo(auditor);
                assertThat(e.getRpc()).endsWith("AccessService/ListAuditTrail");
                assertThat(e.getOutcome()).isEqualTo("PERMISSION_DENIED");
                assertThat(e.getReason()).isEqualTo("RoleRequired");
            });
            assertThat(trail).anySatisfy(e -> {
                assertThat(e.getCategory()).isEqualTo(AuditCategory.DENIED_CALL);
                assertThat(e.getParticipantId()).isEmpty();
                assertThat(e.getReason()).isEqualTo("CertificateExpired");
                assertThat(e.getPeer()).contains("127.0.0.1");
            });
        });
        assertThat(operator.listAuditTrail(ListAuditTrailRequest.newBuilder()
                                .setAfterId(start)
                                .setPageSize(1000)
                                .setParticipantId(auditor)
                                .setCategory(AuditCategory.DENIED_CALL)
                                .build())
                        .getEntriesList())
                .extracting(AuditEntry::getReason)
                .containsExactly("RoleRequired");
        assertThatThrownBy(() ->
                        jdbc.sql("UPDATE access.audit_trail SET outcome = 'OK'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM access.audit_trail").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE access.audit_trail").update())
                .hasMessageContaining("append-only");
    }

    @Test
    void theManagementListenerServesHttpsWithTheHubsCertificateAsInProductionAndTheProbeAsksOverIt() {
        operatorChannel();

        assertThat(ReadinessProbe.isReady(managementPort, TLS.resolve("server.crt")))
                .isTrue();
        assertThat(ReadinessProbe.isReady(managementPort)).as("plain HTTP").isFalse();
        assertThat(ReadinessProbe.isReady(managementPort, TLS.resolve("foreign.crt")))
                .as("another CA")
                .isFalse();
    }

    private String participant(char letter, MarketRole role) {
        return Market.register(IsdServiceGrpc.newBlockingStub(operatorChannel()), MarketIds.mpid(letter), role);
    }

    private long registeredCertificates() {
        return jdbc.sql("SELECT count(*) FROM access.client_certificate")
                .query(Long.class)
                .single();
    }

    private static CertificateIssuer.Issued clientCertificate(
            CertificateIssuer.Issued authority, String participant, Instant notAfter) {
        return CertificateIssuer.client(authority, participant, NOW.minus(Duration.ofHours(1)), notAfter);
    }

    private volatile ManagedChannel operator;

    private ManagedChannel operatorChannel() {
        if (operator == null) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(TLS.resolve("operator.key")));
            try {
                operator = channel(TLS.resolve("operator.crt"), TLS.resolve("operator.key"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
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

    private ManagedChannel channel(Path certificate, Path key) throws IOException {
        return channel(TlsChannelCredentials.newBuilder()
                .keyManager(certificate.toFile(), key.toFile())
                .trustManager(new ByteArrayInputStream(CA.certificatePem().getBytes(StandardCharsets.US_ASCII)))
                .build());
    }

    /** A TLS channel presenting the certificate (none when null) and trusting the hub's server certificate. */
    private ManagedChannel channel(CertificateIssuer.Issued certificate, CertificateIssuer.Issued serverCa) {
        try {
            TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
                    .trustManager(
                            new ByteArrayInputStream(serverCa.certificatePem().getBytes(StandardCharsets.US_ASCII)));
            if (certificate != null) {
                credentials.keyManager(
                        new ByteArrayInputStream(certificate.certificatePem().getBytes(StandardCharsets.US_ASCII)),
                        new ByteArrayInputStream(certificate.privateKeyPem().getBytes(StandardCharsets.US_ASCII)));
            }
            return channel(credentials.build());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ManagedChannel channel(ChannelCredentials credentials) {
        return track(NettyChannelBuilder.forAddress("localhost", hub.port(), credentials)
                .build());
    }

    private ManagedChannel track(ManagedChannel channel) {
        channels.add(channel);
        return channel;
    }

    private static AccessServiceGrpc.AccessServiceBlockingStub access(ManagedChannel channel) {
        return AccessServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return code(e) + "/" + reason(e);
        }
        throw new AssertionError("the call was not refused");
    }

    private static Path tlsDirectory() {
        try {
            return Files.createTempDirectory("hub-mtls-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
