package org.mhhs.backbone.isd.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

/** From effectiveFrom on (today or later), the GSP group's consumption is the new DNO's. */
public record ChangeGspGroupDno(
        @TargetAggregateIdentifier GspGroupId gspGroupId, ParticipantId dnoId, LocalDate effectiveFrom) {}
