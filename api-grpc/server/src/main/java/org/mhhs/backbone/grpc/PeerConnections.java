package org.mhhs.backbone.grpc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The connections of the gRPC listener by remote address, and the addresses cut off ({@link RateLimitProperties}
 * {@code shed}): the listener asks {@link #admit} of every connection it accepts, before TLS or HTTP/2 cost anything,
 * and closes it at once when the address is cut off or already holds {@code max-connections-per-peer} connections.
 * {@link #shed} cuts an address off: closes every connection it holds and refuses its new ones until the time is up.
 * Held in this node's memory, as the rate limits are.
 */
@Component
class PeerConnections {

    private static final Logger log = LoggerFactory.getLogger(PeerConnections.class);

    /** Why a connection was closed when it was accepted. */
    enum Refusal {
        SHED,
        TOO_MANY_CONNECTIONS
    }

    private final RateLimitProperties properties;
    private final Clock clock;
    private final ConcurrentHashMap<String, Set<Channel>> open = new ConcurrentHashMap<>();
    private final Cache<String, Instant> cutOff;
    private final AtomicInteger openCount = new AtomicInteger();
    private final Counter refusedShed;
    private final Counter refusedTooMany;
    private final Counter sheds;

    PeerConnections(RateLimitProperties properties, Clock clock, MeterRegistry metrics) {
        this.properties = properties;
        this.clock = clock;
        this.cutOff = Caffeine.newBuilder()
                .maximumSize(properties.trackedPeers())
                .expireAfterWrite(
                        properties.shed() == null
                                ? Duration.ofMinutes(1)
                                : properties.shed().duration())
                .build();
        this.refusedShed = Counter.builder("hub.grpc.connections.refused")
                .description("connections closed as soon as they were accepted")
                .tag("reason", "shed")
                .register(metrics);
        this.refusedTooMany = Counter.builder("hub.grpc.connections.refused")
                .description("connections closed as soon as they were accepted")
                .tag("reason", "too-many-connections")
                .register(metrics);
        this.sheds = Counter.builder("hub.rate-limits.sheds")
                .description("remote addresses cut off for calls refused over their limits again and again")
                .register(metrics);
        Gauge.builder("hub.grpc.connections.open", openCount, AtomicInteger::get)
                .description("connections the gRPC listener holds open")
                .register(metrics);
    }

    /**
     * Whether a connection just accepted from the address may stay; when it may, it is counted until it closes. Runs
     * on the listener's accepting thread.
     */
    Optional<Refusal> admit(Channel connection) {
        String address = RateLimits.address(connection.remoteAddress());
        if (!properties.enabled()) {
            return Optional.empty();
        }
        if (isCutOff(address)) {
            refusedShed.increment();
            return Optional.of(Refusal.SHED);
        }
        boolean[] admitted = {false};
        open.compute(address, (a, channels) -> {
            Set<Channel> ofAddress = channels == null ? ConcurrentHashMap.newKeySet() : channels;
            if (ofAddress.size() < properties.maxConnectionsPerPeer()) {
                admitted[0] = ofAddress.add(connection);
            }
            return ofAddress.isEmpty() ? null : ofAddress;
        });
        if (!admitted[0]) {
            refusedTooMany.increment();
            return Optional.of(Refusal.TOO_MANY_CONNECTIONS);
        }
        openCount.incrementAndGet();
        connection.closeFuture().addListener(closed -> {
            openCount.decrementAndGet();
            open.computeIfPresent(address, (a, channels) -> {
                channels.remove(connection);
                return channels.isEmpty() ? null : channels;
            });
        });
        return Optional.empty();
    }

    /** Cuts the address off for {@code hub.rate-limits.shed.duration}: closes its connections, refuses new ones. */
    void shed(String address) {
        Instant until = clock.instant().plus(properties.shed().duration());
        if (cutOff.asMap().put(address, until) == null) {
            sheds.increment();
            log.warn(
                    "Cut off {} until {}: its calls kept being refused over their rate limits (hub.rate-limits.shed)",
                    address,
                    until);
        }
        Set<Channel> ofAddress = open.get(address);
        if (ofAddress != null) {
            ofAddress.forEach(PeerConnections::reset);
        }
    }

    /**
     * Resets the connection: closes its socket at once, under the calls it holds, without the HTTP/2 goodbye, which
     * would wait for those calls to end (a held refusal would keep it open for its delay).
     */
    private static void reset(Channel connection) {
        connection.eventLoop().execute(() -> {
            connection.config().setOption(ChannelOption.SO_LINGER, 0);
            connection.unsafe().close(connection.voidPromise());
        });
    }

    /** Whether the address is cut off now (its entry lasts {@code hub.rate-limits.shed.duration}). */
    boolean isCutOff(String address) {
        return cutOff.getIfPresent(address) != null;
    }
}
