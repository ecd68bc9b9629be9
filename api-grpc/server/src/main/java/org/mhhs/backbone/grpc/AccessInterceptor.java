package org.mhhs.backbone.grpc;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.mhhs.backbone.access.BearerTokens;
import org.mhhs.backbone.access.Caller;
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
 * credentials) and refuses it unless the caller holds, today, a role that the RPC's entitlement row names.
 */
@Component
@GlobalServerInterceptor
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AccessInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final String ERROR_DOMAIN = "mhhs.backbone";
    static final Set<String> OPEN_SERVICES = Set.of(
            "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

    private final BearerTokens tokens;
    private final IsdQueries isd;
    private final Clock clock;

    AccessInterceptor(BearerTokens tokens, IsdQueries isd, Clock clock) {
        this.tokens = tokens;
        this.isd = isd;
        this.clock = clock;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        Optional<ParticipantId> participant = bearerToken(headers).flatMap(tokens::authenticate);
        if (participant.isEmpty()) {
            String why = bearerToken(headers).isEmpty()
                    ? "send 'authorization: Bearer <token>'"
                    : "the bearer token is unknown or revoked";
            return refuse(call, Status.Code.UNAUTHENTICATED, "Unauthenticated", why);
        }
        Caller caller = new Caller(participant.get(), Caller.AuthenticationMethod.BEARER_TOKEN);
        Optional<Entitlements.Entitlement> entitlement = Entitlements.of(method);
        if (entitlement.isEmpty()) {
            return refuse(call, Status.Code.PERMISSION_DENIED, "NoEntitlement", method + " is open to no one");
        }
        if (!entitlement.get().anyAuthenticated()) {
            Set<MarketRole> held = isd.findRolesAsAt(caller.participantId(), SettlementDate.today(clock).date());
            Set<MarketRole> allowed = EnumSet.copyOf(entitlement.get().roles());
            allowed.retainAll(held);
            if (allowed.isEmpty()) {
                return refuse(call, Status.Code.PERMISSION_DENIED, "RoleRequired", caller.participantId()
                        + " holds " + (held.isEmpty() ? "no role" : held) + " today; " + method + " needs one of "
                        + entitlement.get().roles());
            }
        }
        Context context = Context.current().withValue(CallerContext.CALLER, caller);
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static Optional<String> bearerToken(Metadata headers) {
        String value = headers.get(AUTHORIZATION);
        if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(value.substring(7).strip());
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status.Code code, String reason,
                                                        String message) {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder().setDomain(ERROR_DOMAIN).setReason(reason).build()))
                .build();
        var exception = StatusProto.toStatusRuntimeException(status);
        call.close(exception.getStatus(), exception.getTrailers());
        return new ServerCall.Listener<>() {
        };
    }
}
