package org.mhhs.backbone.grpc;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.ServerBuilderCustomizer;

/**
 * The gRPC listener asks {@link PeerConnections} of every connection it accepts whether it may stay, and closes it
 * (with a reset, so no socket lingers) when not: an address cut off for flooding, or one holding its most connections,
 * costs the hub an accept and a close, no TLS handshake and no HTTP/2. Spring gRPC builds the listener with grpc-java's
 * shaded Netty when it is on the class path, as it is here (it comes with Axon's Server connector); the listener then
 * runs on Netty's NIO transport with event loops of its own, closed with the application.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionGate {

    /** Connections refused in a row before the accepting thread lets other work run. */
    private static final int REFUSALS_PER_READ = 64;

    @Bean(destroyMethod = "shutdownGracefully")
    NioEventLoopGroup grpcAcceptLoop() {
        return new NioEventLoopGroup(1, new DefaultThreadFactory("grpc-accept", true));
    }

    @Bean(destroyMethod = "shutdownGracefully")
    NioEventLoopGroup grpcConnectionLoops() {
        return new NioEventLoopGroup(0, new DefaultThreadFactory("grpc-connection", true));
    }

    @Bean
    ServerBuilderCustomizer<NettyServerBuilder> gatedListener(
            PeerConnections connections, NioEventLoopGroup grpcAcceptLoop, NioEventLoopGroup grpcConnectionLoops) {
        return builder -> builder.channelFactory(() -> new GatedServerChannel(connections))
                .bossEventLoopGroup(grpcAcceptLoop)
                .workerEventLoopGroup(grpcConnectionLoops);
    }

    /** A listening socket that hands on only the connections {@link PeerConnections} admits. */
    static final class GatedServerChannel extends NioServerSocketChannel {

        private final PeerConnections connections;

        GatedServerChannel(PeerConnections connections) {
            this.connections = connections;
        }

        @Override
        protected int doReadMessages(List<Object> accepted) throws Exception {
            for (int refused = 0; refused < REFUSALS_PER_READ; refused++) {
                int before = accepted.size();
                if (super.doReadMessages(accepted) == 0) {
                    return 0;
                }
                Channel connection = (Channel) accepted.get(before);
                if (connections.admit(connection).isEmpty()) {
                    return 1;
                }
                accepted.remove(before);
                connection.config().setOption(ChannelOption.SO_LINGER, 0);
                connection.unsafe().closeForcibly();
            }
            return 0;
        }
    }
}
