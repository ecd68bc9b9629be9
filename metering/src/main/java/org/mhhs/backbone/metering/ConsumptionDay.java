package org.mhhs.backbone.metering;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.registration.api.RegistrationQueries;
import org.mhhs.backbone.registration.api.ResponsibilityView;

/**
 * An MPAN's consumption for one settlement day, as its successive versions. A changed resubmission records the next
 * version; an identical one records nothing and answers the version it repeats. The aggregate holds its latest
 * readings only sealed, as the event does: to tell an identical resubmission it opens them with the MPAN's data key
 * (cached in memory), once sealing has locked that key and found it still active in storage. Once that key is
 * shredded the day is closed to revisions.
 */
@Aggregate
class ConsumptionDay {

    @AggregateIdentifier
    private String consumptionDayId;

    private Mpan mpan;
    private LocalDate settlementDate;
    private int version;
    private int periodCount;
    private int keyVersion;
    private String sealedReadings;

    private ConsumptionDay() {}

    /** Answers the version the submission is recorded as (or repeats). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    int handle(
            SubmitConsumption command,
            RegistrationQueries registration,
            IsdQueries isd,
            Clock clock,
            ConsumptionCipher cipher) {
        LocalDate today = SettlementDate.today(clock).date();
        SettlementDayMustHaveEnded.check(command.settlementDate(), today);
        WithinFinalDisputeWindow.check(command.settlementDate(), today, isd);
        PeriodCountOfTheDay.check(command.settlementDate(), command.readings());
        EachPeriodOnce.check(command.settlementDate(), command.readings());
        List<SubmitConsumption.Reading> readings = inPeriodOrder(command.readings());
        for (SubmitConsumption.Reading reading : readings) {
            ConsumptionNonNegative.check(reading);
            ConsumptionPlausible.check(reading);
        }
        ResponsibilityView responsible =
                MeteringPointRegisteredOnDay.check(command.mpan(), command.settlementDate(), registration);
        OnlyTheAppointedDataServiceMaySubmit.check(responsible, command.submittedBy());
        SupplierInForceOnDay.check(responsible);
        // sealing first locks the MPAN's key and checks it in storage: a key this node still caches may have been
        // shredded on another, and then the key that sealed this day's latest version is no longer the active one
        ConsumptionCipher.Sealed sealed = cipher.seal(command.mpan(), command.settlementDate(), readings);
        if (version > 0) {
            List<SubmitConsumption.Reading> latest = ShreddedConsumptionIsClosed.check(
                    sealed.keyVersion() == keyVersion
                            ? cipher.open(mpan, settlementDate, keyVersion, periodCount, sealedReadings)
                            : Optional.empty(),
                    command.consumptionDayId());
            if (latest.equals(readings)) {
                return version;
            }
        }
        apply(new ConsumptionRecorded(
                command.mpan(),
                command.settlementDate(),
                version + 1,
                command.submittedBy(),
                responsible.supplier().orElseThrow(),
                responsible.gspGroupId(),
                readings.size(),
                sealed.keyVersion(),
                sealed.sealedReadings()));
        // apply() has run the sourcing handler already: this is the version just recorded
        return version;
    }

    private static List<SubmitConsumption.Reading> inPeriodOrder(List<SubmitConsumption.Reading> readings) {
        List<SubmitConsumption.Reading> ordered = new ArrayList<>(readings);
        ordered.sort(Comparator.comparingInt(SubmitConsumption.Reading::period));
        return ordered;
    }

    @EventSourcingHandler
    void on(ConsumptionRecorded event) {
        consumptionDayId = event.consumptionDayId();
        mpan = event.mpan();
        settlementDate = event.settlementDate();
        version = event.version();
        periodCount = event.periodCount();
        keyVersion = event.keyVersion();
        sealedReadings = event.sealedReadings();
    }
}
