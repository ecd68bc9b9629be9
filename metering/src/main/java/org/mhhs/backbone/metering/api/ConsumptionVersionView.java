package org.mhhs.backbone.metering.api;

import java.time.Instant;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

public record ConsumptionVersionView(int version, int replacesVersion, Instant recordedAt, ParticipantId dataService,
                                     ParticipantId supplier, GspGroupId gspGroupId, Energy total) {
}
