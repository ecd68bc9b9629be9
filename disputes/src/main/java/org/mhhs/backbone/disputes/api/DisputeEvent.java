package org.mhhs.backbone.disputes.api;

import java.util.UUID;
import org.mhhs.backbone.kernel.ParticipantId;

/** Everything that happens to a dispute, in the order it happened. */
public sealed interface DisputeEvent permits DisputeRaised, DisputeResolved {

    UUID disputeId();

    /** The supplier that raised the dispute: it is told of everything that happens to it. */
    ParticipantId supplier();
}
