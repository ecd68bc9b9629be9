package org.mhhs.backbone.metering;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.mhhs.backbone.kernel.Mpan;

/** The per-MPAN data keys that seal consumption readings, kept outside the (append-only) event store. */
interface DataKeys {

    /** The MPAN's active key; a new one (the next version) when it has none or its last was shredded. */
    DataKey current(Mpan mpan);

    /** A key version that still exists; empty once shredded (or never made). */
    Optional<DataKey> find(Mpan mpan, int version);

    /** The version of the MPAN's active key, looked up in storage (never a cache). */
    OptionalInt activeVersion(Mpan mpan);

    /**
     * Destroys the key version for good. Answers how many consumption versions sealed with it the metering read
     * model holds.
     */
    int destroy(Mpan mpan, int version, Instant at);
}
