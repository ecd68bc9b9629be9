package org.mhhs.backbone.grpc;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The call rate limits of the gRPC listener ({@code hub.rate-limits}), each a token bucket: {@code burst} calls at
 * once, refilled at {@code calls-per-second}. peer: every call from one remote address, before anything else.
 * unauthenticated: calls from one remote address refused as unauthenticated; once spent, that address is refused
 * before its credentials are looked up. participant: every call of one authenticated participant; participants: the
 * limit of a participant by its id where it differs from that (hub.rate-limits.participants.SUPA.calls-per-second). A
 * stream counts once, when it opens. trackedPeers: the most remote addresses remembered at once (the least recently
 * seen are forgotten). refusalDelay: how long an over-rate call is held before its refusal is sent: a flooding
 * client then gets at most as many refusals per delay as it keeps calls open, and maxConcurrentCallsPerConnection
 * (HTTP/2 concurrent streams) bounds those per connection, so a client of bounded concurrency costs the hub little
 * however fast it fires. shed: an address whose calls keep being refused over its limits ({@code refusals}, a bucket
 * of over-rate refusals, runs dry) is cut off for {@code duration}: its connections are closed and new ones closed as
 * soon as they are accepted, before any TLS, so that a client opening many connections costs the hub nothing per
 * call either. maxConnectionsPerPeer: connections one remote address may hold open at once; more are closed when
 * accepted.
 */
@ConfigurationProperties("hub.rate-limits")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        Limit peer,
        Limit unauthenticated,
        Limit participant,
        @DefaultValue Map<String, Limit> participants,
        @DefaultValue("100000") int trackedPeers,
        @DefaultValue("1s") Duration refusalDelay,
        @DefaultValue("200") int maxConcurrentCallsPerConnection,
        Shed shed,
        @DefaultValue("100") int maxConnectionsPerPeer) {

    public RateLimitProperties {
        if (enabled && (peer == null || unauthenticated == null || participant == null)) {
            throw new IllegalArgumentException(
                    "hub.rate-limits.peer, .unauthenticated and .participant must each be set (see application.yml)");
        }
        if (refusalDelay.isNegative()) {
            throw new IllegalArgumentException("hub.rate-limits.refusal-delay must not be negative");
        }
        if (maxConcurrentCallsPerConnection < 1) {
            throw new IllegalArgumentException(
                    "hub.rate-limits.max-concurrent-calls-per-connection must be at least 1");
        }
        if (enabled && shed == null) {
            throw new IllegalArgumentException("hub.rate-limits.shed must be set (see application.yml)");
        }
        if (maxConnectionsPerPeer < 1) {
            throw new IllegalArgumentException("hub.rate-limits.max-connections-per-peer must be at least 1");
        }
        if (trackedPeers < 1) {
            throw new IllegalArgumentException("hub.rate-limits.tracked-peers must be at least 1");
        }
    }

    public record Limit(long callsPerSecond, long burst) {

        public Limit {
            if (callsPerSecond < 1 || burst < 1) {
                throw new IllegalArgumentException("a rate limit needs calls-per-second and burst of at least 1, not "
                        + callsPerSecond + " and " + burst);
            }
        }
    }

    /**
     * When an address is cut off: {@code enabled}; {@code refusals}, the over-rate refusals its calls may draw (burst)
     * and draw again per second before it is; {@code duration}, how long it stays cut off.
     */
    public record Shed(boolean enabled, Limit refusals, Duration duration) {

        public Shed {
            if (enabled && (refusals == null || duration == null || !duration.isPositive())) {
                throw new IllegalArgumentException(
                        "hub.rate-limits.shed needs refusals (calls-per-second, burst) and a positive duration");
            }
        }
    }
}
