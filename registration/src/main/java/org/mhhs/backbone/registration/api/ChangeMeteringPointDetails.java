package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/** Changes any of GSP group, segment and energisation from a date; each one left out keeps what is in force then. */
public record ChangeMeteringPointDetails(
        @TargetAggregateIdentifier Mpan mpan,
        @Nullable GspGroupId gspGroupId,
        @Nullable MarketSegment segment,
        @Nullable EnergisationStatus energisation,
        LocalDate effectiveFrom,
        ParticipantId requestedBy) {}
