package org.mhhs.backbone.metering.api;

/** The events of an MPAN's consumption key history. */
public sealed interface ConsumptionKeyEvent permits ConsumptionShredded {

    String consumptionKeyId();
}
