package org.mhhs.backbone.isd.api;

public record ChangeOfSupplierHorizonChanged(String calendarId, int days) implements SettlementCalendarEvent {}
