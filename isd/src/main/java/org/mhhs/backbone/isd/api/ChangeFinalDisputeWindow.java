package org.mhhs.backbone.isd.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeFinalDisputeWindow(
        @TargetAggregateIdentifier String calendarId, int months) {

    public ChangeFinalDisputeWindow(int months) {
        this(MarketCalendar.ID, months);
    }
}
