package org.mhhs.backbone.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.ApplicationContext;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.service.DefaultGrpcServiceConfigurer;
import org.springframework.grpc.server.service.GrpcServiceSpec;
import org.springframework.stereotype.Component;

/**
 * Refuses a request whose bytes are not a message of the method's request type with {@code INVALID_ARGUMENT}
 * ({@code MalformedRequest}), for every service the hub serves. grpc-java would end such a call with
 * {@code UNKNOWN} ("Application error processing RPC"), whatever its marshaller threw, so the marshaller here does
 * not throw: it hands the handler a {@link Malformed} marker, which ends the call before the service sees anything.
 * The guard sits inside the global interceptors, so authentication and entitlements still come first.
 */
@Component
public class MalformedRequests extends DefaultGrpcServiceConfigurer {

    public static final String REASON = "MalformedRequest";

    /** What the request marshaller returns instead of throwing. */
    public record Malformed(String problem) {}

    MalformedRequests(ApplicationContext context) {
        super(context);
    }

    @Override
    public ServerServiceDefinition configure(GrpcServiceSpec spec, GrpcServerFactory serverFactory) {
        return super.configure(
                new GrpcServiceSpec(() -> guarded(spec.service().bindService()), spec.serviceInfo()), serverFactory);
    }

    public static ServerServiceDefinition guarded(ServerServiceDefinition definition) {
        return ServiceDefinitions.mapMethods(definition, MalformedRequests::guarded);
    }

    private static <Q, R> ServerMethodDefinition<Object, R> guarded(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> original = method.getMethodDescriptor();
        MethodDescriptor<Object, R> descriptor = original.toBuilder(
                        tolerant(original.getRequestMarshaller()), original.getResponseMarshaller())
                .build();
        ServerCallHandler<Q, R> handler = method.getServerCallHandler();
        return ServerMethodDefinition.create(descriptor, (call, headers) -> guard(call, headers, handler));
    }

    private static <Q> MethodDescriptor.Marshaller<Object> tolerant(MethodDescriptor.Marshaller<Q> requests) {
        return new MethodDescriptor.Marshaller<>() {
            @Override
            @SuppressWarnings("unchecked")
            public InputStream stream(Object value) {
                return requests.stream((Q) value);
            }

            @Override
            public Object parse(InputStream stream) {
                try {
                    return requests.parse(stream);
                } catch (RuntimeException e) {
                    return new Malformed(e.getMessage());
                }
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <Q, R> ServerCall.Listener<Object> guard(
            ServerCall<Object, R> call, Metadata headers, ServerCallHandler<Q, R> handler) {
        AtomicBoolean refused = new AtomicBoolean();
        // once the guard has ended the call, what the service still says (it learns of the end as a cancellation)
        // goes nowhere
        ServerCall<Object, R> service = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(R message) {
                if (!refused.get()) {
                    super.sendMessage(message);
                }
            }

            @Override
            public void close(Status status, Metadata trailers) {
                if (!refused.get()) {
                    super.close(status, trailers);
                }
            }

            @Override
            public boolean isCancelled() {
                return refused.get() || super.isCancelled();
            }
        };
        // the handler only passes the call on to the service's observer; the request type is erased at run time
        ServerCall.Listener<Q> listener = handler.startCall((ServerCall<Q, R>) (ServerCall<?, R>) service, headers);
        return new ServerCall.Listener<>() {
            @Override
            public void onMessage(Object message) {
                if (refused.get()) {
                    return;
                }
                if (message instanceof Malformed malformed) {
                    refused.set(true);
                    StatusException status = GrpcErrors.status(
                            Status.Code.INVALID_ARGUMENT,
                            REASON,
                            "the request is "
                                    + "not a valid "
                                    + call.getMethodDescriptor().getFullMethodName() + " request: "
                                    + malformed.problem(),
                            null);
                    call.close(status.getStatus(), status.getTrailers());
                    listener.onCancel();
                    return;
                }
                listener.onMessage((Q) message);
            }

            @Override
            public void onHalfClose() {
                if (!refused.get()) {
                    listener.onHalfClose();
                }
            }

            @Override
            public void onCancel() {
                if (!refused.get()) {
                    listener.onCancel();
                }
            }

            @Override
            public void onComplete() {
                if (!refused.get()) {
                    listener.onComplete();
                }
            }

            @Override
            public void onReady() {
                if (!refused.get()) {
                    listener.onReady();
                }
            }
        };
    }
}
