package org.mhhs.backbone.hub;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.axonframework.eventhandling.GenericEventMessage;
import org.mhhs.backbone.kernel.SettlementDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The hub's clock, its one notion of "now" and "today": every market rule, every stored timestamp, Axon's event
 * timestamps and the deadline scheduler read it. In production it is the system clock in UTC.
 *
 * <p>Tests own their time. Under the {@code test} profile only, {@value #TEST_TODAY} (a system property, or the
 * environment variable {@code HUB_TEST_TODAY}), an ISO date such as {@code 2031-06-17}, moves the clock by a fixed
 * amount so that today in Europe/London is that date when the JVM first asks; the time of day and the pace stay the
 * system's, so deadlines and time-outs still take real seconds. The amount is fixed once per JVM, so every hub the
 * JVM runs and the tests' own calendar ({@code MarketDays}, which calls {@link #shiftedTo}) agree to the second; a hub
 * the tests start as a process of its own is passed the tests' current date. Unset or blank: the real today.
 * Certificates are not on this clock: they live in real time, as the TLS handshake does (see access/HubTls).
 */
@Configuration(proxyBeanMethods = false)
public class HubClock {

    /** The property that moves the clock of a hub under the test profile (environment: HUB_TEST_TODAY). */
    public static final String TEST_TODAY = "hub.test.today";

    private static final Logger log = LoggerFactory.getLogger(HubClock.class);

    private record Shift(LocalDate today, Clock clock) {}

    private static Shift shift;

    @Bean
    Clock clock(Environment environment) {
        String today = environment.getProperty(TEST_TODAY, "").strip();
        if (today.isEmpty()) {
            return Clock.systemUTC();
        }
        if (!environment.matchesProfiles("test")) {
            log.warn("{}={} is ignored: it moves the clock of a hub under the test profile only", TEST_TODAY, today);
            return Clock.systemUTC();
        }
        Clock shifted = shiftedTo(LocalDate.parse(today));
        // the events' timestamps (and the envelopes' occurred_at) are in the same time as the market's today
        GenericEventMessage.clock = shifted;
        log.info(
                "Test time: today is {} on this hub ({} = {})",
                SettlementDate.today(shifted).date(),
                TEST_TODAY,
                today);
        return shifted;
    }

    /**
     * The system clock moved so that today in Europe/London is {@code today} at the moment of the JVM's first call
     * for that date; later calls for the same date answer the same clock.
     */
    public static synchronized Clock shiftedTo(LocalDate today) {
        if (shift == null || !shift.today().equals(today)) {
            ZonedDateTime now = ZonedDateTime.now(SettlementDate.LONDON);
            Duration offset = Duration.between(now, now.with(today));
            shift = new Shift(today, Clock.offset(Clock.systemUTC(), offset));
        }
        return shift.clock();
    }
}
