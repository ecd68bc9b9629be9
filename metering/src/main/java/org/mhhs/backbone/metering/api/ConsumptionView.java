package org.mhhs.backbone.metering.api;

import java.time.LocalDate;
import java.util.List;
import org.mhhs.backbone.kernel.Mpan;

/** A version with its readings; no readings once shredded ({@link ConsumptionVersionView#shredded()}). */
public record ConsumptionView(
        Mpan mpan, LocalDate settlementDate, ConsumptionVersionView version, List<SubmitConsumption.Reading> readings) {

    public ConsumptionView {
        readings = List.copyOf(readings);
    }
}
