package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * The supplier is responsible from effectiveFrom. On a change of supplier the losing supplier (none on a first
 * registration) is responsible until the day before, and is told.
 */
public record SupplierRegistered(
        Mpan mpan,
        ParticipantId supplier,
        LocalDate effectiveFrom,
        @Nullable ParticipantId losingSupplier,
        @Nullable LocalDate losingSupplierFrom)
        implements MeteringPointEvent {}
