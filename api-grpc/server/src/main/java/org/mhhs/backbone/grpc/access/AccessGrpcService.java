package org.mhhs.backbone.grpc.access;

import static org.mhhs.backbone.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.mhhs.backbone.access.AuditTrail;
import org.mhhs.backbone.access.BearerTokens;
import org.mhhs.backbone.access.Caller;
import org.mhhs.backbone.access.ClientCertificates;
import org.mhhs.backbone.access.HubTls;
import org.mhhs.backbone.access.SecurityProperties;
import org.mhhs.backbone.grpc.CallerContext;
import org.mhhs.backbone.grpc.RequestFields;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.AuditCategory;
import org.mhhs.backbone.grpc.v1.AuditEntry;
import org.mhhs.backbone.grpc.v1.CertificateInfo;
import org.mhhs.backbone.grpc.v1.CertificateRevoked;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.mhhs.backbone.grpc.v1.IssuedToken;
import org.mhhs.backbone.grpc.v1.ListAuditTrailRequest;
import org.mhhs.backbone.grpc.v1.ListAuditTrailResponse;
import org.mhhs.backbone.grpc.v1.ListCertificatesRequest;
import org.mhhs.backbone.grpc.v1.ListCertificatesResponse;
import org.mhhs.backbone.grpc.v1.ListTokensRequest;
import org.mhhs.backbone.grpc.v1.ListTokensResponse;
import org.mhhs.backbone.grpc.v1.RegisterCertificateRequest;
import org.mhhs.backbone.grpc.v1.RevokeCertificateRequest;
import org.mhhs.backbone.grpc.v1.RevokeTokenRequest;
import org.mhhs.backbone.grpc.v1.TokenInfo;
import org.mhhs.backbone.grpc.v1.TokenRevoked;
import org.mhhs.backbone.grpc.v1.WhoAmIRequest;
import org.mhhs.backbone.grpc.v1.WhoAmIResponse;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class AccessGrpcService extends AccessServiceGrpc.AccessServiceImplBase {

    private static final int MAX_CERTIFICATE_PEM = 16 * 1024;
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    private final BearerTokens tokens;
    private final ClientCertificates certificates;
    private final HubTls tls;
    private final SecurityProperties security;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final IsdQueries isd;

    AccessGrpcService(
            BearerTokens tokens,
            ClientCertificates certificates,
            HubTls tls,
            SecurityProperties security,
            AuditTrail audit,
            TransactionTemplate transaction,
            IsdQueries isd) {
        this.tokens = tokens;
        this.certificates = certificates;
        this.tls = tls;
        this.security = security;
        this.audit = audit;
        this.transaction = transaction;
        this.isd = isd;
    }

    @Override
    public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> response) {
        Caller caller = CallerContext.current();
        reply(
                response,
                WhoAmIResponse.newBuilder()
                        .setParticipantId(caller.participantId().value())
                        .setAuthentication(caller.method().label())
                        .build());
    }

    @Override
    public void issueToken(IssueTokenRequest request, StreamObserver<IssuedToken> response) {
        RequestFields fields = new RequestFields();
        ParticipantId participant = fields.participantId("participant_id", request.getParticipantId());
        String description = fields.text("description", request.getDescription(), RequestFields.MAX_TEXT, false);
        fields.validate();
        if (!security.bearerTokensAccepted()) {
            throw RuleViolation.precondition(
                    "BearerTokensDisabled",
                    participant.value(),
                    "bearer tokens are accepted only in development mode; register a client certificate instead");
        }
        requireRegistered(participant);
        Caller caller = CallerContext.current();
        BearerTokens.IssuedToken issued = transaction.execute(status -> {
            BearerTokens.IssuedToken token = tokens.issue(participant, description, caller.participantId());
            credentialChange(
                    caller,
                    AccessServiceGrpc.getIssueTokenMethod().getFullMethodName(),
                    "bearer token " + token.tokenId() + " issued to " + participant);
            return token;
        });
        reply(
                response,
                IssuedToken.newBuilder()
                        .setTokenId(issued.tokenId().toString())
                        .setParticipantId(participant.value())
                        .setToken(issued.secret())
                        .build());
    }

    @Override
    public void revokeToken(RevokeTokenRequest request, StreamObserver<TokenRevoked> response) {
        RequestFields fields = new RequestFields();
        UUID tokenId = fields.uuid("token_id", request.getTokenId());
        fields.validate();
        var token = tokens.find(tokenId)
                .orElseThrow(() ->
                        RuleViolation.notFound("TokenNotFound", tokenId.toString(), "there is no token " + tokenId));
        Caller caller = CallerContext.current();
        transaction.executeWithoutResult(status -> {
            tokens.revoke(tokenId, caller.participantId());
            credentialChange(
                    caller,
                    AccessServiceGrpc.getRevokeTokenMethod().getFullMethodName(),
                    "bearer token " + tokenId + " of " + token.participantId() + " revoked");
        });
        reply(response, TokenRevoked.newBuilder().setTokenId(tokenId.toString()).build());
    }

    @Override
    public void listTokens(ListTokensRequest request, StreamObserver<ListTokensResponse> response) {
        RequestFields fields = new RequestFields();
        ParticipantId participant = fields.participantId("participant_id", request.getParticipantId());
        fields.validate();
        ListTokensResponse.Builder answer = ListTokensResponse.newBuilder();
        tokens.tokensOf(participant)
                .forEach(token -> answer.addTokens(TokenInfo.newBuilder()
                        .setTokenId(token.tokenId().toString())
                        .setParticipantId(token.participantId().value())
                        .setDescription(token.description())
                        .setIssuedAt(token.issuedAt().toString())
                        .setRevokedAt(token.revokedAt().map(Object::toString).orElse(""))));
        reply(response, answer.build());
    }

    @Override
    public void registerCertificate(RegisterCertificateRequest request, StreamObserver<CertificateInfo> response) {
        RequestFields fields = new RequestFields();
        ParticipantId participant = fields.participantId("participant_id", request.getParticipantId());
        String description = fields.text("description", request.getDescription(), RequestFields.MAX_TEXT, false);
        X509Certificate certificate = certificate(fields, request.getCertificatePem());
        fields.validate();
        if (!tls.enabled()) {
            throw RuleViolation.precondition(
                    "ClientCertificatesNeedTls",
                    participant.value(),
                    "the hub runs without TLS (development mode), so it has no client CA and takes no certificates");
        }
        certificates.validate(certificate, List.of(certificate)).ifPresent(refused -> {
            throw RuleViolation.precondition(refused.reason(), participant.value(), refused.message());
        });
        requireRegistered(participant);
        Caller caller = CallerContext.current();
        String fingerprint = ClientCertificates.fingerprint(certificate);
        transaction.executeWithoutResult(status -> {
            if (!certificates.register(participant, certificate, description, caller.participantId())) {
                throw RuleViolation.alreadyExists(
                        "CertificateAlreadyRegistered",
                        fingerprint,
                        "the certificate " + fingerprint + " is already registered");
            }
            credentialChange(
                    caller,
                    AccessServiceGrpc.getRegisterCertificateMethod().getFullMethodName(),
                    "client certificate " + fingerprint + " registered for " + participant);
        });
        reply(
                response,
                certificates.find(fingerprint).map(AccessGrpcService::info).orElseThrow());
    }

    @Override
    public void revokeCertificate(RevokeCertificateRequest request, StreamObserver<CertificateRevoked> response) {
        RequestFields fields = new RequestFields();
        String fingerprint = fingerprint(fields, request.getFingerprintSha256());
        String reason = fields.text("reason", request.getReason(), RequestFields.MAX_TEXT, false);
        fields.validate();
        Caller caller = CallerContext.current();
        ParticipantId holder = transaction.execute(status -> {
            ParticipantId revoked = certificates
                    .revoke(fingerprint)
                    .orElseThrow(() -> RuleViolation.notFound(
                            "CertificateNotFound", fingerprint, "no certificate " + fingerprint + " is registered"));
            credentialChange(
                    caller,
                    AccessServiceGrpc.getRevokeCertificateMethod().getFullMethodName(),
                    "client certificate " + fingerprint + " of " + revoked + " revoked"
                            + (reason.isEmpty() ? "" : ": " + reason));
            return revoked;
        });
        reply(
                response,
                CertificateRevoked.newBuilder()
                        .setFingerprintSha256(fingerprint)
                        .setParticipantId(holder.value())
                        .build());
    }

    @Override
    public void listCertificates(ListCertificatesRequest request, StreamObserver<ListCertificatesResponse> response) {
        RequestFields fields = new RequestFields();
        ParticipantId participant = fields.participantId("participant_id", request.getParticipantId());
        fields.validate();
        ListCertificatesResponse.Builder answer = ListCertificatesResponse.newBuilder();
        certificates.certificatesOf(participant).forEach(info -> answer.addCertificates(info(info)));
        reply(response, answer.build());
    }

    @Override
    public void listAuditTrail(ListAuditTrailRequest request, StreamObserver<ListAuditTrailResponse> response) {
        RequestFields fields = new RequestFields();
        if (request.getAfterId() < 0) {
            fields.violation("after_id", "must be 0 or a previous answer's next_after_id");
        }
        int pageSize = fields.pageSize("page_size", request.getPageSize(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        Optional<ParticipantId> participant = request.getParticipantId().isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(fields.participantId("participant_id", request.getParticipantId()));
        // the contract's categories are the trail's, by name
        Optional<AuditTrail.Category> category = switch (request.getCategory()) {
            case AUDIT_CATEGORY_UNSPECIFIED -> Optional.empty();
            case UNRECOGNIZED -> {
                fields.violation("category", "unknown category " + request.getCategoryValue());
                yield Optional.empty();
            }
            default ->
                Optional.of(AuditTrail.Category.valueOf(request.getCategory().name()));
        };
        fields.validate();
        List<AuditTrail.Entry> entries = audit.list(request.getAfterId(), pageSize, participant, category);
        ListAuditTrailResponse.Builder answer = ListAuditTrailResponse.newBuilder()
                .setNextAfterId(
                        entries.isEmpty()
                                ? request.getAfterId()
                                : entries.getLast().id());
        entries.forEach(entry -> answer.addEntries(AuditEntry.newBuilder()
                .setId(entry.id())
                .setAt(entry.at().toString())
                .setLastAt(entry.lastAt().toString())
                .setOccurrences(entry.occurrences())
                .setCategory(AuditCategory.valueOf(entry.category().name()))
                .setParticipantId(entry.participant().map(ParticipantId::value).orElse(""))
                .setAuthentication(entry.authentication())
                .setPeer(entry.peer())
                .setRpc(entry.rpc())
                .setOutcome(entry.outcome())
                .setReason(entry.reason())
                .setDetail(entry.detail())));
        reply(response, answer.build());
    }

    private void requireRegistered(ParticipantId participant) {
        if (isd.findParticipant(participant).isEmpty()) {
            throw RuleViolation.notFound(
                    "ParticipantNotFound", participant.value(), "participant " + participant + " is not registered");
        }
    }

    private void credentialChange(Caller caller, String rpc, String detail) {
        audit.recordDone(AuditTrail.Category.CREDENTIAL_CHANGE, caller, rpc, detail);
    }

    private static X509Certificate certificate(RequestFields fields, String pem) {
        if (pem.isBlank()) {
            fields.violation("certificate_pem", "a PEM certificate is required");
            return null;
        }
        if (pem.length() > MAX_CERTIFICATE_PEM) {
            fields.violation("certificate_pem", "at most " + MAX_CERTIFICATE_PEM + " characters");
            return null;
        }
        try {
            List<X509Certificate> read = HubTls.readCertificates(pem);
            if (read.size() != 1) {
                fields.violation("certificate_pem", "exactly one certificate, not " + read.size());
                return null;
            }
            return read.getFirst();
        } catch (IllegalArgumentException e) {
            fields.violation("certificate_pem", "not a PEM X.509 certificate");
            return null;
        }
    }

    private static String fingerprint(RequestFields fields, String value) {
        if (!FINGERPRINT.matcher(value).matches()) {
            fields.violation("fingerprint_sha256", "64 lower-case hex digits (SHA-256 of the certificate's DER)");
        }
        return value;
    }

    private static CertificateInfo info(ClientCertificates.CertificateInfo info) {
        return CertificateInfo.newBuilder()
                .setFingerprintSha256(info.fingerprint())
                .setParticipantId(info.participantId().value())
                .setSubject(info.subject())
                .setSerialNumber(info.serialNumber())
                .setNotBefore(info.notBefore().toString())
                .setNotAfter(info.notAfter().toString())
                .setDescription(info.description())
                .setRegisteredAt(info.registeredAt().toString())
                .setRegisteredBy(info.registeredBy().value())
                .build();
    }
}
