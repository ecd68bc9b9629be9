package org.mhhs.backbone.settlement.api;

import java.time.LocalDate;
import org.mhhs.backbone.isd.api.SettlementRunType;

/** What a settlement run publishes: each supplier's allocation, each DNO's totals, then the run's summary. */
public sealed interface SettlementRunEvent
        permits SupplierAllocationPublished, DnoTotalsPublished, SettlementRunCompleted {

    String settlementDayId();

    LocalDate settlementDate();

    SettlementRunType runType();
}
