package org.mhhs.backbone.grpc.notification;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.mhhs.backbone.grpc.ServiceDefinitions;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.SubscribeResponse;
import org.mhhs.backbone.grpc.v1.SubscriptionServiceGrpc;

/**
 * Sends an event to a subscriber as the bytes the feed stored, without parsing and re-encoding the envelope for each
 * delivery. A {@code SubscribeResponse} carrying an event is the envelope's bytes behind a field tag and length; a
 * replayed delivery appends {@code replayed = true}, which protobuf's merge rule applies on the client. The wire is
 * exactly what the generated classes would send: clients see ordinary {@code SubscribeResponse} messages.
 */
final class PreEncodedResponses {

    /** A {@code SubscribeResponse} already encoded. */
    record Encoded(byte[] bytes) {}

    private static final MethodDescriptor.Marshaller<SubscribeResponse> PROTO =
            ProtoUtils.marshaller(SubscribeResponse.getDefaultInstance());

    private PreEncodedResponses() {}

    /** The response carrying a stored envelope, marked replayed when it comes from the backlog. */
    static Encoded event(byte[] envelope, boolean replayed) {
        int length = envelope.length + (replayed ? 2 : 0);
        byte[] bytes = new byte[1 + CodedOutputStream.computeUInt32SizeNoTag(length) + length];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeTag(SubscribeResponse.EVENT_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(length);
            out.writeRawBytes(envelope);
            if (replayed) {
                out.writeBool(EventEnvelope.REPLAYED_FIELD_NUMBER, true);
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Encoded(bytes);
    }

    /**
     * The service definition with Subscribe's responses marshalled by {@link #marshaller()}: the same method name and
     * request type, so interceptors, entitlements and reflection see no difference.
     */
    static ServerServiceDefinition withPreEncodedSubscribe(ServerServiceDefinition generated) {
        String subscribe = SubscriptionServiceGrpc.getSubscribeMethod().getFullMethodName();
        return ServiceDefinitions.mapMethods(
                generated,
                method -> method.getMethodDescriptor().getFullMethodName().equals(subscribe)
                        ? preEncoded(method)
                        : method);
    }

    @SuppressWarnings("unchecked")
    private static <Q, R> ServerMethodDefinition<Q, Object> preEncoded(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, Object> descriptor = method.getMethodDescriptor().toBuilder(
                        method.getMethodDescriptor().getRequestMarshaller(), marshaller())
                .build();
        // the handler only hands its responses to the marshaller, so it may send Encoded as well as SubscribeResponse
        return ServerMethodDefinition.create(
                descriptor, (ServerCallHandler<Q, Object>) (ServerCallHandler<Q, ?>) method.getServerCallHandler());
    }

    static MethodDescriptor.Marshaller<Object> marshaller() {
        return new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(Object value) {
                return value instanceof Encoded encoded
                        ? new ByteArrayInputStream(encoded.bytes())
                        : PROTO.stream((SubscribeResponse) value);
            }

            @Override
            public Object parse(InputStream stream) {
                return PROTO.parse(stream);
            }
        };
    }
}
