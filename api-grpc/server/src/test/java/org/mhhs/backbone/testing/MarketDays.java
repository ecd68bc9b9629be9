package org.mhhs.backbone.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.function.Predicate;
import org.mhhs.backbone.hub.HubClock;
import org.mhhs.backbone.kernel.SettlementDate;

/**
 * The hub tests' calendar: every date a hub test sends is derived from today, the today the hub's clock shows. The
 * running hub checks dates against its clock (consumption only for ended days within the final dispute window, a
 * change of supplier only in the future, runs only once due), so a fixed date in a test would be right for a while
 * only.
 *
 * <p>Today is the real today, or the date of {@code -Dhub.test.today=2031-06-17} (or the environment variable
 * {@code HUB_TEST_TODAY}): the same setting moves the clock of every hub under the test profile (see {@link
 * HubClock}), so that the whole suite can run on another day, e.g. {@code ./mvnw -pl api-grpc/server -am test
 * -Dhub.test.today=2031-06-17}. Hubs started as processes of their own get it through {@link
 * #hubProcessArguments()}.
 */
public final class MarketDays {

    private static final String ENVIRONMENT_VARIABLE = "HUB_TEST_TODAY";

    private MarketDays() {}

    /** The clock the hubs of this JVM run on: the system clock, or moved to the requested today. */
    public static Clock clock() {
        String requested = System.getProperty(HubClock.TEST_TODAY);
        if (requested == null) {
            requested = System.getenv(ENVIRONMENT_VARIABLE);
        }
        return requested == null || requested.isBlank()
                ? Clock.systemUTC()
                : HubClock.shiftedTo(LocalDate.parse(requested.strip()));
    }

    public static Instant now() {
        return clock().instant();
    }

    /** Today in Europe/London, as the hub's rules see it. */
    public static LocalDate today() {
        return SettlementDate.today(clock()).date();
    }

    public static LocalDate daysAgo(int days) {
        return today().minusDays(days);
    }

    public static LocalDate daysAhead(int days) {
        return today().plusDays(days);
    }

    /**
     * That day of the year before today's: over (a day up to November's end more than a month ago, so that the runs of
     * a short schedule have fallen due), less than 24 months back (within the default final dispute window of 28) and
     * after {@link #longAgo()}. The metering points of the tests start on January 1st of last year.
     */
    public static LocalDate lastYear(Month month, int dayOfMonth) {
        return LocalDate.of(today().getYear() - 1, month, dayOfMonth);
    }

    /**
     * January 1st of last year: where the tests' metering points start, with their supplier and data service; before
     * every day the tests meter, and within the default final dispute window.
     */
    public static LocalDate meteringFrom() {
        return lastYear(Month.JANUARY, 1);
    }

    /** January 1st ten years back: participants hold their roles since then, long before any day a test uses. */
    public static LocalDate longAgo() {
        return LocalDate.of(today().getYear() - 10, Month.JANUARY, 1);
    }

    /** The most recent day before today on which the clocks went forward in Europe/London: 46 settlement periods. */
    public static LocalDate lastSpringClockChange() {
        return lastClockChange(ZoneOffsetTransition::isGap);
    }

    /** The most recent day before today on which the clocks went back in Europe/London: 50 settlement periods. */
    public static LocalDate lastAutumnClockChange() {
        return lastClockChange(ZoneOffsetTransition::isOverlap);
    }

    /**
     * What a hub started as a process of its own needs on its command line to live on the same today as the tests:
     * the tests' date at the time of the start, when they moved it; nothing otherwise.
     */
    public static List<String> hubProcessArguments() {
        return clock().equals(Clock.systemUTC()) ? List.of() : List.of("-D" + HubClock.TEST_TODAY + "=" + today());
    }

    private static LocalDate lastClockChange(Predicate<ZoneOffsetTransition> kind) {
        ZoneRules rules = SettlementDate.LONDON.getRules();
        Instant before = SettlementDate.of(today()).startOfDay();
        for (int i = 0; i < 8; i++) {
            ZoneOffsetTransition transition = rules.previousTransition(before);
            if (transition == null) {
                break;
            }
            if (kind.test(transition)) {
                return LocalDate.ofInstant(transition.getInstant(), SettlementDate.LONDON);
            }
            before = transition.getInstant();
        }
        throw new IllegalStateException("Europe/London had no such clock change in the years before " + today());
    }
}
