package org.mhhs.backbone.isd.api;

import java.time.LocalDate;

public record BankHolidayRemoved(String calendarId, LocalDate date) implements SettlementCalendarEvent {}
