package org.mhhs.backbone.grpc;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.ServerBuilderCustomizer;

/**
 * Caps the calls one connection may have open at once (HTTP/2 concurrent streams, {@code
 * hub.rate-limits.max-concurrent-calls-per-connection}): with over-rate refusals held ({@link RateLimits}), this bounds
 * how many refusals a flooding connection can draw per delay. Spring gRPC builds the listener with grpc-netty or its
 * shaded twin, whichever it finds; the cap applies to either.
 */
@Configuration(proxyBeanMethods = false)
class CallsPerConnection {

    @Bean
    ServerBuilderCustomizer<io.grpc.netty.NettyServerBuilder> nettyCallsPerConnection(RateLimitProperties limits) {
        return builder -> builder.maxConcurrentCallsPerConnection(limits.maxConcurrentCallsPerConnection());
    }

    @Bean
    ServerBuilderCustomizer<io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder> shadedNettyCallsPerConnection(
            RateLimitProperties limits) {
        return builder -> builder.maxConcurrentCallsPerConnection(limits.maxConcurrentCallsPerConnection());
    }
}
