package org.mhhs.bench.market;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.kernel.SettlementPeriod;

/**
 * Expected consumption of a load profile in one settlement period, before noise: the time of day in Europe/London
 * (so the peaks follow the clock on clock change days), the day of the week and the season.
 */
final class DailyShape {

    private static final int PERIODS_PER_YEAR = 365 * 48;

    private DailyShape() {}

    /** Expected watt-hours of every period of the day, for a metering point using {@code annualWattHours} a year. */
    static double[] expected(LoadProfile profile, long annualWattHours, LocalDate day) {
        SettlementDate date = SettlementDate.of(day);
        double[] expected = new double[date.periodCount()];
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        double perPeriod = (double) annualWattHours / PERIODS_PER_YEAR * season(profile, day);
        for (SettlementPeriod period : date.periods()) {
            Instant start = date.periodStart(period);
            double localHour = hourOf(start.atZone(SettlementDate.LONDON));
            double utcHour = hourOf(start.atZone(ZoneOffset.UTC));
            expected[period.number() - 1] = perPeriod * relative(profile, localHour, utcHour, day, weekend);
        }
        return expected;
    }

    /** Relative to the profile's mean over an ordinary weekday (about 1.0 on average). */
    private static double relative(
            LoadProfile profile, double localHour, double utcHour, LocalDate day, boolean weekend) {
        double mid = localHour + 0.25;
        return switch (profile) {
            case DOMESTIC ->
                (0.35
                                + 0.15 * bump(mid, 12, 4.5) * (weekend ? 3 : 1)
                                + 0.9 * bump(mid, 7.5, 1.2)
                                + 1.7 * bump(mid, 18.5, 1.8)
                                + 0.25 * bump(mid, 21.5, 1.5))
                        / 0.86;
            case SMALL_BUSINESS -> weekend ? 0.35 : (0.3 + 1.7 * step(mid, 8, 18)) / 0.97;
            case UNMETERED_LIGHTING -> dark(utcHour + 0.25, day) ? 2.0 : 0.0;
        };
    }

    private static double season(LoadProfile profile, LocalDate day) {
        double winter = Math.cos(2 * Math.PI * (day.getDayOfYear() - 15) / 365.0);
        return switch (profile) {
            case DOMESTIC -> 1 + 0.3 * winter;
            case SMALL_BUSINESS -> 1 + 0.15 * winter;
            case UNMETERED_LIGHTING -> 1;
        };
    }

    /** Between sunset and sunrise, roughly, in GB: about 8 hours of daylight in December, 16.5 in June. */
    private static boolean dark(double utcHour, LocalDate day) {
        double daylight = 12.25 + 4.25 * Math.sin(2 * Math.PI * (day.getDayOfYear() - 80) / 365.0);
        double noon = 12.2;
        return utcHour < noon - daylight / 2 || utcHour > noon + daylight / 2;
    }

    private static double bump(double hour, double centre, double width) {
        double distance = (hour - centre) / width;
        return Math.exp(-0.5 * distance * distance);
    }

    private static double step(double hour, double from, double to) {
        return 1 / (1 + Math.exp(-(hour - from) * 2)) - 1 / (1 + Math.exp(-(hour - to) * 2));
    }

    private static double hourOf(ZonedDateTime time) {
        return time.getHour() + time.getMinute() / 60.0;
    }
}
