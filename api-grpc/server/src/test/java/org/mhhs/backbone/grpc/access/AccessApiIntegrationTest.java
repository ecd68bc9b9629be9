package org.mhhs.backbone.grpc.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.HubClient.violatedFields;

import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.mhhs.backbone.grpc.v1.ListGspGroupsRequest;
import org.mhhs.backbone.grpc.v1.ListTokensRequest;
import org.mhhs.backbone.grpc.v1.RevokeTokenRequest;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who may call: bearer tokens, the open health and reflection services, and credential management. */
@HubIntegrationTest
class AccessApiIntegrationTest {

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @Test
    void healthCheckingAnswersServingWithoutCredentials() {
        hub.operatorToken();

        HealthCheckResponse health =
                HealthGrpc.newBlockingStub(hub.channel()).check(HealthCheckRequest.getDefaultInstance());

        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void reflectionListsTheContractsServicesWithoutCredentials() throws Exception {
        CompletableFuture<List<String>> services = new CompletableFuture<>();
        var requests = ServerReflectionGrpc.newStub(hub.channel()).serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse response) {
                services.complete(response.getListServicesResponse().getServiceList().stream()
                        .map(ServiceResponse::getName)
                        .toList());
            }

            @Override
            public void onError(Throwable t) {
                services.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {}
        });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();

        assertThat(services.get(30, TimeUnit.SECONDS))
                .contains("mhhs.backbone.v1.IsdService", "mhhs.backbone.v1.AccessService", "grpc.health.v1.Health");
    }

    @Test
    void aCallWithoutATokenIsUnauthenticated() {
        var refused = refused(() ->
                IsdServiceGrpc.newBlockingStub(hub.channel()).listGspGroups(ListGspGroupsRequest.getDefaultInstance()));

        assertThat(code(refused)).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void aCallWithAnUnknownTokenIsUnauthenticated() {
        var refused = refused(
                () -> hub.isd("mhhs_not-a-real-token").listGspGroups(ListGspGroupsRequest.getDefaultInstance()));

        assertThat(code(refused)).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void theOperatorIssuesATokenThatIdentifiesTheParticipantAndStoresOnlyItsHash() {
        String supplier = registered('S');

        var issued = hub.access(hub.operatorToken())
                .issueToken(IssueTokenRequest.newBuilder()
                        .setParticipantId(supplier)
                        .setDescription("supplier gateway")
                        .build());

        assertThat(hub.access(issued.getToken())
                        .whoAmI(WhoAmIRequest.getDefaultInstance())
                        .getParticipantId())
                .isEqualTo(supplier);
        assertThat(jdbc.sql("SELECT count(*) FROM access.bearer_token WHERE encode(token_hash, 'escape') LIKE :secret")
                        .param("secret", "%" + issued.getToken() + "%")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM axon.domain_event_entry WHERE encode(payload, 'escape') LIKE :secret")
                        .param("secret", "%" + issued.getToken().substring(5) + "%")
                        .query(Long.class)
                        .single())
                .isZero();
        var listed = hub.access(hub.operatorToken())
                .listTokens(ListTokensRequest.newBuilder()
                        .setParticipantId(supplier)
                        .build());
        assertThat(listed.getTokensList()).singleElement().satisfies(token -> {
            assertThat(token.getTokenId()).isEqualTo(issued.getTokenId());
            assertThat(token.getDescription()).isEqualTo("supplier gateway");
        });
    }

    @Test
    void aRevokedTokenIsUnauthenticatedFromThenOn() {
        String supplier = registered('S');
        var issued = hub.access(hub.operatorToken())
                .issueToken(IssueTokenRequest.newBuilder()
                        .setParticipantId(supplier)
                        .build());
        assertThat(hub.access(issued.getToken())
                        .whoAmI(WhoAmIRequest.getDefaultInstance())
                        .getParticipantId())
                .isEqualTo(supplier);

        hub.access(hub.operatorToken())
                .revokeToken(RevokeTokenRequest.newBuilder()
                        .setTokenId(issued.getTokenId())
                        .build());

        var refused = refused(() -> hub.access(issued.getToken()).whoAmI(WhoAmIRequest.getDefaultInstance()));
        assertThat(code(refused)).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void aTokenCannotBeIssuedForAnUnregisteredParticipant() {
        var refused = refused(() -> hub.access(hub.operatorToken())
                .issueToken(IssueTokenRequest.newBuilder()
                        .setParticipantId(MarketIds.mpid('N'))
                        .build()));

        assertThat(code(refused)).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void onlyTheOperatorManagesCredentials() {
        String supplier = registered('S');
        String token = hub.tokenFor(supplier);

        var refused = refused(() -> hub.access(token)
                .issueToken(IssueTokenRequest.newBuilder()
                        .setParticipantId(supplier)
                        .build()));

        assertThat(code(refused)).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void withoutTlsTheDevelopmentHubTakesNoCertificatesAndRecordsTokenChangesInTheAuditTrail() {
        String supplier = registered('T');
        String pem = org.mhhs.backbone.access.CertificateIssuer.client(
                        org.mhhs.backbone.access.CertificateIssuer.certificateAuthority(
                                "CA",
                                java.time.Instant.now().minusSeconds(60),
                                java.time.Instant.now().plusSeconds(3600)),
                        supplier,
                        java.time.Instant.now().minusSeconds(60),
                        java.time.Instant.now().plusSeconds(3600))
                .certificatePem();

        var refused = refused(() -> hub.access(hub.operatorToken())
                .registerCertificate(org.mhhs.backbone.grpc.v1.RegisterCertificateRequest.newBuilder()
                        .setParticipantId(supplier)
                        .setCertificatePem(pem)
                        .build()));
        var issued = hub.access(hub.operatorToken())
                .issueToken(IssueTokenRequest.newBuilder()
                        .setParticipantId(supplier)
                        .build());

        assertThat(code(refused)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(org.mhhs.backbone.testing.HubClient.reason(refused)).isEqualTo("ClientCertificatesNeedTls");
        assertThat(jdbc.sql("SELECT count(*) FROM access.client_certificate WHERE participant_id = :p")
                        .param("p", supplier)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT detail FROM access.audit_trail WHERE category = 'CREDENTIAL_CHANGE' "
                                + "AND authentication = 'bearer-token' AND detail LIKE :token")
                        .param("token", "%" + issued.getTokenId() + "%")
                        .query(String.class)
                        .list())
                .containsExactly("bearer token " + issued.getTokenId() + " issued to " + supplier);
    }

    @Test
    void aBadAuditTrailPageIsRefusedNamingEachField() {
        var refused = refused(() -> hub.access(hub.operatorToken())
                .listAuditTrail(org.mhhs.backbone.grpc.v1.ListAuditTrailRequest.newBuilder()
                        .setAfterId(-1)
                        .setPageSize(1001)
                        .setCategoryValue(99)
                        .build()));

        assertThat(code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(refused)).containsExactlyInAnyOrder("after_id", "page_size", "category");
    }

    private String registered(char letter) {
        return Market.register(hub.operatorIsd(), MarketIds.mpid(letter));
    }
}
