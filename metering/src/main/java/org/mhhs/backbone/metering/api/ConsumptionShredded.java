package org.mhhs.backbone.metering.api;

import java.time.Instant;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * Version {@code keyVersion} of an MPAN's data key was destroyed: the readings of every consumption version sealed
 * with it ({@code versionsShredded} of them in metering's read model at the time) can no longer be read. Holds no
 * key material. Read models drop what they kept of those readings.
 */
public record ConsumptionShredded(
        String consumptionKeyId,
        Mpan mpan,
        int keyVersion,
        int versionsShredded,
        Instant shreddedAt,
        ParticipantId shreddedBy,
        String reason)
        implements ConsumptionKeyEvent {}
