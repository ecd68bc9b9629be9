package org.mhhs.backbone.notification;

import static org.mhhs.backbone.kernel.MarketRole.CENTRAL_SETTLEMENT;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.ConsumptionShredded;
import org.springframework.stereotype.Component;

/** Metering's rows of the routing table. */
@Component
class MeteringRoutes implements ContextRoutes {

    @Override
    public void addTo(Routes routes) {
        // Of the consumption's day: its supplier and GSP group (the event carries those in force that day), that
        // group's DNO that day, central settlement on that day, and the data service that submitted it. A restated
        // old day reaches that day's parties, not today's.
        routes.route(
                ConsumptionRecorded.class,
                (e, parties) -> Audience.on(e.settlementDate())
                        .and(e.supplier())
                        .and(e.dataService())
                        .and(parties.dnoOn(e.gspGroupId(), e.settlementDate()))
                        .andEvery(CENTRAL_SETTLEMENT));
        // a shred, of the day it was made: the metering point's supplier and DNO that day, and central settlement,
        // which held the readings
        routes.route(ConsumptionShredded.class, (e, parties) -> {
            LocalDate day = e.shreddedAt().atZone(SettlementDate.LONDON).toLocalDate();
            Audience.Builder audience = Audience.on(day).andEvery(CENTRAL_SETTLEMENT);
            parties.meteringPointOn(e.mpan(), day)
                    .ifPresent(point -> audience.and(point.supplier()).and(point.dno()));
            return audience;
        });
    }
}
