package org.mhhs.backbone.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.mhhs.backbone.access.AuditTrail;
import org.mhhs.backbone.access.BearerTokens;
import org.mhhs.backbone.access.Caller;
import org.mhhs.backbone.access.ClientCertificates;
import org.mhhs.backbone.access.Credential;
import org.mhhs.backbone.access.SecurityProperties;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.stereotype.Component;

/**
 * Authenticates every call (except health checking and reflection, which load balancers and tools call without
 * credentials) by its client certificate (or, in development mode, its bearer token) and refuses it unless the caller
 * holds, today, a role that the RPC's entitlement row names. Before that, the call rate limits (see
 * {@link RateLimits}): per remote address before anything else, for an address whose calls keep failing authentication
 * before its credentials are looked up, and per participant once it is known. Every refusal, and every read by an
 * auditor or operator, goes to the audit trail. The credential and roles go with the call, for the long-lived calls,
 * which the hub checks again while they stay open (OpenStreams, StreamGuard); their endings are audited here too.
 */
@Component
@GlobalServerInterceptor
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AccessInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final String ERROR_DOMAIN = "mhhs.backbone";
    static final Set<String> OPEN_SERVICES = Set.of(
            "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");
    private static final Set<MarketRole> PRIVILEGED = EnumSet.of(MarketRole.AUDITOR, MarketRole.OPERATOR);

    private final BearerTokens tokens;
    private final ClientCertificates certificates;
    private final SecurityProperties security;
    private final AuditTrail audit;
    private final IsdQueries isd;
    private final RateLimits limits;
    private final Clock clock;

    AccessInterceptor(
            BearerTokens tokens,
            ClientCertificates certificates,
            SecurityProperties security,
            AuditTrail audit,
            IsdQueries isd,
            RateLimits limits,
            Clock clock) {
        this.tokens = tokens;
        this.certificates = certificates;
        this.security = security;
        this.audit = audit;
        this.isd = isd;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String peer = String.valueOf(remote);
        String address = RateLimits.address(remote);
        Optional<X509Certificate[]> chain =
                peerCertificates(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
        Optional<String> bearer = bearerToken(headers);
        Optional<String> credential = chain.map(c -> RateLimits.clientCertificate(ClientCertificates.fingerprint(c[0])))
                .or(() -> bearer.map(RateLimits::bearerToken));
        Optional<RateLimits.Limited> overRate = limits.peerCall(address);
        RateLimits.Advance advance =
                overRate.isPresent() ? new RateLimits.NothingTaken() : limits.advance(address, credential);
        if (advance instanceof RateLimits.OverRate spent) {
            overRate = Optional.of(spent.limited());
        }
        if (overRate.isPresent()) {
            String presented = chain.isPresent()
                    ? Caller.AuthenticationMethod.CLIENT_CERTIFICATE.label()
                    : bearer.isPresent() ? Caller.AuthenticationMethod.BEARER_TOKEN.label() : "none";
            return refuseOverRate(call, overRate.get().participant(), presented, peer, address, method, overRate.get());
        }
        Authentication authentication = authenticate(chain, bearer);
        if (authentication instanceof Unauthenticated refused) {
            limits.unauthenticated(address, credential, advance);
            audit.recordDenied(
                    Optional.empty(),
                    refused.method(),
                    peer,
                    method,
                    Status.Code.UNAUTHENTICATED.name(),
                    refused.reason(),
                    refused.message());
            return refuse(call, Status.Code.UNAUTHENTICATED, refused.reason(), refused.message());
        }
        Authenticated authenticated = (Authenticated) authentication;
        Caller caller = authenticated.caller();
        Optional<ParticipantId> who = Optional.of(caller.participantId());
        String how = caller.method().label();
        overRate = limits.participantCall(caller.participantId(), credential, advance);
        if (overRate.isPresent()) {
            return refuseOverRate(call, who, how, peer, address, method, overRate.get());
        }
        Optional<Entitlements.Entitlement> entitlement = Entitlements.of(method);
        if (entitlement.isEmpty()) {
            String message = method + " is open to no one";
            audit.recordDenied(who, how, peer, method, Status.Code.PERMISSION_DENIED.name(), "NoEntitlement", message);
            return refuse(call, Status.Code.PERMISSION_DENIED, "NoEntitlement", message);
        }
        Set<MarketRole> held = isd.findRolesAsAt(
                caller.participantId(), SettlementDate.today(clock).date());
        if (!entitlement.get().anyAuthenticated()) {
            Set<MarketRole> allowed = EnumSet.copyOf(entitlement.get().roles());
            allowed.retainAll(held);
            if (allowed.isEmpty()) {
                String message = caller.participantId() + " holds " + (held.isEmpty() ? "no role" : held) + " today; "
                        + method + " needs one of " + entitlement.get().roles();
                audit.recordDenied(
                        who, how, peer, method, Status.Code.PERMISSION_DENIED.name(), "RoleRequired", message);
                return refuse(call, Status.Code.PERMISSION_DENIED, "RoleRequired", message);
            }
        }
        boolean privilegedRead = isRead(call.getMethodDescriptor().getBareMethodName())
                && held.stream().anyMatch(PRIVILEGED::contains);
        Context context = Context.current()
                .withValue(CallerContext.CALLER, caller)
                .withValue(CallerContext.METHOD, call.getMethodDescriptor())
                .withValue(CallerContext.CREDENTIAL, authenticated.credential())
                .withValue(CallerContext.ROLES, Set.copyOf(held));
        AuditedCall<Q, R> audited = new AuditedCall<>(
                call,
                who,
                how,
                peer,
                method,
                privilegedRead,
                held.stream().filter(PRIVILEGED::contains).toList());
        ServerCall.Listener<Q> listener = Contexts.interceptCall(context, audited, headers, next);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                audited.finished(Status.CANCELLED, null);
                super.onCancel();
            }
        };
    }

    /** Reads are the RPCs named Get..., List..., Audit..., WhoAmI and Subscribe; everything else changes something. */
    static boolean isRead(String bareMethodName) {
        return bareMethodName.startsWith("Get")
                || bareMethodName.startsWith("List")
                || bareMethodName.startsWith("Audit")
                || bareMethodName.equals("WhoAmI")
                || bareMethodName.equals("Subscribe");
    }

    private sealed interface Authentication {}

    private record Authenticated(Credential credential) implements Authentication {

        Caller caller() {
            return new Caller(
                    credential.participantId(),
                    switch (credential) {
                        case Credential.ClientCertificate certificate -> Caller.AuthenticationMethod.CLIENT_CERTIFICATE;
                        case Credential.BearerToken token -> Caller.AuthenticationMethod.BEARER_TOKEN;
                    });
        }
    }

    private record Unauthenticated(String method, String reason, String message) implements Authentication {}

    /**
     * A client certificate, when the TLS connection presented one, decides; otherwise a bearer token, in development
     * mode only.
     */
    private Authentication authenticate(Optional<X509Certificate[]> chain, Optional<String> bearer) {
        if (chain.isPresent()) {
            return switch (certificates.authenticate(chain.get())) {
                case ClientCertificates.Accepted accepted -> new Authenticated(accepted.credential());
                case ClientCertificates.Refused refused ->
                    new Unauthenticated(
                            Caller.AuthenticationMethod.CLIENT_CERTIFICATE.label(),
                            refused.reason(),
                            refused.message());
            };
        }
        if (!security.bearerTokensAccepted()) {
            return bearer.isPresent()
                    ? new Unauthenticated(
                            Caller.AuthenticationMethod.BEARER_TOKEN.label(),
                            "BearerTokensDisabled",
                            "bearer tokens are accepted only in development mode; connect with TLS and a client "
                                    + "certificate registered with the hub")
                    : new Unauthenticated(
                            "none",
                            "ClientCertificateRequired",
                            "connect with TLS and present a client certificate registered with the hub");
        }
        if (bearer.isEmpty()) {
            return new Unauthenticated(
                    "none",
                    "Unauthenticated",
                    "send 'authorization: Bearer <token>' or present a registered client certificate");
        }
        return tokens.authenticate(bearer.get())
                .<Authentication>map(Authenticated::new)
                .orElseGet(() -> new Unauthenticated(
                        Caller.AuthenticationMethod.BEARER_TOKEN.label(),
                        "Unauthenticated",
                        "the bearer token is unknown or revoked"));
    }

    private static Optional<X509Certificate[]> peerCertificates(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] presented = session.getPeerCertificates();
            if (presented.length == 0 || !(presented[0] instanceof X509Certificate)) {
                return Optional.empty();
            }
            return Optional.of(
                    Arrays.stream(presented).map(X509Certificate.class::cast).toArray(X509Certificate[]::new));
        } catch (SSLPeerUnverifiedException noCertificate) {
            return Optional.empty();
        }
    }

    /**
     * Records, when the call ends, a refusal by a relation rule inside the service (PERMISSION_DENIED,
     * UNAUTHENTICATED) and every read by an auditor or operator with its outcome.
     */
    private final class AuditedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private final Optional<ParticipantId> who;
        private final String how;
        private final String peer;
        private final String method;
        private final boolean privilegedRead;
        private final List<MarketRole> privilegedRoles;
        private final AtomicBoolean recorded = new AtomicBoolean();

        AuditedCall(
                ServerCall<Q, R> call,
                Optional<ParticipantId> who,
                String how,
                String peer,
                String method,
                boolean privilegedRead,
                List<MarketRole> privilegedRoles) {
            super(call);
            this.who = who;
            this.how = how;
            this.peer = peer;
            this.method = method;
            this.privilegedRead = privilegedRead;
            this.privilegedRoles = privilegedRoles;
        }

        @Override
        public void close(Status status, Metadata trailers) {
            finished(status, trailers);
            super.close(status, trailers);
        }

        void finished(Status status, Metadata trailers) {
            boolean denied = status.getCode() == Status.Code.PERMISSION_DENIED
                    || status.getCode() == Status.Code.UNAUTHENTICATED;
            if ((!denied && !privilegedRead) || !recorded.compareAndSet(false, true)) {
                return;
            }
            String reason = reason(status, trailers);
            String detail = status.getDescription() == null ? "" : status.getDescription();
            if (denied) {
                audit.recordDenied(who, how, peer, method, status.getCode().name(), reason, detail);
            } else {
                audit.recordQuietly(
                        AuditTrail.Category.PRIVILEGED_READ,
                        who,
                        how,
                        peer,
                        method,
                        status.getCode().name(),
                        reason,
                        "as " + privilegedRoles + (detail.isEmpty() ? "" : "; " + detail));
            }
        }
    }

    private static String reason(Status status, Metadata trailers) {
        if (trailers == null || status.isOk()) {
            return "";
        }
        com.google.rpc.Status details = StatusProto.fromStatusAndTrailers(status, trailers);
        if (details == null) {
            return "";
        }
        return details.getDetailsList().stream()
                .filter(any -> any.is(ErrorInfo.class))
                .findFirst()
                .map(any -> {
                    try {
                        return any.unpack(ErrorInfo.class).getReason();
                    } catch (InvalidProtocolBufferException e) {
                        return "";
                    }
                })
                .orElse("");
    }

    private static Optional<String> bearerToken(Metadata headers) {
        String value = headers.get(AUTHORIZATION);
        if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(value.substring(7).strip());
    }

    /**
     * Refuses a call over a rate limit with the delay after which the caller may try again, and audits it; cuts its
     * address off when its calls keep being refused ({@link RateLimits#refusedOverRate}): then the call ends with the
     * connection, unanswered.
     */
    private <Q, R> ServerCall.Listener<Q> refuseOverRate(
            ServerCall<Q, R> call,
            Optional<ParticipantId> who,
            String how,
            String peer,
            String address,
            String method,
            RateLimits.Limited limited) {
        audit.recordDenied(
                who, how, peer, method, Status.Code.RESOURCE_EXHAUSTED.name(), RateLimits.REASON, limited.message());
        if (limits.refusedOverRate(address)) {
            audit.recordDenied(
                    who,
                    how,
                    peer,
                    method,
                    Status.Code.UNAVAILABLE.name(),
                    RateLimits.CUT_OFF,
                    address + " cut off: its calls kept being refused over their rate limits");
            return new ServerCall.Listener<>() {};
        }
        Duration wait = limited.retryAfter();
        Any retry = Any.pack(RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(wait.getSeconds())
                        .setNanos(wait.getNano()))
                .build());
        // held before it is answered, so that a client firing calls as fast as it can gets a refusal per open call
        // per delay, not as many as its CPU allows
        limits.holdRefusal(
                () -> refuse(call, Status.Code.RESOURCE_EXHAUSTED, RateLimits.REASON, limited.message(), retry));
        return new ServerCall.Listener<>() {};
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(
            ServerCall<Q, R> call, Status.Code code, String reason, String message, Any... details) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setDomain(ERROR_DOMAIN)
                        .setReason(reason)
                        .build()));
        for (Any detail : details) {
            status.addDetails(detail);
        }
        var exception = StatusProto.toStatusRuntimeException(status.build());
        call.close(exception.getStatus(), exception.getTrailers());
        return new ServerCall.Listener<>() {};
    }
}
