package org.mhhs.bench.loadgen;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.stub.AbstractStub;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The connections of one flooding client, which calls round them and, like an attacker that will not give up, opens a
 * new connection in place of one that failed (a hub that cuts the client off closes them) instead of waiting out
 * grpc-java's reconnect back-off.
 */
final class FloodChannels<S extends AbstractStub<S>> {

    private final Supplier<S> connect;
    private final AtomicReferenceArray<S> stubs;
    private final AtomicLong turn = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    FloodChannels(int connections, Supplier<S> connect) {
        this.connect = connect;
        this.stubs = new AtomicReferenceArray<>(connections);
        for (int i = 0; i < connections; i++) {
            stubs.set(i, connect.get());
        }
    }

    /** The stub of the next connection, on a new connection when the one it had failed. */
    S next() {
        int i = (int) (turn.getAndIncrement() % stubs.length());
        S stub = stubs.get(i);
        ManagedChannel channel = (ManagedChannel) stub.getChannel();
        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            S fresh = connect.get();
            if (stubs.compareAndSet(i, stub, fresh)) {
                channel.shutdownNow();
                reconnects.incrementAndGet();
                return fresh;
            }
            ((ManagedChannel) fresh.getChannel()).shutdownNow();
            return stubs.get(i);
        }
        return stub;
    }

    /** The connections opened in place of failed ones. */
    long reconnects() {
        return reconnects.get();
    }

    void shutdown() {
        for (int i = 0; i < stubs.length(); i++) {
            ((ManagedChannel) stubs.get(i).getChannel()).shutdownNow();
        }
    }
}
