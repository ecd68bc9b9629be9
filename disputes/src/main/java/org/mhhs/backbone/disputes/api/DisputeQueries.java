package org.mhhs.backbone.disputes.api;

import java.util.Optional;
import java.util.UUID;

/** The disputes read model, for the gRPC layer and any downstream context. */
public interface DisputeQueries {

    Optional<DisputeView> findDispute(UUID disputeId);
}
