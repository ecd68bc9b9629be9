package org.mhhs.backbone.grpc;

import io.grpc.Status;
import io.grpc.StatusException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mhhs.backbone.access.BearerTokens;
import org.mhhs.backbone.access.ClientCertificates;
import org.mhhs.backbone.access.Credential;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Checks the open streams of this node again and again ({@code hub.security.stream-check-interval}, 250 ms): a stream
 * whose certificate or token was revoked, or whose certificate expired, ends with UNAUTHENTICATED; one whose
 * participant no longer holds today any role its RPC's entitlement row names ends with PERMISSION_DENIED
 * ({@code RoleRevoked}), and so does one whose participant lost any role it held when the stream was opened or last
 * checked (a subscription of an auditor that is no longer one must not go on under the terms it was opened on);
 * one whose participant was granted a role is told, so that a subscription delivers by the new roles from then on.
 * It reads the shared tables (certificates, tokens, ISD roles) with one query each per round for all the node's
 * streams, so a revocation through any node ends the streams of every node (docs/adr/0009). The access
 * check records each ending in the audit trail, as it records every denial.
 */
@Component
class StreamGuard implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamGuard.class);

    private final OpenStreams streams;
    private final ClientCertificates certificates;
    private final BearerTokens tokens;
    private final IsdQueries isd;
    private final Clock clock;
    private final Duration interval;
    private final MeterRegistry metrics;
    private volatile ScheduledExecutorService rounds;

    StreamGuard(
            OpenStreams streams,
            ClientCertificates certificates,
            BearerTokens tokens,
            IsdQueries isd,
            Clock clock,
            MeterRegistry metrics,
            @Value("${hub.security.stream-check-interval:250ms}") Duration interval) {
        this.streams = streams;
        this.certificates = certificates;
        this.tokens = tokens;
        this.isd = isd;
        this.clock = clock;
        this.interval = interval;
        this.metrics = metrics;
        Gauge.builder("hub.streams.open", streams, OpenStreams::size)
                .description("Subscription and submission streams open on this node")
                .register(metrics);
    }

    @Override
    public void start() {
        rounds = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("stream-guard").daemon().factory());
        rounds.scheduleWithFixedDelay(this::checkQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = rounds;
        rounds = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return rounds != null;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // the next round tries again; a database that is away also refuses the next call
            log.warn("Could not check the credentials and roles of the open streams", e);
        }
    }

    /** One round: every open stream of this node against the credentials and roles in force now. */
    void check() {
        List<OpenStreams.OpenStream> open = streams.snapshot();
        if (open.isEmpty()) {
            return;
        }
        Map<Credential, ClientCertificates.Refused> refused = refusedCredentials(open);
        Set<ParticipantId> participants = new HashSet<>();
        open.forEach(stream -> participants.add(stream.participant()));
        Map<ParticipantId, Set<MarketRole>> held =
                isd.findRolesAsAt(participants, SettlementDate.today(clock).date());
        for (OpenStreams.OpenStream stream : open) {
            ClientCertificates.Refused credential = refused.get(stream.credential());
            if (credential != null) {
                end(
                        stream,
                        Status.Code.UNAUTHENTICATED,
                        credential.reason(),
                        credential.message() + ": the open " + stream.rpc() + " stream ends");
                continue;
            }
            Set<MarketRole> roles = held.getOrDefault(stream.participant(), Set.of());
            if (!holdsARequiredRole(stream.entitlement(), roles)) {
                end(
                        stream,
                        Status.Code.PERMISSION_DENIED,
                        "RoleRevoked",
                        stream.participant() + " no longer holds any of "
                                + stream.entitlement().roles()
                                + " today (holds " + (roles.isEmpty() ? "no role" : roles) + "): the open "
                                + stream.rpc() + " stream ends");
                continue;
            }
            Set<MarketRole> lost = EnumSet.noneOf(MarketRole.class);
            lost.addAll(stream.roles());
            lost.removeAll(roles);
            if (!lost.isEmpty()) {
                // the stream was opened on terms that no longer hold: it ends, and a new one gets the new terms
                end(
                        stream,
                        Status.Code.PERMISSION_DENIED,
                        "RoleRevoked",
                        stream.participant() + " no longer holds " + lost + " today: the open " + stream.rpc()
                                + " stream ends; open it again to receive what the roles it holds entitle it to");
                continue;
            }
            if (!roles.equals(stream.roles())) {
                stream.roles(roles);
                stream.stream().rolesChanged();
            }
        }
    }

    private Map<Credential, ClientCertificates.Refused> refusedCredentials(List<OpenStreams.OpenStream> open) {
        List<Credential.ClientCertificate> presented = new ArrayList<>();
        List<Credential.BearerToken> bearers = new ArrayList<>();
        for (OpenStreams.OpenStream stream : open) {
            switch (stream.credential()) {
                case Credential.ClientCertificate certificate -> presented.add(certificate);
                case Credential.BearerToken token -> bearers.add(token);
            }
        }
        Map<Credential, ClientCertificates.Refused> refused = new HashMap<>();
        if (!presented.isEmpty()) {
            refused.putAll(certificates.refusedNow(presented));
        }
        refused.putAll(tokens.refusedNow(bearers));
        return refused;
    }

    private static boolean holdsARequiredRole(Entitlements.Entitlement entitlement, Set<MarketRole> held) {
        if (entitlement.anyAuthenticated()) {
            return true;
        }
        Set<MarketRole> allowed = EnumSet.copyOf(entitlement.roles());
        allowed.retainAll(held);
        return !allowed.isEmpty();
    }

    private void end(OpenStreams.OpenStream stream, Status.Code code, String reason, String message) {
        StatusException status = BoundedErrorDetails.bounded(GrpcErrors.status(code, reason, message, null));
        log.info("Ending {} stream {} of {}: {} {}", stream.rpc(), stream.id(), stream.participant(), code, message);
        Counter.builder("hub.streams.ended")
                .description("Open streams the hub ended because their credential or role was revoked or expired")
                .tag("reason", reason)
                .register(metrics)
                .increment();
        try {
            stream.stream().end(status);
        } catch (RuntimeException e) {
            log.warn("Could not end {} stream {} of {}", stream.rpc(), stream.id(), stream.participant(), e);
        }
    }
}
