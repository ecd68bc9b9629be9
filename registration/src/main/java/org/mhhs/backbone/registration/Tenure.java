package org.mhhs.backbone.registration;

import java.util.UUID;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.ParticipantId;

/** A participant's period of responsibility; appointments carry the id of the appointment that created them. */
record Tenure(ParticipantId holder, EffectivePeriod period, UUID appointmentId) {}
