package org.mhhs.backbone.metering.api;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/** A data service's consumption of one MPAN for one settlement day: one reading per settlement period. */
public record SubmitConsumption(
        @TargetAggregateIdentifier String consumptionDayId,
        Mpan mpan,
        LocalDate settlementDate,
        List<Reading> readings,
        ParticipantId submittedBy) {

    public SubmitConsumption {
        readings = List.copyOf(readings);
        if (!consumptionDayId.equals(ConsumptionDayId.of(mpan, settlementDate))) {
            throw new IllegalArgumentException(
                    consumptionDayId + " is not the consumption day of " + mpan + " on " + settlementDate);
        }
    }

    public static SubmitConsumption of(
            Mpan mpan, LocalDate settlementDate, List<Reading> readings, ParticipantId submittedBy) {
        return new SubmitConsumption(
                ConsumptionDayId.of(mpan, settlementDate), mpan, settlementDate, readings, submittedBy);
    }

    public record Reading(int period, Energy energy, Quality quality) {}
}
