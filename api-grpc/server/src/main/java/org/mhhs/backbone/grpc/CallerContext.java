package org.mhhs.backbone.grpc;

import io.grpc.Context;
import org.mhhs.backbone.access.Caller;

/** The authenticated caller of the current gRPC call. */
final class CallerContext {

    static final Context.Key<Caller> CALLER = Context.key("mhhs-caller");

    private CallerContext() {}

    static Caller current() {
        Caller caller = CALLER.get();
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this call");
        }
        return caller;
    }
}
