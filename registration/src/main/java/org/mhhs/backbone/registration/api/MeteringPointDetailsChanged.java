package org.mhhs.backbone.registration.api;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/** From effectiveFrom on, the metering point has these details (GSP group, segment, energisation). */
public record MeteringPointDetailsChanged(
        Mpan mpan,
        GspGroupId gspGroupId,
        MarketSegment segment,
        EnergisationStatus energisation,
        LocalDate effectiveFrom,
        ParticipantId changedBy)
        implements MeteringPointEvent {}
