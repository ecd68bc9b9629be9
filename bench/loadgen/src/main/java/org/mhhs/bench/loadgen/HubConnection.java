package org.mhhs.bench.loadgen;

import io.grpc.Attributes;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.stub.AbstractStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.mhhs.backbone.grpc.v1.RegisterCertificateRequest;

/**
 * How the load generator reaches the hub as each participant. Bearer mode (the hub's development mode): plaintext
 * channels, the operator's token from a file, a token per participant issued by the operator. TLS mode: the hub's CA
 * and, with a client certificate directory, mutual TLS with {@code <participantId>.crt} and {@code <participantId>.key}
 * (PEM, PKCS#8) per participant, one channel per participant.
 */
final class HubConnection implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String host;
    private final int port;
    private final String operatorId;
    private final Path tlsCa;
    private final Path clientCertDir;
    private final ParticipantCertificates issuer;
    private final String operatorToken;
    private final List<ManagedChannel> shared = new ArrayList<>();
    private final Map<String, ManagedChannel> perParticipant = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, NioEventLoopGroup> machines = new ConcurrentHashMap<>();

    HubConnection(Options options) {
        this.host = options.host();
        this.port = options.port();
        this.operatorId = options.operatorId();
        this.tlsCa = options.tlsCa();
        this.clientCertDir = options.clientCertDir();
        this.issuer = clientCertDir != null && options.clientCaKey() != null
                ? new ParticipantCertificates(options.tlsCa(), options.clientCaKey())
                : null;
        this.operatorToken = clientCertDir == null ? readToken(options.operatorTokenFile()) : null;
        if (clientCertDir == null) {
            for (int i = 0; i < options.channels(); i++) {
                shared.add(newChannel(serverOnlyCredentials(), null));
            }
        }
    }

    boolean mutualTls() {
        return clientCertDir != null;
    }

    String operatorId() {
        return operatorId;
    }

    /** A stub acting as the operator. */
    <S extends AbstractStub<S>> S asOperator(Function<ManagedChannel, S> stub) {
        return as(operatorId, 0, stub);
    }

    /** A stub acting as the participant; {@code lane} spreads streams over the shared channels in bearer mode. */
    <S extends AbstractStub<S>> S as(String participantId, int lane, Function<ManagedChannel, S> stub) {
        if (mutualTls()) {
            return stub.apply(perParticipant.computeIfAbsent(participantId, this::mutualTlsChannel));
        }
        ManagedChannel channel = shared.get(Math.floorMod(lane, shared.size()));
        return stub.apply(channel).withCallCredentials(bearer(tokenOf(participantId)));
    }

    private String tokenOf(String participantId) {
        if (participantId.equals(operatorId)) {
            return operatorToken;
        }
        return tokens.computeIfAbsent(
                participantId,
                id -> AccessServiceGrpc.newBlockingStub(shared.getFirst())
                        .withCallCredentials(bearer(operatorToken))
                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                        .issueToken(IssueTokenRequest.newBuilder()
                                .setParticipantId(id)
                                .build())
                        .getToken());
    }

    /**
     * A stub on a channel of its own whose connection comes from {@code sourceAddress} (another loopback address, such
     * as 127.0.0.2, to stand for another machine): as the participant, or with no credentials at all when it is null.
     * The caller shuts the channel down.
     */
    <S extends AbstractStub<S>> S fromAddress(
            String sourceAddress, String participantId, Function<ManagedChannel, S> stub) {
        if (participantId == null) {
            return stub.apply(newChannel(serverOnlyCredentials(), sourceAddress));
        }
        if (mutualTls()) {
            as(participantId, 0, stub); // issues and registers the participant's certificate when it has none yet
            return stub.apply(newChannel(clientCredentials(participantId), sourceAddress));
        }
        return stub.apply(newChannel(serverOnlyCredentials(), sourceAddress))
                .withCallCredentials(bearer(tokenOf(participantId)));
    }

    private ManagedChannel mutualTlsChannel(String participantId) {
        if (issuer != null
                && !participantId.equals(operatorId)
                && !Files.exists(clientCertDir.resolve(participantId + ".crt"))) {
            String pem = issuer.issue(participantId, clientCertDir);
            asOperator(AccessServiceGrpc::newBlockingStub)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .registerCertificate(RegisterCertificateRequest.newBuilder()
                            .setParticipantId(participantId)
                            .setCertificatePem(pem)
                            .setDescription("load generator")
                            .build());
        }
        return newChannel(clientCredentials(participantId), null);
    }

    private ChannelCredentials clientCredentials(String participantId) {
        try {
            TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder()
                    .keyManager(
                            clientCertDir.resolve(participantId + ".crt").toFile(),
                            clientCertDir.resolve(participantId + ".key").toFile());
            if (tlsCa != null) {
                tls.trustManager(tlsCa.toFile());
            }
            return tls.build();
        } catch (IOException e) {
            throw new UncheckedIOException("client certificate of " + participantId + " in " + clientCertDir, e);
        }
    }

    private ChannelCredentials serverOnlyCredentials() {
        if (tlsCa == null) {
            return InsecureChannelCredentials.create();
        }
        try {
            return TlsChannelCredentials.newBuilder()
                    .trustManager(tlsCa.toFile())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("CA certificate " + tlsCa, e);
        }
    }

    private ManagedChannel newChannel(ChannelCredentials credentials, String sourceAddress) {
        NettyChannelBuilder builder =
                NettyChannelBuilder.forAddress(host, port, credentials).maxInboundMessageSize(16 * 1024 * 1024);
        if (sourceAddress != null) {
            // a machine of its own, as far as one process can: a network thread per source address, so that answering
            // it does not hold up the replies to the other channels in this client
            builder.eventLoopGroup(machines.computeIfAbsent(sourceAddress, a -> new NioEventLoopGroup(1)))
                    .channelType(NioSocketChannel.class);
            builder.localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
                @Override
                public SocketAddress createSocketAddress(SocketAddress remote, Attributes attributes) {
                    return new InetSocketAddress(sourceAddress, 0);
                }
            });
        }
        return builder.build();
    }

    static CallCredentials bearer(String token) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo requestInfo, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(AUTHORIZATION, "Bearer " + token);
                applier.apply(headers);
            }
        };
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the operator's token file " + file
                            + " (the hub writes it on its first start; pass --operator-token-file)",
                    e);
        }
    }

    @Override
    public void close() {
        shared.forEach(ManagedChannel::shutdownNow);
        perParticipant.values().forEach(ManagedChannel::shutdownNow);
        machines.values().forEach(NioEventLoopGroup::shutdownGracefully);
    }
}
