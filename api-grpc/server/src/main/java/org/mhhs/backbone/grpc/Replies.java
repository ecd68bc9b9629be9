package org.mhhs.backbone.grpc;

import io.grpc.stub.StreamObserver;

/** How a unary RPC answers: one message, then the end of the call. */
public final class Replies {

    private Replies() {}

    public static <T> void reply(StreamObserver<T> response, T answer) {
        response.onNext(answer);
        response.onCompleted();
    }
}
