package org.mhhs.backbone.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.RetryInfo;
import io.grpc.Attributes;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.AbstractStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.mhhs.backbone.access.AccessProperties;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.CommandHeader;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A real gRPC client of the hub under test, as a participant would use it: a channel plus bearer tokens. */
@TestComponent
public class HubClient implements AutoCloseable {

    private final AccessProperties access;
    private final JdbcClient jdbc;
    private volatile ManagedChannel channel;
    private volatile int port;

    HubClient(AccessProperties access, JdbcClient jdbc) {
        this.access = access;
        this.jdbc = jdbc;
    }

    @EventListener
    void serverStarted(GrpcServerStartedEvent event) {
        port = event.getPort();
    }

    public ManagedChannel channel() {
        if (channel == null) {
            synchronized (this) {
                if (channel == null) {
                    channel = NettyChannelBuilder.forAddress("localhost", port)
                            .usePlaintext()
                            .build();
                }
            }
        }
        return channel;
    }

    /**
     * A new plaintext channel whose connections come from another loopback address (e.g. 127.0.0.2), so that the hub
     * sees another peer: the per-address rate limits of this client's calls are not touched. The caller closes it.
     */
    public ManagedChannel channelFrom(String sourceAddress) {
        return NettyChannelBuilder.forAddress("localhost", port)
                .usePlaintext()
                .localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
                    @Override
                    public SocketAddress createSocketAddress(SocketAddress remote, Attributes attributes) {
                        return new InetSocketAddress(sourceAddress, 0);
                    }
                })
                .build();
    }

    public void awaitServing() {
        var health = HealthGrpc.newBlockingStub(channel());
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() ->
                        health.check(HealthCheckRequest.getDefaultInstance()).getStatus()
                                == HealthCheckResponse.ServingStatus.SERVING);
    }

    public int port() {
        return port;
    }

    /** The token the hub wrote on its first start; waits until the hub says it is serving, as a client should. */
    public String operatorToken() {
        awaitServing();
        try {
            return Files.readString(access.operatorTokenFile()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <S extends AbstractStub<S>> S as(S stub, String token) {
        return stub.withCallCredentials(bearer(token)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public IsdServiceGrpc.IsdServiceBlockingStub isd(String token) {
        return as(IsdServiceGrpc.newBlockingStub(channel()), token);
    }

    public AccessServiceGrpc.AccessServiceBlockingStub access(String token) {
        return as(AccessServiceGrpc.newBlockingStub(channel()), token);
    }

    public IsdServiceGrpc.IsdServiceBlockingStub operatorIsd() {
        return isd(operatorToken());
    }

    /** Issues a token for a participant through the API, as the operator does. */
    public String tokenFor(String participantId) {
        return access(operatorToken())
                .issueToken(IssueTokenRequest.newBuilder()
                        .setParticipantId(participantId)
                        .setDescription("test")
                        .build())
                .getToken();
    }

    public static CommandHeader newCommand() {
        return CommandHeader.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .build();
    }

    /** Events in the store: a failed command must leave this unchanged. */
    public long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM axon.domain_event_entry")
                .query(Long.class)
                .single();
    }

    public static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo requestInfo, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
                applier.apply(headers);
            }
        };
    }

    /** The refusal of a call that must be refused; fails the test if the call succeeds. */
    public static StatusRuntimeException refused(Runnable call) {
        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(refused).as("the call should have been refused").isNotNull();
        return refused;
    }

    public static Status.Code code(StatusRuntimeException e) {
        return e.getStatus().getCode();
    }

    public static String reason(StatusRuntimeException e) {
        return details(e, ErrorInfo.class).stream()
                .map(ErrorInfo::getReason)
                .findFirst()
                .orElse("");
    }

    /** The delay a refusal's {@code google.rpc.RetryInfo} asks the caller to wait, if it has one. */
    public static Optional<Duration> retryDelay(StatusRuntimeException e) {
        return details(e, RetryInfo.class).stream()
                .map(info -> Duration.ofSeconds(
                        info.getRetryDelay().getSeconds(), info.getRetryDelay().getNanos()))
                .findFirst();
    }

    public static List<String> violatedFields(StatusRuntimeException e) {
        return details(e, BadRequest.class).stream()
                .flatMap(b -> b.getFieldViolationsList().stream())
                .map(BadRequest.FieldViolation::getField)
                .toList();
    }

    public static List<PreconditionFailure.Violation> preconditionViolations(StatusRuntimeException e) {
        return details(e, PreconditionFailure.class).stream()
                .flatMap(p -> p.getViolationsList().stream())
                .toList();
    }

    private static <T extends com.google.protobuf.Message> List<T> details(StatusRuntimeException e, Class<T> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            return List.of();
        }
        return status.getDetailsList().stream()
                .filter(any -> any.is(type))
                .map(any -> {
                    try {
                        return any.unpack(type);
                    } catch (InvalidProtocolBufferException ex) {
                        throw new IllegalStateException(ex);
                    }
                })
                .toList();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
    }
}
