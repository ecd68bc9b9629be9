package org.mhhs.backbone.isd.api;

public record FinalDisputeWindowChanged(String calendarId, int months) implements SettlementCalendarEvent {}
