package org.mhhs.backbone.grpc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.annotation.PreDestroy;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mhhs.backbone.kernel.ParticipantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The call rate limits (see {@link RateLimitProperties}): one token bucket per remote address for every call, one per
 * remote address for refused authentications, one per participant. Held in this node's memory: each node of a hub
 * limits the calls it serves.
 *
 * <p>Every bucket that can refuse a call is asked before the call's credential is looked up, so that a refusal costs no
 * database work: the address's own bucket; the bucket of the participant the presented credential last authenticated
 * as on this node (a token by its SHA-256, a certificate by its fingerprint); for a credential not known so, the
 * address's bucket of refused authentications. Whatever was taken in advance is settled once the call is
 * authenticated ({@link #participantCall}) or refused as unauthenticated ({@link #unauthenticated}). A remembered
 * credential is never taken as proof of anything: it only decides whose bucket pays in advance.
 */
@Component
class RateLimits {

    static final String REASON = "RateLimited";

    /** The audit trail's reason for an address cut off ({@link #refusedOverRate}); no caller is sent it. */
    static final String CUT_OFF = "AddressCutOff";

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    /**
     * A call over a limit: the message for the caller, how long until it may call again, and the participant whose
     * limit it is (empty for the limits of an address).
     */
    record Limited(String message, Duration retryAfter, Optional<ParticipantId> participant) {}

    /** What was taken for a call before its credential was looked up. */
    sealed interface Advance {}

    /** Nothing was taken (the limits are off, or the call was refused by its address's limit). */
    record NothingTaken() implements Advance {}

    /** The call was taken from the bucket of the participant its credential last authenticated as. */
    record Charged(ParticipantId participant) implements Advance {}

    /** The credential is not known: the call was taken from its address's bucket of refused authentications. */
    record Reserved(String address) implements Advance {}

    /** A bucket asked in advance was empty. */
    record OverRate(Limited limited) implements Advance {}

    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private final RateLimitProperties properties;
    private final Cache<String, Bucket> peers;
    private final Cache<String, Bucket> unauthenticatedPeers;
    private final Cache<ParticipantId, Bucket> participants;
    private final Cache<String, ParticipantId> credentials;
    private final Cache<String, Bucket> refusals;
    private final PeerConnections connections;

    private final ScheduledExecutorService heldRefusals = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("rate-limit-refusals").daemon().factory());

    RateLimits(RateLimitProperties properties, PeerConnections connections) {
        this.properties = properties;
        this.connections = connections;
        this.refusals = cache(properties.trackedPeers());
        this.peers = cache(properties.trackedPeers());
        this.unauthenticatedPeers = cache(properties.trackedPeers());
        this.participants = cache(100_000);
        this.credentials = cache(100_000);
    }

    /**
     * Runs the refusal of an over-rate call after {@code hub.rate-limits.refusal-delay}; at once when the delay is
     * zero. The whole delay even when the call would pass sooner: a bucket refilled thousands of times a second would
     * otherwise hold a flood's calls for a millisecond, and the flood would go on at the rate the client can fire.
     */
    void holdRefusal(Runnable refusal) {
        Duration hold = properties.refusalDelay();
        if (hold.isZero()) {
            refusal.run();
            return;
        }
        heldRefusals.schedule(
                () -> {
                    try {
                        refusal.run();
                    } catch (RuntimeException e) {
                        // the client gave up on the call meanwhile: nothing to answer
                        log.debug("An over-rate call ended before its refusal was sent", e);
                    }
                },
                hold.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    @PreDestroy
    void stop() {
        heldRefusals.shutdownNow();
    }

    /** The remote address a limit applies to: the IP address without the port, as connections come and go. */
    static String address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }

    /** How a call presents a bearer token to the limits: by its SHA-256, never as is. */
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

    /** How a call presents a client certificate to the limits: by its fingerprint. */
    static String clientCertificate(String fingerprint) {
        return "certificate " + fingerprint;
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

    /** Takes the call, before its credential is looked up, from the bucket that would pay for it (see above). */
    Advance advance(String address, Optional<String> credential) {
        if (!properties.enabled()) {
            return new NothingTaken();
        }
        ParticipantId known = credential.map(credentials::getIfPresent).orElse(null);
        Bucket participant = known == null ? null : participants.getIfPresent(known);
        if (participant != null) {
            return take(participant)
                    .<Advance>map(wait -> new OverRate(overParticipantLimit(known, wait)))
                    .orElseGet(() -> new Charged(known));
        }
        Bucket failures = unauthenticatedPeers.getIfPresent(address);
        if (failures == null) {
            return new NothingTaken();
        }
        return take(failures)
                .<Advance>map(wait -> new OverRate(new Limited(
                        "more than " + properties.unauthenticated().callsPerSecond() + " calls a second from " + address
                                + " failed authentication; retry in " + wait.toMillis() + " ms",
                        wait,
                        Optional.empty())))
                .orElseGet(() -> new Reserved(address));
    }

    /**
     * Settles a call that authenticated as the participant: takes it from the participant's bucket (unless its
     * credential's advance already did), gives back what was reserved for a failed authentication, and remembers the
     * credential. Empty when the call may go on.
     */
    Optional<Limited> participantCall(ParticipantId participant, Optional<String> credential, Advance advance) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        switch (advance) {
            case Charged charged
            when charged.participant().equals(participant) -> {
                return Optional.empty();
            }
            case Charged charged -> giveBack(participants.getIfPresent(charged.participant()));
            case Reserved reserved -> giveBack(unauthenticatedPeers.getIfPresent(reserved.address()));
            case NothingTaken nothing -> {}
            case OverRate overRate -> {}
        }
        credential.ifPresent(c -> credentials.put(c, participant));
        return take(participants.get(participant, p -> bucket(limitOf(p))))
                .map(wait -> overParticipantLimit(participant, wait));
    }

    /**
     * Settles a call refused as unauthenticated: counts it in its address's bucket of refused authentications (unless
     * reserved there already), gives back what its credential was charged in advance, and forgets the credential.
     */
    void unauthenticated(String address, Optional<String> credential, Advance advance) {
        if (!properties.enabled()) {
            return;
        }
        if (!(advance instanceof Reserved)) {
            unauthenticatedPeers
                    .get(address, a -> bucket(properties.unauthenticated()))
                    .tryConsume(1);
        }
        if (advance instanceof Charged charged) {
            giveBack(participants.getIfPresent(charged.participant()));
        }
        credential.ifPresent(credentials::invalidate);
    }

    /**
     * Counts an over-rate refusal of a call from the address in its bucket of refusals ({@code hub.rate-limits.shed});
     * when that runs dry, cuts the address off ({@link PeerConnections#shed}) and says so. An address that heeds the
     * refusals' retry delays never gets there.
     */
    boolean refusedOverRate(String address) {
        RateLimitProperties.Shed shed = properties.shed();
        if (!properties.enabled() || !shed.enabled()) {
            return false;
        }
        if (refusals.get(address, a -> bucket(shed.refusals())).tryConsume(1)) {
            return false;
        }
        connections.shed(address);
        refusals.invalidate(address);
        return true;
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

    private static void giveBack(Bucket bucket) {
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    /** Takes one call; empty when it could, else how long until it could. */
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

    private static <K, V> Cache<K, V> cache(int size) {
        return Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfterAccess(FORGET_AFTER)
                .build();
    }
}
