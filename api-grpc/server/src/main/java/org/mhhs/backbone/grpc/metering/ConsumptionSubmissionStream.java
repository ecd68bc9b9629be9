package org.mhhs.backbone.grpc.metering;

import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.mhhs.backbone.grpc.GrpcErrors;
import org.mhhs.backbone.grpc.OpenStreams;
import org.mhhs.backbone.grpc.v1.ConsumptionAccepted;
import org.mhhs.backbone.grpc.v1.SubmissionResult;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;

/**
 * One open {@code SubmitConsumptionStream}. Items are handled one after the other as they arrive; gRPC asks the
 * client for the next item only once this one is stored and answered, so a fast client cannot pile work up in the
 * hub. The hub may end the stream from another thread ({@link #end}, when the credential or role it was opened with
 * is gone): an item being handled then is finished and answered first, and no item is taken after.
 */
final class ConsumptionSubmissionStream implements StreamObserver<SubmitConsumptionRequest>, OpenStreams.Guarded {

    private final Function<SubmitConsumptionRequest, ConsumptionAccepted> submit;
    private final GrpcErrors errors;
    private final ServerCallStreamObserver<SubmissionResult> response;
    /** Held while an item is handled and while the stream ends: the call is never used by two threads at once. */
    private final ReentrantLock turn = new ReentrantLock();

    private final AtomicReference<StatusException> ending = new AtomicReference<>();
    private volatile OpenStreams.Registration registration;
    private volatile boolean released;

    // guarded by turn
    private boolean ended;

    ConsumptionSubmissionStream(
            Function<SubmitConsumptionRequest, ConsumptionAccepted> submit,
            GrpcErrors errors,
            ServerCallStreamObserver<SubmissionResult> response) {
        this.submit = submit;
        this.errors = errors;
        this.response = response;
        response.setOnCancelHandler(this::release);
    }

    void registeredAs(OpenStreams.Registration registration) {
        this.registration = registration;
        if (released) {
            registration.close();
        }
    }

    @Override
    public void onNext(SubmitConsumptionRequest item) {
        turn.lock();
        try {
            if (ended) {
                return;
            }
            if (ending.get() != null) {
                endNow();
                return;
            }
            SubmissionResult.Builder result =
                    SubmissionResult.newBuilder().setCommandId(item.getHeader().getCommandId());
            try {
                result.setAccepted(submit.apply(item));
            } catch (RuntimeException refused) {
                StatusException status = errors.handleException(refused);
                result.setRejected(StatusProto.fromStatusAndTrailers(status.getStatus(), status.getTrailers()));
            }
            response.onNext(result.build());
        } finally {
            turn.unlock();
        }
        endIfAsked();
    }

    @Override
    public void onError(Throwable cancelled) {
        // the client went away; every item answered so far is stored, the rest was never taken
        release();
    }

    @Override
    public void onCompleted() {
        turn.lock();
        try {
            if (!ended) {
                ended = true;
                response.onCompleted();
            }
        } finally {
            turn.unlock();
        }
        release();
    }

    @Override
    public void end(StatusException status) {
        ending.compareAndSet(null, status);
        endIfAsked();
    }

    /**
     * Ends the stream if the hub asked to and no item is being handled; otherwise the thread handling the item ends
     * it once the item is answered (it looks again after letting go of the turn).
     */
    private void endIfAsked() {
        if (ending.get() != null && turn.tryLock()) {
            try {
                if (!ended) {
                    endNow();
                }
            } finally {
                turn.unlock();
            }
        }
    }

    private void endNow() {
        ended = true;
        try {
            response.onError(ending.get());
        } catch (RuntimeException alreadyGone) {
            // the call was cancelled meanwhile
        }
        release();
    }

    private void release() {
        released = true;
        OpenStreams.Registration registered = registration;
        if (registered != null) {
            registered.close();
        }
    }
}
