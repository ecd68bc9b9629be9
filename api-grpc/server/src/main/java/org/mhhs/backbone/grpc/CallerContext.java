package org.mhhs.backbone.grpc;

import io.grpc.Context;
import io.grpc.MethodDescriptor;
import java.util.Set;
import org.mhhs.backbone.access.Caller;
import org.mhhs.backbone.access.Credential;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;

/** The authenticated caller of the current gRPC call, and the RPC it called. */
public final class CallerContext {

    static final Context.Key<Caller> CALLER = Context.key("mhhs-caller");
    static final Context.Key<MethodDescriptor<?, ?>> METHOD = Context.key("mhhs-method");
    /** What the caller authenticated with, checked again while a long-lived call stays open (OpenStreams). */
    static final Context.Key<Credential> CREDENTIAL = Context.key("mhhs-credential");
    /** The roles the caller held today when the call started. */
    static final Context.Key<Set<MarketRole>> ROLES = Context.key("mhhs-roles");

    private CallerContext() {}

    public static Caller current() {
        Caller caller = CALLER.get();
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this call");
        }
        return caller;
    }

    /** The participant the caller acts as. */
    public static ParticipantId participant() {
        return current().participantId();
    }

    /** The RPC being served, as the contract names it: e.g. "RegisterParticipant". */
    public static String rpc() {
        MethodDescriptor<?, ?> method = METHOD.get();
        if (method == null) {
            throw new IllegalStateException("no RPC on this call");
        }
        return method.getBareMethodName();
    }
}
