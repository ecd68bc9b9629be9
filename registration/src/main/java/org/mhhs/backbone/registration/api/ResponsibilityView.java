package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

public record ResponsibilityView(
        Mpan mpan,
        LocalDate day,
        GspGroupId gspGroupId,
        MarketSegment segment,
        EnergisationStatus energisation,
        Optional<ParticipantId> supplier,
        Optional<ParticipantId> dataService,
        Optional<ParticipantId> meteringService) {}
