package org.mhhs.backbone.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls any RPC by name with raw request bytes, whatever its type: the messages are sent, the client half-closes, and
 * the call's end is the outcome. A server-streaming answer is cancelled after its first message: the hub accepted the
 * request, which is all a caller of this needs to know.
 */
public final class RawCall {

    /** How a call ended: its status, trailers and how many messages came back before. */
    public record Outcome(Status status, Metadata trailers, int responses) {

        public Status.Code code() {
            return status.getCode();
        }

        /** The ErrorInfo reason the hub gave, or "" when none. */
        public String reason() {
            com.google.rpc.Status details = StatusProto.fromStatusAndTrailers(status, trailers);
            return details.getDetailsList().stream()
                    .filter(any -> any.is(ErrorInfo.class))
                    .map(any -> {
                        try {
                            return any.unpack(ErrorInfo.class).getReason();
                        } catch (InvalidProtocolBufferException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .findFirst()
                    .orElse("");
        }

        /** The call was answered (a response came, or it ended OK) rather than refused. */
        public boolean answered() {
            return status.isOk() || responses > 0;
        }

        @Override
        public String toString() {
            return status.getCode() + (reason().isEmpty() ? "" : "/" + reason()) + " " + status.getDescription();
        }
    }

    /** Request and response bytes as they are on the wire. */
    public static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private RawCall() {}

    /** Calls the method as a client without credentials ({@code credentials} null) or with them. */
    public static Outcome call(
            Channel channel, MethodDescriptor<?, ?> method, CallCredentials credentials, List<byte[]> requests) {
        MethodDescriptor<byte[], byte[]> raw = MethodDescriptor.<byte[], byte[]>newBuilder(BYTES, BYTES)
                .setFullMethodName(method.getFullMethodName())
                .setType(method.getType())
                .build();
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS);
        if (credentials != null) {
            options = options.withCallCredentials(credentials);
        }
        ClientCall<byte[], byte[]> call = channel.newCall(raw, options);
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        int[] responses = {0};
        // the listener may cancel while this thread still sends: one lock, so that nothing is sent after a cancel
        boolean[] cancelled = {false};
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onMessage(byte[] message) {
                        responses[0]++;
                        if (!method.getType().serverSendsOneMessage()) {
                            synchronized (cancelled) {
                                cancelled[0] = true;
                                call.cancel("the first answer is enough", null);
                            }
                        }
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        outcome.complete(new Outcome(status, trailers, responses[0]));
                    }
                },
                new Metadata());
        call.request(Integer.MAX_VALUE);
        synchronized (cancelled) {
            if (!cancelled[0]) {
                requests.forEach(call::sendMessage);
                call.halfClose();
            }
        }
        try {
            return outcome.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method.getFullMethodName() + " never ended", e);
        }
    }
}
