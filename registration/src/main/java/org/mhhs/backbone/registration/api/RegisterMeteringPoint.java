package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

public record RegisterMeteringPoint(
        @TargetAggregateIdentifier Mpan mpan,
        GspGroupId gspGroupId,
        MarketSegment segment,
        EnergisationStatus energisation,
        LocalDate effectiveFrom,
        ParticipantId registrationService) {}
