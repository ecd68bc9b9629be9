package org.mhhs.backbone.metering;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.ReadingsCodec;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.registration.api.RegistrationQueries;
import org.mhhs.backbone.registration.api.ResponsibilityView;

/**
 * An MPAN's consumption for one settlement day, as its successive versions. A changed resubmission records the next
 * version; an identical one records nothing and answers the version it repeats.
 */
@Aggregate
class ConsumptionDay {

    @AggregateIdentifier
    private String consumptionDayId;
    private int version;
    private String wattHours;
    private String estimated;

    private ConsumptionDay() {
    }

    /** Answers the version the submission is recorded as (or repeats). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    int handle(SubmitConsumption command, RegistrationQueries registration, IsdQueries isd, Clock clock) {
        ConsumptionRules.settlementDayInWindow(command.settlementDate(), isd, clock);
        List<SubmitConsumption.Reading> readings = ConsumptionRules.onePerPeriod(command.settlementDate(),
                command.readings());
        ConsumptionRules.plausible(readings);
        ResponsibilityView responsible = ConsumptionRules.registeredOn(command.mpan(), command.settlementDate(),
                registration);
        ConsumptionRules.appointedDataService(responsible, command.submittedBy());
        ConsumptionRules.supplierInForce(responsible);
        String newWattHours = ReadingsCodec.encodeWattHours(readings);
        String newEstimated = ReadingsCodec.encodeEstimated(readings);
        if (version > 0 && newWattHours.equals(wattHours) && newEstimated.equals(estimated)) {
            return version;
        }
        apply(new ConsumptionRecorded(command.consumptionDayId(), command.mpan(), command.settlementDate(), version + 1,
                version, command.submittedBy(), responsible.supplier().orElseThrow(), responsible.gspGroupId(),
                readings.size(), newWattHours, newEstimated));
        // apply() has run the sourcing handler already: this is the version just recorded
        return version;
    }

    @EventSourcingHandler
    void on(ConsumptionRecorded event) {
        consumptionDayId = event.consumptionDayId();
        version = event.version();
        wattHours = event.wattHours();
        estimated = event.estimated();
    }
}
