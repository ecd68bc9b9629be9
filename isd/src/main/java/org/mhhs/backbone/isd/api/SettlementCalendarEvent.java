package org.mhhs.backbone.isd.api;

public sealed interface SettlementCalendarEvent extends IsdEvent
        permits BankHolidayAdded,
                BankHolidayRemoved,
                RunScheduleChanged,
                AppointmentResponseTimeoutChanged,
                FinalDisputeWindowChanged,
                ChangeOfSupplierHorizonChanged {

    String calendarId();
}
