package org.mhhs.backbone.isd.api;

import java.time.LocalDate;

public record RunDueView(LocalDate settlementDate, SettlementRunType runType) {}
