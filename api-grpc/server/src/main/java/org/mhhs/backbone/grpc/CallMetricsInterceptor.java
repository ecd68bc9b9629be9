package org.mhhs.backbone.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.stereotype.Component;

/**
 * Counts every finished call by service, method and status code as {@code hub.grpc.calls}
 * (Prometheus: {@code hub_grpc_calls_total}). Spring gRPC's own observation ({@code grpc_server_seconds}) sits inside
 * the access check and so never sees a refused call; this one runs outside it, so that unauthenticated and
 * unentitled calls show in the error rate too.
 */
@Component
@GlobalServerInterceptor
@Order(Ordered.HIGHEST_PRECEDENCE)
class CallMetricsInterceptor implements ServerInterceptor {

    static final String METER = "hub.grpc.calls";

    private final MeterRegistry registry;

    CallMetricsInterceptor(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String service = call.getMethodDescriptor().getServiceName();
        String method = call.getMethodDescriptor().getBareMethodName();
        AtomicBoolean counted = new AtomicBoolean();
        ServerCall<Q, R> counting = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                if (counted.compareAndSet(false, true)) {
                    count(service, method, status.getCode());
                }
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener = next.startCall(counting, headers);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            // A client that goes away (or whose deadline passes) before the hub answers ends the call without close().
            @Override
            public void onCancel() {
                if (counted.compareAndSet(false, true)) {
                    count(service, method, Status.Code.CANCELLED);
                }
                super.onCancel();
            }
        };
    }

    private void count(String service, String method, Status.Code code) {
        Counter.builder(METER)
                .description("gRPC calls the hub finished, by status code")
                .tag("service", service)
                .tag("method", method)
                .tag("code", code.name())
                .register(registry)
                .increment();
    }
}
