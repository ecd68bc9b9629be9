package org.mhhs.backbone.isd.api;

import java.time.LocalDate;

public record BankHolidayAdded(String calendarId, LocalDate date, String name) implements SettlementCalendarEvent {}
