package org.mhhs.backbone.isd.api;

import java.time.Duration;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeAppointmentResponseTimeout(
        @TargetAggregateIdentifier String calendarId, Duration timeout) {

    public ChangeAppointmentResponseTimeout(Duration timeout) {
        this(MarketCalendar.ID, timeout);
    }
}
