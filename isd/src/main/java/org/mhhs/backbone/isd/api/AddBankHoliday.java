package org.mhhs.backbone.isd.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddBankHoliday(@TargetAggregateIdentifier String calendarId, LocalDate date, String name) {

    public AddBankHoliday(LocalDate date, String name) {
        this(MarketCalendar.ID, date, name);
    }
}
