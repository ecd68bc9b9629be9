package org.mhhs.backbone.metering;

import static org.mhhs.backbone.kernel.MarketRole.DATA_SERVICE;
import static org.mhhs.backbone.kernel.MarketRole.SUPPLIER;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.EASTERN;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.day;
import static org.mhhs.backbone.kernel.testing.MarketFixture.mpanStartingWith;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.testing.FakeIsdQueries;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.Quality;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.mhhs.backbone.metering.api.SubmitConsumption.Reading;
import org.mhhs.backbone.registration.api.RegistrationQueries;
import org.mhhs.backbone.registration.testing.FakeRegistrationQueries;

/** Test data for the consumption day aggregate, named for what it is rather than how it is built. */
final class ConsumptionFixtures {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    /** Today for the consumption tests is 2026-11-22, a winter morning in London (GMT). */
    static final Clock LATE_NOVEMBER_2026 = Clock.fixed(NOW, ZoneOffset.UTC);

    static final LocalDate TODAY = day("2026-11-22");
    static final LocalDate YESTERDAY = day("2026-11-21");

    static final Mpan MPAN = mpanStartingWith("200012345678");

    private ConsumptionFixtures() {}

    /** The data keys of these tests' MPANs; the events built here are sealed with them, as the aggregate's are. */
    static final InMemoryDataKeys KEYS = new InMemoryDataKeys();

    static final ConsumptionCipher CIPHER = new KeyringConsumptionCipher(KEYS);

    /**
     * Sealed readings differ at every sealing (random nonce), so expected events are compared without them; the
     * tests that care open them ({@link ConsumptionEncryptionTest}).
     */
    static FixtureConfiguration<ConsumptionDay> consumptionDayFixture(
            RegistrationQueries registration, IsdQueries isd, Clock clock) {
        return consumptionDayFixture(registration, isd, clock, CIPHER);
    }

    static FixtureConfiguration<ConsumptionDay> consumptionDayFixture(
            RegistrationQueries registration, IsdQueries isd, Clock clock, ConsumptionCipher cipher) {
        FixtureConfiguration<ConsumptionDay> fixture = new AggregateTestFixture<>(ConsumptionDay.class)
                .registerInjectableResource(registration)
                .registerInjectableResource(isd)
                .registerInjectableResource(clock)
                .registerInjectableResource(cipher);
        fixture.registerIgnoredField(ConsumptionRecorded.class, "sealedReadings");
        return fixture;
    }

    /**
     * Registration as most tests need it: from 2020 to 2030 the metering point is in GSP group _A with supplier A,
     * and data service A appointed.
     */
    static FakeRegistrationQueries theRegister() {
        return new FakeRegistrationQueries()
                .responsible(MPAN, day("2020-01-01"), day("2030-12-31"), SUPPLIER_A, DATA_SERVICE_A, EASTERN);
    }

    /** ISD with everyone in their role since 2020 and no final dispute window set. */
    static FakeIsdQueries theMarket() {
        EffectivePeriod always = EffectivePeriod.from(day("2020-01-01"));
        return new FakeIsdQueries()
                .holding(SUPPLIER_A, SUPPLIER, always)
                .holding(SUPPLIER_B, SUPPLIER, always)
                .holding(DATA_SERVICE_A, DATA_SERVICE, always)
                .holding(DATA_SERVICE_B, DATA_SERVICE, always);
    }

    /** A day of {@code periods} actual readings, each period's different from the others': 0.1 kWh times its number. */
    static DayReadings readings(int periods) {
        List<Reading> readings = new ArrayList<>(periods);
        for (int period = 1; period <= periods; period++) {
            readings.add(new Reading(period, Energy.ofWattHours(100L * period), Quality.ACTUAL));
        }
        return new DayReadings(readings);
    }

    static Submission aDayOf(DayReadings readings) {
        return new Submission(readings);
    }

    /** Readings in the order a data service sends them. Each change gives new readings; these stay as they were. */
    static final class DayReadings {

        private final List<Reading> sent;

        private DayReadings(List<Reading> sent) {
            this.sent = List.copyOf(sent);
        }

        DayReadings withPeriod(int period, String kwh, Quality quality) {
            return replacing(period, new Reading(period, Energy.ofKwh(kwh), quality));
        }

        DayReadings withPeriod(int period, String kwh) {
            return withPeriod(period, kwh, Quality.ACTUAL);
        }

        DayReadings estimatedIn(int period) {
            Reading reading = readingOf(period);
            return replacing(period, new Reading(period, reading.energy(), Quality.ESTIMATED));
        }

        /** The reading of {@code period} goes out numbered {@code sentAs}, as a data service's mistake would. */
        DayReadings withPeriodSentAs(int period, int sentAs) {
            Reading reading = readingOf(period);
            return replacing(period, new Reading(sentAs, reading.energy(), reading.quality()));
        }

        DayReadings inReverseOrder() {
            List<Reading> reversed = new ArrayList<>(sent);
            Collections.reverse(reversed);
            return new DayReadings(reversed);
        }

        List<Reading> asSent() {
            return sent;
        }

        List<Reading> inPeriodOrder() {
            return sent.stream()
                    .sorted(java.util.Comparator.comparingInt(Reading::period))
                    .toList();
        }

        private Reading readingOf(int period) {
            return sent.stream()
                    .filter(reading -> reading.period() == period)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no reading for period " + period));
        }

        private DayReadings replacing(int period, Reading replacement) {
            List<Reading> changed = new ArrayList<>(sent);
            changed.set(changed.indexOf(readingOf(period)), replacement);
            return new DayReadings(changed);
        }
    }

    /** One data service's submission of MPAN's consumption for a day (yesterday unless told), and what it records. */
    static final class Submission {

        private final DayReadings readings;
        private LocalDate settlementDate = YESTERDAY;
        private ParticipantId submittedBy = DATA_SERVICE_A;

        private Submission(DayReadings readings) {
            this.readings = readings;
        }

        Submission on(String isoDate) {
            settlementDate = day(isoDate);
            return this;
        }

        Submission on(LocalDate date) {
            settlementDate = date;
            return this;
        }

        Submission by(ParticipantId dataService) {
            submittedBy = dataService;
            return this;
        }

        SubmitConsumption submission() {
            return SubmitConsumption.of(MPAN, settlementDate, readings.asSent(), submittedBy);
        }

        /** Recorded as {@code version} under supplier A in GSP group _A, the default register's. */
        ConsumptionRecorded recorded(int version) {
            return recorded(version, SUPPLIER_A, EASTERN);
        }

        ConsumptionRecorded recorded(int version, ParticipantId supplier, GspGroupId gspGroup) {
            return recordedWith(CIPHER, version, supplier, gspGroup);
        }

        /** Recorded as {@code version}, its readings sealed with {@code cipher}'s keys. */
        ConsumptionRecorded recordedWith(ConsumptionCipher cipher, int version) {
            return recordedWith(cipher, version, SUPPLIER_A, EASTERN);
        }

        private ConsumptionRecorded recordedWith(
                ConsumptionCipher cipher, int version, ParticipantId supplier, GspGroupId gspGroup) {
            List<Reading> ordered = readings.inPeriodOrder();
            ConsumptionCipher.Sealed sealed = cipher.seal(MPAN, settlementDate, ordered);
            return new ConsumptionRecorded(
                    MPAN,
                    settlementDate,
                    version,
                    submittedBy,
                    supplier,
                    gspGroup,
                    ordered.size(),
                    sealed.keyVersion(),
                    sealed.sealedReadings());
        }
    }
}
