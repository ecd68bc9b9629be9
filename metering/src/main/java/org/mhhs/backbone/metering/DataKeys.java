package org.mhhs.backbone.metering;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.mhhs.backbone.kernel.Mpan;

/** The per-MPAN data keys that seal consumption readings, kept outside the (append-only) event store. */
interface DataKeys {

    /**
     * The MPAN's active key to seal with; a new one (the next version) when it has none or its last was shredded.
     * Checked in storage, never only in a cache, and held (a shared lock) until the caller's transaction ends, so
     * that a shred cannot destroy it before the event it seals is appended.
     */
    DataKey current(Mpan mpan);

    /** A key version that still exists; empty once shredded (or never made). */
    Optional<DataKey> find(Mpan mpan, int version);

    /**
     * The version of the MPAN's active key, looked up in storage (never a cache) and held (an exclusive lock) until
     * the caller's transaction ends: a shred waits for the submissions sealing with it.
     */
    OptionalInt activeVersion(Mpan mpan);

    /**
     * Destroys the key version for good. Answers how many consumption versions sealed with it the metering read
     * model holds.
     */
    int destroy(Mpan mpan, int version, Instant at);
}
