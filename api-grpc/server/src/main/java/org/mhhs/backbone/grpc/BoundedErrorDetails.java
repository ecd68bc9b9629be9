package org.mhhs.backbone.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.PreconditionFailure;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.ProtoUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.stereotype.Component;

/**
 * Keeps every refusal small enough for a client to read. A status message or a field violation that quotes a
 * 100,000-character field, or thousands of field violations, would make trailers larger than gRPC clients accept
 * (8 KiB by default), and the caller would see INTERNAL instead of the refusal. Messages and descriptions are cut,
 * and at most {@value #MAX_VIOLATIONS} violations are reported, for every service (also health checking) and for
 * every refusal {@link GrpcErrors} makes.
 */
@Component
@GlobalServerInterceptor
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class BoundedErrorDetails implements ServerInterceptor {

    public static final int MAX_MESSAGE = 200;
    public static final int MAX_DESCRIPTION = 120;
    public static final int MAX_VIOLATIONS = 16;
    /** The trailer {@code StatusProto} writes the status with its details to. */
    private static final Metadata.Key<com.google.rpc.Status> DETAILS = Metadata.Key.of(
            "grpc-status-details-bin", ProtoUtils.metadataMarshaller(com.google.rpc.Status.getDefaultInstance()));

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return next.startCall(
                new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        super.close(bounded(status), bounded(trailers));
                    }
                },
                headers);
    }

    /** What {@link GrpcErrors} answers: Spring gRPC's exception handling closes the call outside this interceptor. */
    public static StatusException bounded(StatusException exception) {
        Metadata trailers = exception.getTrailers() == null ? new Metadata() : exception.getTrailers();
        return new StatusException(bounded(exception.getStatus()), bounded(trailers));
    }

    private static Status bounded(Status status) {
        return status.withDescription(cut(status.getDescription(), MAX_MESSAGE));
    }

    private static Metadata bounded(Metadata trailers) {
        com.google.rpc.Status details = trailers.get(DETAILS);
        if (details != null) {
            com.google.rpc.Status.Builder bounded = details.toBuilder()
                    .setMessage(cut(details.getMessage(), MAX_MESSAGE))
                    .clearDetails();
            details.getDetailsList().forEach(detail -> bounded.addDetails(bounded(detail)));
            trailers.discardAll(DETAILS);
            trailers.put(DETAILS, bounded.build());
        }
        return trailers;
    }

    private static Any bounded(Any detail) {
        try {
            if (detail.is(BadRequest.class)) {
                BadRequest request = detail.unpack(BadRequest.class);
                BadRequest.Builder bounded = BadRequest.newBuilder();
                request.getFieldViolationsList().stream()
                        .limit(MAX_VIOLATIONS)
                        .forEach(v -> bounded.addFieldViolations(v.toBuilder()
                                .setField(cut(v.getField(), MAX_DESCRIPTION))
                                .setDescription(cut(v.getDescription(), MAX_DESCRIPTION))));
                return Any.pack(bounded.build());
            }
            if (detail.is(PreconditionFailure.class)) {
                PreconditionFailure failure = detail.unpack(PreconditionFailure.class);
                PreconditionFailure.Builder bounded = PreconditionFailure.newBuilder();
                failure.getViolationsList().stream()
                        .limit(MAX_VIOLATIONS)
                        .forEach(v -> bounded.addViolations(v.toBuilder()
                                .setSubject(cut(v.getSubject(), MAX_DESCRIPTION))
                                .setDescription(cut(v.getDescription(), MAX_DESCRIPTION))));
                return Any.pack(bounded.build());
            }
            return detail;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the hub packed a detail it cannot read back", e);
        }
    }

    private static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        return text.substring(0, limit) + "... (" + (text.length() - limit) + " more characters)";
    }
}
