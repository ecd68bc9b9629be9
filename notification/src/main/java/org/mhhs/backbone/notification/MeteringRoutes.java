package org.mhhs.backbone.notification;

import static org.mhhs.backbone.kernel.MarketRole.CENTRAL_SETTLEMENT;

import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.ConsumptionShredded;
import org.springframework.stereotype.Component;

/** Metering's rows of the routing table. */
@Component
class MeteringRoutes implements ContextRoutes {

    @Override
    public void addTo(Routes routes) {
        // The supplier of that day, the DNO of the GSP group, central settlement, and the data
        // service that submitted it.
        routes.route(
                ConsumptionRecorded.class,
                (e, parties) -> Audience.of(e.supplier(), e.dataService())
                        .and(parties.dnoOf(e.gspGroupId()))
                        .andEvery(CENTRAL_SETTLEMENT));
        // a shred: the metering point's current supplier and DNO (the routing data knows no more of its history)
        // and central settlement, which held the readings
        routes.route(ConsumptionShredded.class, (e, parties) -> {
            Audience.Builder audience = Audience.of().andEvery(CENTRAL_SETTLEMENT);
            parties.meteringPoint(e.mpan())
                    .ifPresent(point -> audience.and(point.supplier()).and(parties.dnoOf(point.gspGroup())));
            return audience;
        });
    }
}
