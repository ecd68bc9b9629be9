package org.mhhs.backbone.isd.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** After how many working days each scheduled run type falls due. */
public record RunScheduleChanged(String calendarId, Map<SettlementRunType, Integer> workingDaysAfterSettlementDay)
        implements SettlementCalendarEvent {

    public RunScheduleChanged {
        // enum order keeps the serialized form, and so the stored bytes, deterministic
        workingDaysAfterSettlementDay = Collections.unmodifiableMap(new EnumMap<>(workingDaysAfterSettlementDay));
    }
}
