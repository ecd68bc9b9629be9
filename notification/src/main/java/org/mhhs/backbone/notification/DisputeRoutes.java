package org.mhhs.backbone.notification;

import static org.mhhs.backbone.kernel.MarketRole.CENTRAL_SETTLEMENT;

import org.mhhs.backbone.disputes.api.DisputeRaised;
import org.mhhs.backbone.disputes.api.DisputeResolved;
import org.springframework.stereotype.Component;

/** Disputes' rows of the routing table. */
@Component
class DisputeRoutes implements ContextRoutes {

    @Override
    public void addTo(Routes routes) {
        // The supplier that raised the dispute, and central settlement of the disputed day, which may have to run
        // the day again.
        routes.route(
                DisputeRaised.class,
                (e, parties) ->
                        Audience.on(e.settlementDate()).and(e.supplier()).andEvery(CENTRAL_SETTLEMENT));
        routes.route(
                DisputeResolved.class,
                (e, parties) ->
                        Audience.on(e.settlementDate()).and(e.supplier()).andEvery(CENTRAL_SETTLEMENT));
    }
}
