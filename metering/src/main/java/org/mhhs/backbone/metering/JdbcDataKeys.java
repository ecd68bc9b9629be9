package org.mhhs.backbone.metering;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.mhhs.backbone.kernel.Mpan;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Data keys in metering.mpan_key, one row per MPAN and key version, wrapped with the {@link MasterKey}. Shredding
 * clears the wrapped key of its row (the row stays so that the next key gets the next version). Unwrapped keys are
 * cached in memory, bounded in size and for at most {@code hub.encryption.key-cache-ttl}: that is how long another
 * hub node may still use a key this node shredded. A key enters the cache only once the transaction that created it
 * has committed, so a rolled-back creation never seals anything.
 */
@Component
class JdbcDataKeys implements DataKeys {

    private record KeyRef(Mpan mpan, int version) {}

    private final JdbcClient jdbc;
    private final MasterKey master;
    private final Clock clock;
    private final Cache<KeyRef, DataKey> keys;
    private final Cache<Mpan, Integer> active;

    JdbcDataKeys(
            JdbcClient jdbc,
            MasterKey master,
            Clock clock,
            @Value("${hub.encryption.key-cache-ttl:30s}") Duration ttl,
            @Value("${hub.encryption.key-cache-size:100000}") long size) {
        this.jdbc = jdbc;
        this.master = master;
        this.clock = clock;
        this.keys =
                Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl).build();
        this.active =
                Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl).build();
    }

    @Override
    public DataKey current(Mpan mpan) {
        Integer version = active.getIfPresent(mpan);
        DataKey cached = version == null ? null : keys.getIfPresent(new KeyRef(mpan, version));
        if (cached != null) {
            return cached;
        }
        DataKey key = loadActive(mpan).orElseGet(() -> create(mpan));
        afterCommit(() -> {
            keys.put(new KeyRef(mpan, key.version()), key);
            active.put(mpan, key.version());
        });
        return key;
    }

    @Override
    public Optional<DataKey> find(Mpan mpan, int version) {
        KeyRef ref = new KeyRef(mpan, version);
        DataKey cached = keys.getIfPresent(ref);
        if (cached != null) {
            return Optional.of(cached);
        }
        // a miss always asks the database, so a shredded key is never found again once evicted
        Optional<DataKey> found = jdbc.sql("""
                        SELECT wrapped_key FROM metering.mpan_key
                        WHERE mpan = :mpan AND key_version = :version AND wrapped_key IS NOT NULL""")
                .param("mpan", mpan.value())
                .param("version", version)
                .query((rs, n) -> master.unwrap(mpan, version, rs.getBytes(1)))
                .optional();
        found.ifPresent(key -> afterCommit(() -> keys.put(ref, key)));
        return found;
    }

    @Override
    public OptionalInt activeVersion(Mpan mpan) {
        return jdbc.sql("""
                        SELECT key_version FROM metering.mpan_key WHERE mpan = :mpan AND wrapped_key IS NOT NULL
                        ORDER BY key_version DESC LIMIT 1""")
                .param("mpan", mpan.value())
                .query(Integer.class)
                .optional()
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
    }

    @Override
    public int destroy(Mpan mpan, int version, Instant at) {
        jdbc.sql("""
                        UPDATE metering.mpan_key SET wrapped_key = NULL, shredded_at = :at
                        WHERE mpan = :mpan AND key_version = :version""")
                .param("at", Timestamp.from(at))
                .param("mpan", mpan.value())
                .param("version", version)
                .update();
        keys.invalidate(new KeyRef(mpan, version));
        active.invalidate(mpan);
        afterCommit(() -> {
            keys.invalidate(new KeyRef(mpan, version));
            active.invalidate(mpan);
        });
        return jdbc.sql("SELECT count(*) FROM metering.consumption_version"
                        + " WHERE mpan = :mpan AND key_version = :version")
                .param("mpan", mpan.value())
                .param("version", version)
                .query(Integer.class)
                .single();
    }

    private Optional<DataKey> loadActive(Mpan mpan) {
        return jdbc.sql("""
                        SELECT key_version, wrapped_key FROM metering.mpan_key
                        WHERE mpan = :mpan AND wrapped_key IS NOT NULL ORDER BY key_version DESC LIMIT 1""")
                .param("mpan", mpan.value())
                .query((rs, n) -> master.unwrap(mpan, rs.getInt(1), rs.getBytes(2)))
                .optional();
    }

    /** The next version after any shredded ones; a concurrent creator of the same version wins and is used. */
    private DataKey create(Mpan mpan) {
        int next = jdbc.sql("SELECT coalesce(max(key_version), 0) + 1 FROM metering.mpan_key WHERE mpan = :mpan")
                .param("mpan", mpan.value())
                .query(Integer.class)
                .single();
        DataKey key = new DataKey(mpan, next, Aead.newKey());
        jdbc.sql("""
                        INSERT INTO metering.mpan_key (mpan, key_version, wrapped_key, created_at)
                        VALUES (:mpan, :version, :wrapped, :at) ON CONFLICT DO NOTHING""")
                .param("mpan", mpan.value())
                .param("version", next)
                .param("wrapped", master.wrap(key))
                .param("at", Timestamp.from(clock.instant()))
                .update();
        return loadActive(mpan)
                .orElseThrow(() -> new IllegalStateException(
                        "the data key of " + mpan + " was shredded while it was being created"));
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
