package org.mhhs.backbone.notification;

import static org.mhhs.backbone.kernel.MarketRole.CENTRAL_SETTLEMENT;

import org.mhhs.backbone.settlement.api.DnoTotalsPublished;
import org.mhhs.backbone.settlement.api.SettlementRunCompleted;
import org.mhhs.backbone.settlement.api.SupplierAllocationPublished;
import org.springframework.stereotype.Component;

/** Settlement's rows of the routing table: results of a settlement day, for the parties of that day. */
@Component
class SettlementRoutes implements ContextRoutes {

    @Override
    public void addTo(Routes routes) {
        // Each supplier its own allocation, each DNO its GSP groups' totals (settlement names the DNO of the day);
        // the run's summary (positions, content hash, market totals) to central settlement of that day.
        routes.route(
                SupplierAllocationPublished.class,
                (e, parties) -> Audience.on(e.settlementDate()).and(e.supplier()));
        routes.route(
                DnoTotalsPublished.class,
                (e, parties) -> Audience.on(e.settlementDate()).and(e.dno()));
        routes.route(
                SettlementRunCompleted.class,
                (e, parties) -> Audience.on(e.settlementDate()).andEvery(CENTRAL_SETTLEMENT));
    }
}
