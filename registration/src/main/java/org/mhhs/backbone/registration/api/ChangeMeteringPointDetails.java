package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/** Changes any of GSP group, segment and energisation from a date; a null value keeps what is in force then. */
public record ChangeMeteringPointDetails(
        @TargetAggregateIdentifier Mpan mpan,
        GspGroupId gspGroupId,
        MarketSegment segment,
        EnergisationStatus energisation,
        LocalDate effectiveFrom,
        ParticipantId requestedBy) {}
