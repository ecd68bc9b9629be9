package org.mhhs.backbone.grpc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.mhhs.backbone.kernel.ParticipantId;
import org.springframework.stereotype.Component;

/**
 * The call rate limits (see {@link RateLimitProperties}): one token bucket per remote address for every call, one per
 * remote address for refused authentications, one per participant. Held in this node's memory: each node of a hub
 * limits the calls it serves. An address or a participant whose bucket is empty is refused before any database work:
 * the participant is known by the credential it last authenticated with.
 */
@Component
class RateLimits {

    static final String REASON = "RateLimited";

    /**
     * A call over a limit: the message for the caller, how long until it may call again, and the participant whose
     * limit it is (empty for the limits of an address).
     */
    record Limited(String message, Duration retryAfter, Optional<ParticipantId> participant) {}

    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private final RateLimitProperties properties;
    private final Cache<String, Bucket> peers;
    private final Cache<String, Bucket> unauthenticatedPeers;
    private final Cache<ParticipantId, Bucket> participants;
    private final Cache<String, ParticipantId> credentials;

    RateLimits(RateLimitProperties properties) {
        this.properties = properties;
        this.peers = buckets(properties.trackedPeers());
        this.unauthenticatedPeers = buckets(properties.trackedPeers());
        this.participants = buckets(100_000);
        this.credentials = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(FORGET_AFTER)
                .build();
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
                        wait,
                        Optional.empty()));
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
                wait,
                Optional.empty()));
    }

    /** Counts a call of the address refused as unauthenticated. */
    void unauthenticated(String address) {
        if (properties.enabled()) {
            unauthenticatedPeers
                    .get(address, a -> bucket(properties.unauthenticated()))
                    .tryConsume(1);
        }
    }

    /**
     * Whether the participant that the presented credential last authenticated as has spent its calls; takes nothing.
     * Lets a participant over its rate be refused before its credential is looked up again. The credential is never
     * taken as proof of anything: a revoked one can at most be refused as over the rate instead of unauthenticated.
     */
    Optional<Limited> credentialSpent(String credential) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        ParticipantId participant = credentials.getIfPresent(credential);
        Bucket bucket = participant == null ? null : participants.getIfPresent(participant);
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed()
                ? Optional.empty()
                : Optional.of(overParticipantLimit(participant, roundedUp(probe.getNanosToWaitForRefill())));
    }

    /**
     * Takes a call of the participant from its bucket and remembers the credential it came with; empty when it may go
     * on.
     */
    Optional<Limited> participantCall(ParticipantId participant, Optional<String> credential) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        credential.ifPresent(c -> credentials.put(c, participant));
        return take(participants.get(participant, p -> bucket(limitOf(p))))
                .map(wait -> overParticipantLimit(participant, wait));
    }

    /** How a call presents its credential to {@link #credentialSpent}: a bearer token by its SHA-256, never as is. */
    static String bearerToken(String token) {
        try {
            return "token "
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A client certificate by its fingerprint. */
    static String clientCertificate(String fingerprint) {
        return "certificate " + fingerprint;
    }

    private RateLimitProperties.Limit limitOf(ParticipantId participant) {
        return properties.participants().getOrDefault(participant.value(), properties.participant());
    }

    private Limited overParticipantLimit(ParticipantId participant, Duration wait) {
        return new Limited(
                participant + " made more than " + limitOf(participant).callsPerSecond() + " calls a second; retry in "
                        + wait.toMillis() + " ms",
                wait,
                Optional.of(participant));
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
