package org.mhhs.backbone.notification;

import static org.mhhs.backbone.kernel.MarketRole.CENTRAL_SETTLEMENT;

import org.mhhs.backbone.settlement.api.DnoTotalsPublished;
import org.mhhs.backbone.settlement.api.SettlementRunCompleted;
import org.mhhs.backbone.settlement.api.SupplierAllocationPublished;
import org.springframework.stereotype.Component;

/** Settlement's rows of the routing table. */
@Component
class SettlementRoutes implements ContextRoutes {

    @Override
    public void addTo(Routes routes) {
        // Each supplier its own allocation, each DNO its GSP groups' totals; the run's summary
        // (positions, content hash, market totals) to central settlement.
        routes.route(SupplierAllocationPublished.class, (e, parties) -> Audience.of(e.supplier()));
        routes.route(DnoTotalsPublished.class, (e, parties) -> Audience.of(e.dno()));
        routes.route(SettlementRunCompleted.class, (e, parties) -> Audience.of().andEvery(CENTRAL_SETTLEMENT));
    }
}
