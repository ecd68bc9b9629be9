package org.mhhs.backbone.grpc.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mhhs.backbone.HubApplication;
import org.mhhs.backbone.access.CertificateIssuer;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.AuditCategory;
import org.mhhs.backbone.grpc.v1.AuditEntry;
import org.mhhs.backbone.grpc.v1.DisputeServiceGrpc;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.GrantRoleRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.ListAuditTrailRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.RaiseDisputeRequest;
import org.mhhs.backbone.grpc.v1.RegisterCertificateRequest;
import org.mhhs.backbone.grpc.v1.RevokeCertificateRequest;
import org.mhhs.backbone.grpc.v1.RevokeRoleRequest;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.Submissions;
import org.mhhs.backbone.testing.TestCertificates;
import org.mhhs.backbone.testing.TestSubmissionStream;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In the production mode (mutual TLS), what a participant's open streams do when its credential or roles change
 * while they are open: a revoked or expiring certificate ends its open subscription and its open submission stream
 * within a second (UNAUTHENTICATED), as a revoked role ends the submission stream its RPC needs the role for
 * (PERMISSION_DENIED), and the next call is refused; each ending is in the audit trail. A subscription, which every
 * participant may hold, instead delivers by the roles held from then on.
 */
@SpringBootTest(
        classes = HubApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hub.security.mode=mtls", "hub.tls.enabled=true"})
@ActiveProfiles("test")
@Import(HubClient.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenStreamRevocationIntegrationTest {

    private static final TestCertificates TLS = TestCertificates.create();
    private static final Duration WITHIN = Duration.ofSeconds(1);

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        TLS.configure(registry);
    }

    @AfterAll
    void closeChannels() {
        TLS.close();
    }

    /** A participant connected with its registered certificate. */
    private record Party(String id, String fingerprint, CertificateIssuer.Issued certificate, ManagedChannel channel) {}

    @Test
    void aRevokedCertificateEndsTheOpenSubscriptionAndSubmissionStreamWithinASecondAndRefusesTheNextCall() {
        Party dataService = party('A', Duration.ofDays(10), MarketRole.MARKET_ROLE_DATA_SERVICE);
        try (TestSubscriber subscription = subscribe(dataService, "revoked-certificate");
                TestSubmissionStream submissions = submissionStream(dataService)) {

            operatorAccess()
                    .revokeCertificate(RevokeCertificateRequest.newBuilder()
                            .setFingerprintSha256(dataService.fingerprint())
                            .setReason("key compromised")
                            .build());
            long acknowledged = System.nanoTime();

            assertEnded(subscription.awaitEnd(), Status.Code.UNAUTHENTICATED, "CredentialRevoked");
            assertEnded(submissions.awaitEnd(), Status.Code.UNAUTHENTICATED, "CredentialRevoked");
            assertThat(subscription.awaitEnd().getStatus().getDescription())
                    .contains(dataService.fingerprint(), "revoked", "Subscribe");
            assertThat(Duration.ofNanos(subscription.endedAtNanos() - acknowledged))
                    .isLessThan(WITHIN);
            assertThat(Duration.ofNanos(submissions.endedAtNanos() - acknowledged))
                    .isLessThan(WITHIN);
            assertNextCallsRefused(dataService, Status.Code.UNAUTHENTICATED, "CertificateNotRegistered");
            assertAudited(dataService, "CredentialRevoked");
        }
    }

    @Test
    void aCertificateThatExpiresWhileTheStreamsAreOpenEndsThemWithinASecondOfItsExpiry() {
        Party dataService = party('B', Duration.ofSeconds(6), MarketRole.MARKET_ROLE_DATA_SERVICE);
        Instant notAfter = dataService.certificate().certificate().getNotAfter().toInstant();
        try (TestSubscriber subscription = subscribe(dataService, "expiring-certificate");
                TestSubmissionStream submissions = submissionStream(dataService)) {
            assertThat(Instant.now()).as("the streams opened before the expiry").isBefore(notAfter);

            assertEnded(subscription.awaitEnd(), Status.Code.UNAUTHENTICATED, "CertificateExpired");
            assertEnded(submissions.awaitEnd(), Status.Code.UNAUTHENTICATED, "CertificateExpired");
            for (long endedAt : List.of(subscription.endedAtNanos(), submissions.endedAtNanos())) {
                Instant ended = Instant.now().minusNanos(System.nanoTime() - endedAt);
                assertThat(ended).isAfter(notAfter.minusMillis(100)).isBefore(notAfter.plus(WITHIN));
            }
            assertNextCallsRefused(dataService, Status.Code.UNAUTHENTICATED, "CertificateExpired");
            assertAudited(dataService, "CertificateExpired");
        }
    }

    @Test
    void aRevokedRoleEndsTheOpenSubscriptionAndSubmissionStreamWithinASecond() {
        Party dataService = party('C', Duration.ofDays(10), MarketRole.MARKET_ROLE_DATA_SERVICE);
        try (TestSubscriber subscription = subscribe(dataService, "revoked-role");
                TestSubmissionStream submissions = submissionStream(dataService)) {

            operatorIsd().revokeRole(revoke(dataService.id(), MarketRole.MARKET_ROLE_DATA_SERVICE));
            long acknowledged = System.nanoTime();

            assertEnded(submissions.awaitEnd(), Status.Code.PERMISSION_DENIED, "RoleRevoked");
            assertEnded(subscription.awaitEnd(), Status.Code.PERMISSION_DENIED, "RoleRevoked");
            assertThat(submissions.awaitEnd().getStatus().getDescription())
                    .contains(dataService.id(), "DATA_SERVICE", "SubmitConsumptionStream");
            assertThat(subscription.awaitEnd().getStatus().getDescription())
                    .contains(dataService.id(), "DATA_SERVICE", "Subscribe");
            assertThat(Duration.ofNanos(submissions.endedAtNanos() - acknowledged))
                    .isLessThan(WITHIN);
            assertThat(Duration.ofNanos(subscription.endedAtNanos() - acknowledged))
                    .isLessThan(WITHIN);
            TestSubmissionStream next = TestSubmissionStream.open(MeteringServiceGrpc.newStub(dataService.channel()));
            assertEnded(next.awaitEnd(), Status.Code.PERMISSION_DENIED, "RoleRequired");
            StatusRuntimeException unary = refused(() -> metering(dataService).submitConsumption(anyItem()));
            assertThat(code(unary) + "/" + reason(unary)).isEqualTo("PERMISSION_DENIED/RoleRequired");
            assertAudited(dataService, "RoleRevoked");

            // Subscribe needs no role: a new subscription opens on the terms the participant holds now
            try (TestSubscriber again = subscribe(dataService, "revoked-role-again")) {
                String marker = Market.register(operatorIsd(), MarketIds.mpid('M'));
                again.awaitEvent(event -> TestSubscriber.registered(event, marker));
                assertThat(again.hasEnded()).isFalse();
            }
        }
    }

    @Test
    void aRoleGrantedWhileTheSubscriptionIsOpenStartsDeliveringTheEntriesAddressedToTheRole() {
        Party watcher = party('W', Duration.ofDays(10), MarketRole.MARKET_ROLE_SUPPLIER);
        Party supplier = party('S', Duration.ofDays(10), MarketRole.MARKET_ROLE_SUPPLIER);
        try (TestSubscriber subscription = subscribe(watcher, "granted-role")) {
            String beforeTheGrant = raiseDispute(supplier);
            String marker = Market.register(operatorIsd(), MarketIds.mpid('M'));
            subscription.awaitEvent(event -> TestSubscriber.registered(event, marker));
            assertThat(disputesDelivered(subscription))
                    .as("not yet CENTRAL_SETTLEMENT")
                    .isEmpty();

            operatorIsd()
                    .grantRole(GrantRoleRequest.newBuilder()
                            .setHeader(newCommand())
                            .setParticipantId(watcher.id())
                            .setRole(MarketRole.MARKET_ROLE_CENTRAL_SETTLEMENT)
                            .setEffectiveFrom(MarketDays.longAgo().toString())
                            .build());

            // a dispute goes to its supplier and to CENTRAL_SETTLEMENT: one raised once the grant has reached the
            // open stream arrives
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        raiseDispute(supplier);
                        return !disputesDelivered(subscription).isEmpty();
                    });
            assertThat(disputesDelivered(subscription)).doesNotContain(beforeTheGrant);
            assertThat(subscription.hasEnded()).isFalse();
        }
    }

    @Test
    void anAuditorWhoseAuditorRoleIsRevokedHasItsStreamEndedAndThenReceivesOnlyItsOwnAudience() {
        Party auditor =
                party('U', Duration.ofDays(10), MarketRole.MARKET_ROLE_AUDITOR, MarketRole.MARKET_ROLE_SUPPLIER);
        Party supplier = party('S', Duration.ofDays(10), MarketRole.MARKET_ROLE_SUPPLIER);
        try (TestSubscriber subscription = subscribe(auditor, "auditor")) {
            String seenAsAuditor = raiseDispute(supplier);
            await().until(() -> disputesDelivered(subscription).contains(seenAsAuditor));

            operatorIsd().revokeRole(revoke(auditor.id(), MarketRole.MARKET_ROLE_AUDITOR));
            long acknowledged = System.nanoTime();

            assertEnded(subscription.awaitEnd(), Status.Code.PERMISSION_DENIED, "RoleRevoked");
            assertThat(subscription.awaitEnd().getStatus().getDescription()).contains("AUDITOR");
            assertThat(Duration.ofNanos(subscription.endedAtNanos() - acknowledged))
                    .isLessThan(WITHIN);
            // the stream's record of a privileged read closes when it ends
            String outcome = await().atMost(Duration.ofSeconds(5))
                    .until(() -> privilegedReadOutcome(auditor.id()), o -> !o.isEmpty());
            assertThat(outcome).isNotBlank();

            try (TestSubscriber again = subscribe(auditor, "auditor-again")) {
                String others = raiseDispute(supplier);
                String own = raiseDispute(auditor);
                String marker = Market.register(operatorIsd(), MarketIds.mpid('M'));
                again.awaitEvent(event -> TestSubscriber.registered(event, marker));
                assertThat(disputesDelivered(again)).contains(own).doesNotContain(others);
            }
        }
    }

    // ---- the market, through the API

    /** A participant with the roles, whose certificate is valid for {@code validity} from now on. */
    private Party party(char letter, Duration validity, MarketRole... roles) {
        String id = Market.register(operatorIsd(), MarketIds.mpid(letter), roles);
        CertificateIssuer.Issued certificate = TLS.client(id, Instant.now().plus(validity));
        String fingerprint = operatorAccess()
                .registerCertificate(RegisterCertificateRequest.newBuilder()
                        .setParticipantId(id)
                        .setCertificatePem(certificate.certificatePem())
                        .build())
                .getFingerprintSha256();
        return new Party(id, fingerprint, certificate, TLS.channel(hub.port(), certificate));
    }

    private static TestSubscriber subscribe(Party party, String name) {
        TestSubscriber subscriber = TestSubscriber.open(
                party.channel(),
                TestSubscriber.from(name, StartFrom.START_FROM_LATEST).build());
        subscriber.opened();
        return subscriber;
    }

    /** An open submission stream that has answered one item (refused: nothing is appointed to the party). */
    private static TestSubmissionStream submissionStream(Party party) {
        TestSubmissionStream stream = TestSubmissionStream.open(MeteringServiceGrpc.newStub(party.channel()));
        assertThat(stream.submit(anyItem()).hasRejected()).isTrue();
        return stream;
    }

    private static SubmitConsumptionRequest anyItem() {
        return Submissions.actualDay(Market.newMpan(), MarketDays.daysAgo(2).toString(), "0.100");
    }

    private static RevokeRoleRequest revoke(String participant, MarketRole role) {
        return RevokeRoleRequest.newBuilder()
                .setHeader(newCommand())
                .setParticipantId(participant)
                .setRole(role)
                .setLastDay(MarketDays.daysAgo(1).toString())
                .build();
    }

    private static String raiseDispute(Party supplier) {
        return DisputeServiceGrpc.newBlockingStub(supplier.channel())
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .raiseDispute(RaiseDisputeRequest.newBuilder()
                        .setHeader(newCommand())
                        .setSettlementDate(MarketDays.daysAgo(1).toString())
                        .setReason("volumes too high")
                        .build())
                .getDisputeId();
    }

    private static List<String> disputesDelivered(TestSubscriber subscription) {
        return subscription.events().stream()
                .filter(EventEnvelope::hasDisputeRaised)
                .map(event -> event.getDisputeRaised().getDisputeId())
                .toList();
    }

    /** The outcome of the participant's closed privileged reads (empty while none is closed). */
    private String privilegedReadOutcome(String participant) {
        return jdbc.sql("SELECT coalesce(string_agg(outcome, '; '), '') FROM notification.privileged_read"
                        + " WHERE participant_id = :participant AND closed_at IS NOT NULL")
                .param("participant", participant)
                .query(String.class)
                .single();
    }

    // ---- what the party sees

    private static void assertEnded(StatusRuntimeException end, Status.Code code, String reason) {
        assertThat(end).as("the stream ended with an error status").isNotNull();
        assertThat(code(end) + "/" + reason(end)).isEqualTo(code + "/" + reason);
    }

    private static void assertNextCallsRefused(Party party, Status.Code code, String reason) {
        StatusRuntimeException whoAmI = refused(() -> AccessServiceGrpc.newBlockingStub(party.channel())
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .whoAmI(WhoAmIRequest.getDefaultInstance()));
        assertThat(code(whoAmI) + "/" + reason(whoAmI)).isEqualTo(code + "/" + reason);
        try (TestSubscriber again = TestSubscriber.open(
                party.channel(),
                TestSubscriber.from("again", StartFrom.START_FROM_LATEST).build())) {
            assertEnded(again.awaitEnd(), code, reason);
        }
        try (TestSubmissionStream again = TestSubmissionStream.open(MeteringServiceGrpc.newStub(party.channel()))) {
            assertEnded(again.awaitEnd(), code, reason);
        }
    }

    /** The hub recorded both endings as denied calls, with the reason. */
    private void assertAudited(Party party, String reason) {
        // denied calls reach the trail through its writer, about a second after the refusal
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertAuditedNow(party, reason));
    }

    private void assertAuditedNow(Party party, String reason) {
        List<AuditEntry> denied = operatorAccess()
                .listAuditTrail(ListAuditTrailRequest.newBuilder()
                        .setParticipantId(party.id())
                        .setCategory(AuditCategory.DENIED_CALL)
                        .setPageSize(1000)
                        .build())
                .getEntriesList()
                .stream()
                .filter(entry -> entry.getReason().equals(reason))
                .toList();
        assertThat(denied)
                .extracting(entry -> entry.getRpc().substring(entry.getRpc().indexOf('/') + 1))
                .contains("SubmitConsumptionStream", "Subscribe");
        assertThat(denied)
                .allSatisfy(entry -> assertThat(entry.getAuthentication()).isEqualTo("client-certificate"));
    }

    private MeteringServiceGrpc.MeteringServiceBlockingStub metering(Party party) {
        return MeteringServiceGrpc.newBlockingStub(party.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private IsdServiceGrpc.IsdServiceBlockingStub operatorIsd() {
        return IsdServiceGrpc.newBlockingStub(TLS.operatorChannel(hub.port())).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private AccessServiceGrpc.AccessServiceBlockingStub operatorAccess() {
        return AccessServiceGrpc.newBlockingStub(TLS.operatorChannel(hub.port()))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }
}
