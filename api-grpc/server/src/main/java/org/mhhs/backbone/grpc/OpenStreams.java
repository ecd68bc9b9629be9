package org.mhhs.backbone.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.StatusException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.mhhs.backbone.access.Credential;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.springframework.stereotype.Component;

/**
 * The long-lived calls open on this hub node (subscription and submission streams), each with its participant, the
 * credential it authenticated with, its RPC and entitlement row: what {@link StreamGuard} checks again while they
 * stay open. A stream registers when its call starts, on the call's gRPC context, and deregisters when it ends.
 */
@Component
public class OpenStreams {

    /** What the guard may do to an open stream; both may be called from any thread. */
    public interface Guarded {

        /**
         * Ends the stream with the status, serialized with the stream's own sending, and frees what it holds. A
         * stream already ended ignores it.
         */
        void end(StatusException status);

        /** The participant's roles changed: what the stream delivers from now on may change with them. */
        default void rolesChanged() {}
    }

    /** A stream's place in the registry; closing it (once or more) removes the stream. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** One open stream; {@code roles} are those its participant held when the guard last looked. */
    static final class OpenStream {

        private final long id;
        private final Credential credential;
        private final MethodDescriptor<?, ?> rpc;
        private final Entitlements.Entitlement entitlement;
        private final Instant openedAt;
        private final Guarded stream;
        private volatile Set<MarketRole> roles;

        OpenStream(
                long id,
                Credential credential,
                MethodDescriptor<?, ?> rpc,
                Entitlements.Entitlement entitlement,
                Instant openedAt,
                Guarded stream,
                Set<MarketRole> roles) {
            this.id = id;
            this.credential = credential;
            this.rpc = rpc;
            this.entitlement = entitlement;
            this.openedAt = openedAt;
            this.stream = stream;
            this.roles = roles;
        }

        long id() {
            return id;
        }

        ParticipantId participant() {
            return credential.participantId();
        }

        Credential credential() {
            return credential;
        }

        /** The RPC as the contract names it, e.g. "Subscribe". */
        String rpc() {
            return rpc.getBareMethodName();
        }

        Entitlements.Entitlement entitlement() {
            return entitlement;
        }

        Instant openedAt() {
            return openedAt;
        }

        Guarded stream() {
            return stream;
        }

        Set<MarketRole> roles() {
            return roles;
        }

        void roles(Set<MarketRole> held) {
            roles = Set.copyOf(held);
        }
    }

    private final Map<Long, OpenStream> open = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock;

    OpenStreams(Clock clock) {
        this.clock = clock;
    }

    /**
     * Registers the stream of the call being served: call it on the call's gRPC context (in the service method),
     * where the access check left the caller's credential, roles and RPC.
     */
    public Registration register(Guarded stream) {
        Credential credential = CallerContext.CREDENTIAL.get();
        MethodDescriptor<?, ?> rpc = CallerContext.METHOD.get();
        if (credential == null || rpc == null) {
            throw new IllegalStateException("no authenticated call on this context");
        }
        Entitlements.Entitlement entitlement = Entitlements.of(rpc.getFullMethodName())
                .orElseThrow(() -> new IllegalStateException("no entitlement row for " + rpc.getFullMethodName()));
        Set<MarketRole> roles = CallerContext.ROLES.get();
        long id = ids.incrementAndGet();
        open.put(
                id,
                new OpenStream(
                        id,
                        credential,
                        rpc,
                        entitlement,
                        clock.instant(),
                        stream,
                        roles == null ? Set.of() : Set.copyOf(roles)));
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                open.remove(id);
            }
        };
    }

    /** The streams open now. */
    List<OpenStream> snapshot() {
        return List.copyOf(open.values());
    }

    /** How many streams are open on this node. */
    public int size() {
        return open.size();
    }
}
