package org.mhhs.backbone.disputes.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.kernel.ParticipantId;

/** A dispute as the read model holds it; resolution and resolvedBy are null while it is open. */
public record DisputeView(
        UUID disputeId,
        LocalDate settlementDate,
        ParticipantId supplier,
        String reason,
        Instant raisedAt,
        @Nullable String resolution,
        @Nullable ParticipantId resolvedBy) {

    public boolean open() {
        return resolution == null;
    }
}
