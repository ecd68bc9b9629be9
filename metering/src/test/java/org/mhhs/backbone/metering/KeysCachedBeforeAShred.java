package org.mhhs.backbone.metering;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.mhhs.backbone.kernel.Mpan;

/**
 * The data keys as a node sees them whose cache still holds keys another node has since shredded: opening still
 * works with what it remembered, while storage (the delegate) knows of the shred.
 */
final class KeysCachedBeforeAShred implements DataKeys {

    private record KeyRef(Mpan mpan, int version) {}

    private final DataKeys storage;
    private final Map<KeyRef, DataKey> remembered = new HashMap<>();

    KeysCachedBeforeAShred(DataKeys storage) {
        this.storage = storage;
    }

    /** Remembers the key as the cache of this node does, before another node shreds it. */
    KeysCachedBeforeAShred remember(Mpan mpan, int version) {
        remembered.put(new KeyRef(mpan, version), storage.find(mpan, version).orElseThrow());
        return this;
    }

    @Override
    public DataKey current(Mpan mpan) {
        return storage.current(mpan);
    }

    @Override
    public Optional<DataKey> find(Mpan mpan, int version) {
        DataKey cached = remembered.get(new KeyRef(mpan, version));
        return cached != null ? Optional.of(cached) : storage.find(mpan, version);
    }

    @Override
    public OptionalInt activeVersion(Mpan mpan) {
        return storage.activeVersion(mpan);
    }

    @Override
    public int destroy(Mpan mpan, int version, Instant at) {
        return storage.destroy(mpan, version, at);
    }
}
