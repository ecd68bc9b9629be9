package org.mhhs.backbone.isd;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mhhs.backbone.isd.api.MarketCalendar;
import org.mhhs.backbone.isd.api.SettlementCalendarView;
import org.mhhs.backbone.isd.api.SettlementRunType;

/** A settlement calendar read model with no bank holidays and no schedule until given some. */
final class SettlementCalendarBuilder {

    /** The England and Wales bank holidays of 2026, Boxing Day substituted by Monday 28 December. */
    static final String[] BANK_HOLIDAYS_2026 = {
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"
    };

    private final TreeMap<LocalDate, String> bankHolidays = new TreeMap<>();
    private Map<SettlementRunType, Integer> runSchedule = Map.of();

    private SettlementCalendarBuilder() {}

    static SettlementCalendarBuilder aCalendar() {
        return new SettlementCalendarBuilder();
    }

    SettlementCalendarBuilder withBankHolidays(String... isoDates) {
        for (String isoDate : isoDates) {
            bankHolidays.put(LocalDate.parse(isoDate), "Bank holiday");
        }
        return this;
    }

    SettlementCalendarBuilder withRunSchedule(Map<SettlementRunType, Integer> schedule) {
        runSchedule = schedule;
        return this;
    }

    SettlementCalendarBuilder withRun(SettlementRunType runType, int workingDays) {
        return withRunSchedule(Map.of(runType, workingDays));
    }

    SettlementCalendarView build() {
        return new SettlementCalendarView(
                bankHolidays,
                runSchedule,
                Optional.empty(),
                Optional.empty(),
                MarketCalendar.DEFAULT_CHANGE_OF_SUPPLIER_HORIZON_DAYS);
    }
}
