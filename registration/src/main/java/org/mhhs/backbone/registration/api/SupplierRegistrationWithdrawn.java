package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * The supplier withdrew its registration from effectiveFrom before that day: it never becomes responsible. The
 * supplier whose period the registration would have ended (restoredSupplier, from restoredSupplierFrom; none when the
 * withdrawn registration was the first) stays responsible until effectiveTo, the last day the withdrawn registration
 * would have run (null: until further notice, the withdrawn registration was the latest).
 */
public record SupplierRegistrationWithdrawn(
        Mpan mpan,
        ParticipantId supplier,
        LocalDate effectiveFrom,
        @Nullable ParticipantId restoredSupplier,
        @Nullable LocalDate restoredSupplierFrom,
        @Nullable LocalDate effectiveTo)
        implements MeteringPointEvent {}
