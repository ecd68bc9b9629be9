package org.mhhs.backbone.notification.api;

import java.time.Instant;
import org.mhhs.backbone.kernel.ParticipantId;

/** The last position a participant acknowledged on one of its named subscriptions. */
public record AcknowledgementView(
        ParticipantId participant, String subscriptionName, long position, Instant acknowledgedAt) {}
