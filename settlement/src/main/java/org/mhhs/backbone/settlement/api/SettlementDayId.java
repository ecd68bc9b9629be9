package org.mhhs.backbone.settlement.api;

import java.time.LocalDate;

/** The identifier of a settlement day's runs: the date, "YYYY-MM-DD". */
public final class SettlementDayId {

    private SettlementDayId() {}

    public static String of(LocalDate settlementDate) {
        return settlementDate.toString();
    }
}
