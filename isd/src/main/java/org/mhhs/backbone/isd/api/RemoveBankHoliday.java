package org.mhhs.backbone.isd.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveBankHoliday(@TargetAggregateIdentifier String calendarId, LocalDate date) {

    public RemoveBankHoliday(LocalDate date) {
        this(MarketCalendar.ID, date);
    }
}
