package org.mhhs.backbone.isd.api;

import java.time.Duration;

public record AppointmentResponseTimeoutChanged(String calendarId, Duration timeout)
        implements SettlementCalendarEvent {}
