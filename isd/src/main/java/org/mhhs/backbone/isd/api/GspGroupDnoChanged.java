package org.mhhs.backbone.isd.api;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * The GSP group is the new DNO's from effectiveFrom on, the previous DNO's until the day before. Events recorded
 * before changes were effective-dated have no effectiveFrom: they took effect on the day they were recorded
 * ({@link #effectiveFromOr}).
 */
public record GspGroupDnoChanged(
        GspGroupId gspGroupId,
        ParticipantId previousDnoId,
        ParticipantId dnoId,
        @Nullable LocalDate effectiveFrom) implements GspGroupEvent {

    /** The first day of the new DNO: effectiveFrom, or for an event recorded without one the day it was recorded. */
    public LocalDate effectiveFromOr(LocalDate recordedOn) {
        return effectiveFrom == null ? recordedOn : effectiveFrom;
    }
}
