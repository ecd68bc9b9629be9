package org.mhhs.backbone.grpc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.mhhs.backbone.kernel.ParticipantId;
import org.springframework.stereotype.Component;

/**
 * The call rate limits (see {@link RateLimitProperties}): one token bucket per remote address for every call, one per
 * remote address for refused authentications, one per participant. Held in this node's memory: each node of a hub
 * limits the calls it serves.
 */
@Component
class RateLimits {

    static final String REASON = "RateLimited";

    /** A call over a limit: the message for the caller and how long until it may call again. */
    record Limited(String message, Duration retryAfter) {}

    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private final RateLimitProperties properties;
    private final Cache<String, Bucket> peers;
    private final Cache<String, Bucket> unauthenticatedPeers;
    private final Cache<ParticipantId, Bucket> participants;

    RateLimits(RateLimitProperties properties) {
        this.properties = properties;
        this.peers = buckets(properties.trackedPeers());
        this.unauthenticatedPeers = buckets(properties.trackedPeers());
        this.participants = buckets(100_000);
    }

    /** The remote address a limit applies to: the IP address without the port, as connections come and go. */
    static String address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }

    /** Takes a call of the address from its bucket; empty when it may go on. */
    Optional<Limited> peerCall(String address) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        RateLimitProperties.Limit limit = properties.peer();
        return take(peers.get(address, a -> bucket(limit)))
                .map(wait -> new Limited(
                        "more than " + limit.callsPerSecond() + " calls a second from " + address + "; retry in "
                                + wait.toMillis() + " ms",
                        wait));
    }

    /** Whether the address has spent its refused authentications; takes nothing. Empty when it may try. */
    Optional<Limited> unauthenticatedSpent(String address) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        Bucket bucket = unauthenticatedPeers.getIfPresent(address);
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        if (probe.canBeConsumed()) {
            return Optional.empty();
        }
        Duration wait = roundedUp(probe.getNanosToWaitForRefill());
        return Optional.of(new Limited(
                "more than " + properties.unauthenticated().callsPerSecond() + " calls a second from " + address
                        + " failed authentication; retry in " + wait.toMillis() + " ms",
                wait));
    }

    /** Counts a call of the address refused as unauthenticated. */
    void unauthenticated(String address) {
        if (properties.enabled()) {
            unauthenticatedPeers
                    .get(address, a -> bucket(properties.unauthenticated()))
                    .tryConsume(1);
        }
    }

    /** Takes a call of the participant from its bucket; empty when it may go on. */
    Optional<Limited> participantCall(ParticipantId participant) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        RateLimitProperties.Limit limit = properties.participant();
        return take(participants.get(participant, p -> bucket(limit)))
                .map(wait -> new Limited(
                        participant + " made more than " + limit.callsPerSecond() + " calls a second; retry in "
                                + wait.toMillis() + " ms",
                        wait));
    }

    private static Optional<Duration> take(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(roundedUp(probe.getNanosToWaitForRefill()));
    }

    private static Duration roundedUp(long nanos) {
        return Duration.ofMillis(Math.max(1, (nanos + 999_999) / 1_000_000));
    }

    private static Bucket bucket(RateLimitProperties.Limit limit) {
        return Bucket.builder()
                .addLimit(bandwidth ->
                        bandwidth.capacity(limit.burst()).refillGreedy(limit.callsPerSecond(), Duration.ofSeconds(1)))
                .build();
    }

    private static <K> Cache<K, Bucket> buckets(int size) {
        return Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfterAccess(FORGET_AFTER)
                .build();
    }
}
