package org.mhhs.backbone.metering.api;

public sealed interface ConsumptionEvent permits ConsumptionRecorded {

    String consumptionDayId();
}
