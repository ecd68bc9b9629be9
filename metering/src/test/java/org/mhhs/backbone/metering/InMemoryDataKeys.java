package org.mhhs.backbone.metering;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.mhhs.backbone.kernel.Mpan;

/** Data keys held in memory, for aggregate tests: real AES keys, the same versioning as the stored ones. */
final class InMemoryDataKeys implements DataKeys {

    private final Map<Mpan, Integer> lastVersion = new HashMap<>();
    private final Map<Mpan, DataKey> active = new HashMap<>();
    private final Map<DataKey, Integer> sealedWith = new HashMap<>();

    @Override
    public synchronized DataKey current(Mpan mpan) {
        DataKey key =
                active.computeIfAbsent(mpan, m -> new DataKey(m, lastVersion.merge(m, 1, Integer::sum), Aead.newKey()));
        sealedWith.merge(key, 1, Integer::sum);
        return key;
    }

    @Override
    public synchronized Optional<DataKey> find(Mpan mpan, int version) {
        return Optional.ofNullable(active.get(mpan)).filter(key -> key.version() == version);
    }

    @Override
    public synchronized OptionalInt activeVersion(Mpan mpan) {
        DataKey key = active.get(mpan);
        return key == null ? OptionalInt.empty() : OptionalInt.of(key.version());
    }

    @Override
    public synchronized int destroy(Mpan mpan, int version, Instant at) {
        DataKey key = active.remove(mpan);
        return key == null ? 0 : sealedWith.getOrDefault(key, 0);
    }
}
