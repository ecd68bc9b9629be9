package org.mhhs.backbone.isd.api;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeRunSchedule(
        @TargetAggregateIdentifier String calendarId, Map<SettlementRunType, Integer> workingDaysAfterSettlementDay) {

    public ChangeRunSchedule(Map<SettlementRunType, Integer> workingDaysAfterSettlementDay) {
        this(MarketCalendar.ID, workingDaysAfterSettlementDay);
    }
}
