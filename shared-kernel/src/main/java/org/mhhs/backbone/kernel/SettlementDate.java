package org.mhhs.backbone.kernel;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

// A settlement day is a calendar day in Europe/London, so its length follows the clock changes.
public record SettlementDate(LocalDate date) implements Comparable<SettlementDate> {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final Duration PERIOD_LENGTH = Duration.ofMinutes(30);
    private static final int NORMAL_PERIOD_COUNT = 48;

    public SettlementDate {
        if (date == null) {
            throw new InvalidValueException("SettlementDateRequired", "settlement date must be given but was null");
        }
    }

    public static SettlementDate of(LocalDate date) {
        return new SettlementDate(date);
    }

    public static SettlementDate parse(String isoDate) {
        if (isoDate == null) {
            throw new InvalidValueException(
                    "SettlementDateFormat", "settlement date must be an ISO date such as 2026-03-29 but was null");
        }
        try {
            return new SettlementDate(LocalDate.parse(isoDate));
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(
                    "SettlementDateFormat",
                    "settlement date must be an ISO date such as 2026-03-29 but was " + Shown.quoted(isoDate),
                    e);
        }
    }

    public static SettlementDate today(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new SettlementDate(LocalDate.ofInstant(clock.instant(), LONDON));
    }

    // Counting elapsed time rather than wall-clock slots is what makes clock change days 46 or 50 periods long.
    public int periodCount() {
        Duration length = Duration.between(startOfDay(), startOfNextDay());
        return (int) length.dividedBy(PERIOD_LENGTH);
    }

    public boolean isClockChangeDay() {
        return periodCount() != NORMAL_PERIOD_COUNT;
    }

    public Instant startOfDay() {
        return date.atStartOfDay(LONDON).toInstant();
    }

    public Instant periodStart(SettlementPeriod period) {
        Objects.requireNonNull(period, "period");
        int count = periodCount();
        if (period.number() > count) {
            throw new InvalidValueException(
                    "SettlementPeriodRange",
                    "settlement day " + date + " has " + count + " periods so has no period " + period.number());
        }
        return startOfDay().plus(PERIOD_LENGTH.multipliedBy(period.number() - 1L));
    }

    public Instant periodEnd(SettlementPeriod period) {
        return periodStart(period).plus(PERIOD_LENGTH);
    }

    public List<SettlementPeriod> periods() {
        int count = periodCount();
        List<SettlementPeriod> periods = new ArrayList<>(count);
        for (int n = SettlementPeriod.FIRST; n <= count; n++) {
            periods.add(SettlementPeriod.of(n));
        }
        return Collections.unmodifiableList(periods);
    }

    public SettlementDate plusDays(long days) {
        return shifted(days, true);
    }

    public SettlementDate minusDays(long days) {
        return shifted(days, false);
    }

    public boolean isBefore(SettlementDate other) {
        return date.isBefore(other.date);
    }

    public boolean isAfter(SettlementDate other) {
        return date.isAfter(other.date);
    }

    @Override
    public int compareTo(SettlementDate other) {
        return date.compareTo(other.date);
    }

    @Override
    public String toString() {
        return date.toString();
    }

    private Instant startOfNextDay() {
        return date.plusDays(1).atStartOfDay(LONDON).toInstant();
    }

    private SettlementDate shifted(long days, boolean forward) {
        try {
            return new SettlementDate(forward ? date.plusDays(days) : date.minusDays(days));
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidValueException(
                    "SettlementDateRange",
                    "settlement date " + date + (forward ? " plus " : " minus ") + days
                            + " days falls outside the supported calendar",
                    e);
        }
    }
}
