package org.mhhs.backbone.isd.api;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settlement calendar as data: bank holidays, the working-day offset of each scheduled run, the appointment
 * response time-out, the final dispute window and the change of supplier horizon. Unset time-out and window are
 * empty; the horizon is the one in force (ISD's, or {@link MarketCalendar#DEFAULT_CHANGE_OF_SUPPLIER_HORIZON_DAYS}
 * while ISD sets none).
 */
public record SettlementCalendarView(
        NavigableMap<LocalDate, String> bankHolidays,
        Map<SettlementRunType, Integer> runSchedule,
        Optional<Duration> appointmentResponseTimeout,
        Optional<Integer> finalDisputeWindowMonths,
        int changeOfSupplierHorizonDays) {

    public SettlementCalendarView {
        bankHolidays = Collections.unmodifiableNavigableMap(new TreeMap<>(bankHolidays));
        runSchedule = runSchedule.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(runSchedule));
    }

    public boolean isWorkingDay(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY
                && date.getDayOfWeek() != DayOfWeek.SUNDAY
                && !bankHolidays.containsKey(date);
    }

    /** The day a scheduled run of {@code settlementDate} falls due, if the schedule has that run. */
    public Optional<LocalDate> dueDate(LocalDate settlementDate, SettlementRunType runType) {
        Integer workingDays = runSchedule.get(runType);
        if (workingDays == null) {
            return Optional.empty();
        }
        LocalDate day = settlementDate;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return Optional.of(day);
    }

    /** Every (settlement day, run) whose due date is {@code date}; none when {@code date} is not a working day. */
    public List<RunDueView> runsDueOn(LocalDate date) {
        List<RunDueView> due = new ArrayList<>();
        if (!isWorkingDay(date)) {
            return due;
        }
        for (SettlementRunType runType : SettlementRunType.SCHEDULED) {
            Integer workingDays = runSchedule.get(runType);
            if (workingDays == null) {
                continue;
            }
            // Walk back from the due date: settlement day d has its N-th working day on `date` exactly when
            // the working days in (d, date] number N.
            int counted = 0;
            LocalDate day = date;
            while (counted <= workingDays) {
                if (isWorkingDay(day)) {
                    counted++;
                }
                day = day.minusDays(1);
                if (counted == workingDays) {
                    due.add(new RunDueView(day, runType));
                }
            }
        }
        due.sort((a, b) -> a.settlementDate().equals(b.settlementDate())
                ? a.runType().compareTo(b.runType())
                : a.settlementDate().compareTo(b.settlementDate()));
        return due;
    }
}
