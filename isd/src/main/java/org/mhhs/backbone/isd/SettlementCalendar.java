package org.mhhs.backbone.isd;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.mhhs.backbone.isd.api.AddBankHoliday;
import org.mhhs.backbone.isd.api.AppointmentResponseTimeoutChanged;
import org.mhhs.backbone.isd.api.BankHolidayAdded;
import org.mhhs.backbone.isd.api.BankHolidayRemoved;
import org.mhhs.backbone.isd.api.ChangeAppointmentResponseTimeout;
import org.mhhs.backbone.isd.api.ChangeFinalDisputeWindow;
import org.mhhs.backbone.isd.api.ChangeOfSupplierHorizonChanged;
import org.mhhs.backbone.isd.api.ChangeRunSchedule;
import org.mhhs.backbone.isd.api.FinalDisputeWindowChanged;
import org.mhhs.backbone.isd.api.RemoveBankHoliday;
import org.mhhs.backbone.isd.api.RunScheduleChanged;
import org.mhhs.backbone.isd.api.SetChangeOfSupplierHorizon;
import org.mhhs.backbone.isd.api.SettlementRunType;

/**
 * The market's settlement calendar: bank holidays, run schedule, appointment time-out, dispute window, change of
 * supplier horizon.
 */
@Aggregate
class SettlementCalendar {

    @AggregateIdentifier
    private String calendarId;

    private final Set<LocalDate> bankHolidays = new HashSet<>();
    private Map<SettlementRunType, Integer> runSchedule = Map.of();
    private Duration appointmentResponseTimeout;
    private int finalDisputeWindowMonths;
    private int changeOfSupplierHorizonDays;

    private SettlementCalendar() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AddBankHoliday command) {
        BankHolidayOnWeekday.check(command.date());
        BankHolidayName.check(command.name());
        BankHolidayListedOnce.check(command.date(), bankHolidays);
        apply(new BankHolidayAdded(
                command.calendarId(), command.date(), command.name().strip()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RemoveBankHoliday command) {
        BankHolidayMustBeListed.check(command.date(), bankHolidays);
        apply(new BankHolidayRemoved(command.calendarId(), command.date()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ChangeRunSchedule command) {
        RunScheduleMustBeComplete.check(command.workingDaysAfterSettlementDay());
        if (new EnumMap<>(command.workingDaysAfterSettlementDay()).equals(runSchedule)) {
            return;
        }
        apply(new RunScheduleChanged(command.calendarId(), command.workingDaysAfterSettlementDay()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ChangeAppointmentResponseTimeout command) {
        AppointmentResponseTimeoutRange.check(command.timeout());
        if (command.timeout().equals(appointmentResponseTimeout)) {
            return;
        }
        apply(new AppointmentResponseTimeoutChanged(command.calendarId(), command.timeout()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ChangeFinalDisputeWindow command) {
        FinalDisputeWindowRange.check(command.months());
        if (command.months() == finalDisputeWindowMonths) {
            return;
        }
        apply(new FinalDisputeWindowChanged(command.calendarId(), command.months()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetChangeOfSupplierHorizon command) {
        ChangeOfSupplierHorizonRange.check(command.days());
        if (command.days() == changeOfSupplierHorizonDays) {
            return;
        }
        apply(new ChangeOfSupplierHorizonChanged(command.calendarId(), command.days()));
    }

    @EventSourcingHandler
    void on(BankHolidayAdded event) {
        calendarId = event.calendarId();
        bankHolidays.add(event.date());
    }

    @EventSourcingHandler
    void on(BankHolidayRemoved event) {
        calendarId = event.calendarId();
        bankHolidays.remove(event.date());
    }

    @EventSourcingHandler
    void on(RunScheduleChanged event) {
        calendarId = event.calendarId();
        runSchedule = new EnumMap<>(event.workingDaysAfterSettlementDay());
    }

    @EventSourcingHandler
    void on(AppointmentResponseTimeoutChanged event) {
        calendarId = event.calendarId();
        appointmentResponseTimeout = event.timeout();
    }

    @EventSourcingHandler
    void on(FinalDisputeWindowChanged event) {
        calendarId = event.calendarId();
        finalDisputeWindowMonths = event.months();
    }

    @EventSourcingHandler
    void on(ChangeOfSupplierHorizonChanged event) {
        calendarId = event.calendarId();
        changeOfSupplierHorizonDays = event.days();
    }
}
