package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

public record MeteringPointRegistered(
        Mpan mpan,
        GspGroupId gspGroupId,
        MarketSegment segment,
        EnergisationStatus energisation,
        LocalDate effectiveFrom,
        ParticipantId registrationService)
        implements MeteringPointEvent {}
