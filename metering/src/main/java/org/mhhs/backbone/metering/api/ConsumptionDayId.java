package org.mhhs.backbone.metering.api;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.Mpan;

/** The identifier of an MPAN's consumption for one settlement day: "MPAN/date". */
public final class ConsumptionDayId {

    private ConsumptionDayId() {}

    public static String of(Mpan mpan, LocalDate settlementDate) {
        return mpan.value() + "/" + settlementDate;
    }

    public static Mpan mpanOf(String consumptionDayId) {
        return Mpan.of(consumptionDayId.substring(0, consumptionDayId.indexOf('/')));
    }
}
