package org.mhhs.backbone.isd.api;

import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.ParticipantId;

/** A DNO and the days a GSP group was (or will be) its; the first period of a group starts at its registration. */
public record DnoPeriodView(ParticipantId dnoId, EffectivePeriod period) {}
