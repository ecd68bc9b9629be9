package org.mhhs.backbone.metering;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
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
 * hub node may still open readings with a key this node shredded. Sealing never trusts the cache: it locks the key
 * row in the transaction that appends the event and re-checks it there (ADR 0008), so nothing is ever sealed with a
 * destroyed key. A key enters the cache only once the transaction that read or created it has committed, so a
 * rolled-back creation never seals anything.
 */
@Component
class JdbcDataKeys implements DataKeys {

    /** A shred of a key being created can make it take a second version; more means something is wrong. */
    private static final int MAX_CREATION_ATTEMPTS = 3;

    private record KeyRef(Mpan mpan, int version) {}

    private record KeyRow(int version, byte @Nullable [] wrapped) {}

    private final JdbcClient jdbc;
    private final MasterKey master;
    private final Clock clock;
    private final Cache<KeyRef, DataKey> keys;

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
    }

    @Override
    public DataKey current(Mpan mpan) {
        for (int attempt = 0; attempt < MAX_CREATION_ATTEMPTS; attempt++) {
            Optional<KeyRow> newest = lockNewest(mpan);
            if (newest.isPresent() && newest.get().wrapped() != null) {
                KeyRow row = newest.get();
                KeyRef ref = new KeyRef(mpan, row.version());
                DataKey cached = keys.getIfPresent(ref);
                DataKey key = cached != null ? cached : master.unwrap(mpan, row.version(), row.wrapped());
                afterCommit(() -> keys.put(ref, key));
                return key;
            }
            // shredded (on this node or another whose shred this node's cache has not heard of) or never made
            newest.ifPresent(row -> keys.invalidate(new KeyRef(mpan, row.version())));
            insertKey(mpan, newest.map(row -> row.version() + 1).orElse(1));
        }
        throw new IllegalStateException("the data keys of " + mpan + " were shredded as fast as they were created");
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
                        ORDER BY key_version DESC LIMIT 1 FOR UPDATE""")
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
        afterCommit(() -> keys.invalidate(new KeyRef(mpan, version)));
        return jdbc.sql("SELECT count(*) FROM metering.consumption_version"
                        + " WHERE mpan = :mpan AND key_version = :version")
                .param("mpan", mpan.value())
                .param("version", version)
                .query(Integer.class)
                .single();
    }

    /**
     * The MPAN's newest key row, locked FOR SHARE until the caller's transaction ends: the transaction that seals
     * with it also appends the event, and a shred (which locks the row FOR UPDATE) waits for it, or it for the shred.
     */
    private Optional<KeyRow> lockNewest(Mpan mpan) {
        return jdbc.sql("""
                        SELECT key_version, wrapped_key FROM metering.mpan_key
                        WHERE mpan = :mpan ORDER BY key_version DESC LIMIT 1 FOR SHARE""")
                .param("mpan", mpan.value())
                .query((rs, n) -> new KeyRow(rs.getInt(1), rs.getBytes(2)))
                .optional();
    }

    /** A new key of the given version; a concurrent creator of the same version wins and is used. */
    private void insertKey(Mpan mpan, int version) {
        DataKey key = new DataKey(mpan, version, Aead.newKey());
        jdbc.sql("""
                        INSERT INTO metering.mpan_key (mpan, key_version, wrapped_key, created_at)
                        VALUES (:mpan, :version, :wrapped, :at) ON CONFLICT DO NOTHING""")
                .param("mpan", mpan.value())
                .param("version", version)
                .param("wrapped", master.wrap(key))
                .param("at", Timestamp.from(clock.instant()))
                .update();
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
