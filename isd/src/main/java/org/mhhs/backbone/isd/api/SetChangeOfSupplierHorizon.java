package org.mhhs.backbone.isd.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** How many days after today a supplier registration may at most take effect. */
public record SetChangeOfSupplierHorizon(
        @TargetAggregateIdentifier String calendarId, int days) {

    public SetChangeOfSupplierHorizon(int days) {
        this(MarketCalendar.ID, days);
    }
}
