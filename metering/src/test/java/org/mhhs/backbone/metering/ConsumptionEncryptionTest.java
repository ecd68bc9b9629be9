package org.mhhs.backbone.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.PRECONDITION;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;
import static org.mhhs.backbone.metering.ConsumptionFixtures.LATE_NOVEMBER_2026;
import static org.mhhs.backbone.metering.ConsumptionFixtures.MPAN;
import static org.mhhs.backbone.metering.ConsumptionFixtures.NOW;
import static org.mhhs.backbone.metering.ConsumptionFixtures.aDayOf;
import static org.mhhs.backbone.metering.ConsumptionFixtures.consumptionDayFixture;
import static org.mhhs.backbone.metering.ConsumptionFixtures.readings;
import static org.mhhs.backbone.metering.ConsumptionFixtures.theMarket;
import static org.mhhs.backbone.metering.ConsumptionFixtures.theRegister;
import static org.mhhs.backbone.metering.api.Quality.ESTIMATED;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.ReadingsCodec;
import org.mhhs.backbone.metering.api.SubmitConsumption.Reading;

/** The readings in the event are sealed with the MPAN's data key; shredding the key closes the days it sealed. */
class ConsumptionEncryptionTest {

    private InMemoryDataKeys keys;
    private ConsumptionCipher cipher;
    private FixtureConfiguration<ConsumptionDay> fixture;

    @BeforeEach
    void setUp() {
        keys = new InMemoryDataKeys();
        cipher = new KeyringConsumptionCipher(keys);
        fixture = consumptionDayFixture(theRegister(), theMarket(), LATE_NOVEMBER_2026, cipher);
    }

    @Test
    void theRecordedReadingsOpenWithTheMpansKeyToExactlyWhatWasSubmitted() {
        var day = readings(48).withPeriod(7, "3.217", ESTIMATED);
        List<Reading> submitted = day.inPeriodOrder();

        fixture.givenNoPriorActivity()
                .when(aDayOf(day).submission())
                .expectEventsMatching(payloadsMatching(
                        exactSequenceOf(matches((ConsumptionRecorded recorded) -> recorded.keyVersion() == 1
                                && cipher.open(recorded).orElseThrow().equals(submitted)))));
    }

    @Test
    void theSealedReadingsDoNotHoldTheirBinaryFormInClear() {
        List<Reading> submitted = readings(48).withPeriod(7, "3.217", ESTIMATED).inPeriodOrder();

        String sealed =
                cipher.seal(MPAN, ConsumptionFixtures.YESTERDAY, submitted).sealedReadings();

        assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(sealed)))
                .doesNotContain(HexFormat.of().formatHex(ReadingsCodec.encode(submitted)));
        assertThat(cipher.seal(MPAN, ConsumptionFixtures.YESTERDAY, submitted).sealedReadings())
                .isNotEqualTo(sealed);
    }

    @Test
    void readingsDoNotOpenForAnotherDayThanTheOneTheyWereSealedFor() {
        var recorded = aDayOf(readings(48)).recordedWith(cipher, 1);

        assertThat(cipher.open(
                        MPAN,
                        recorded.settlementDate().minusDays(1),
                        recorded.keyVersion(),
                        recorded.periodCount(),
                        recorded.sealedReadings()))
                .isEmpty();
    }

    @Test
    void anIdenticalResubmissionIsRecordedOnceThoughTheEventHoldsNoReadingsInClear() {
        var day = aDayOf(readings(48).withPeriod(10, "2.000", ESTIMATED));

        fixture.given(day.recordedWith(cipher, 1))
                .when(day.submission())
                .expectNoEvents()
                .expectResultMessagePayload(1);
    }

    @Test
    void aDayWhoseKeyWasShreddedCannotBeRevised() {
        var first = aDayOf(readings(48));
        var revision = aDayOf(readings(48).withPeriod(10, "2.000"));
        ConsumptionRecorded recorded = first.recordedWith(cipher, 1);
        keys.destroy(MPAN, 1, NOW);

        fixture.given(recorded)
                .when(revision.submission())
                .expectNoEvents()
                .expectException(aViolationOf(ShreddedConsumptionIsClosed.RULE, PRECONDITION));
    }

    @Test
    void aDayWhoseKeyWasShreddedOnAnotherNodeCannotBeRevisedThoughThisNodeStillCachesTheKey() {
        var first = aDayOf(readings(48));
        var revision = aDayOf(readings(48).withPeriod(10, "2.000"));
        ConsumptionRecorded recorded = first.recordedWith(cipher, 1);
        var cachedHere = new KeysCachedBeforeAShred(keys).remember(MPAN, 1);
        keys.destroy(MPAN, 1, NOW);
        var staleCipher = new KeyringConsumptionCipher(cachedHere);
        assertThat(staleCipher.open(recorded))
                .as("the stale cache still opens it")
                .isPresent();

        consumptionDayFixture(theRegister(), theMarket(), LATE_NOVEMBER_2026, staleCipher)
                .given(recorded)
                .when(revision.submission())
                .expectNoEvents()
                .expectException(aViolationOf(ShreddedConsumptionIsClosed.RULE, PRECONDITION));
    }

    @Test
    void aRepetitionOfADayShreddedOnAnotherNodeIsRefusedAsOnTheNodeThatShredded() {
        var day = aDayOf(readings(48));
        ConsumptionRecorded recorded = day.recordedWith(cipher, 1);
        var cachedHere = new KeysCachedBeforeAShred(keys).remember(MPAN, 1);
        keys.destroy(MPAN, 1, NOW);

        consumptionDayFixture(theRegister(), theMarket(), LATE_NOVEMBER_2026, new KeyringConsumptionCipher(cachedHere))
                .given(recorded)
                .when(day.submission())
                .expectNoEvents()
                .expectException(aViolationOf(ShreddedConsumptionIsClosed.RULE, PRECONDITION));
    }

    @Test
    void consumptionOfANewDayAfterAShredIsSealedWithTheNextKeyVersion() {
        aDayOf(readings(48)).on("2026-11-01").recordedWith(cipher, 1);
        keys.destroy(MPAN, 1, NOW);
        var newDay = readings(48).withPeriod(1, "0.450");

        fixture.givenNoPriorActivity()
                .when(aDayOf(newDay).submission())
                .expectEventsMatching(payloadsMatching(
                        exactSequenceOf(matches((ConsumptionRecorded recorded) -> recorded.keyVersion() == 2
                                && cipher.open(recorded).orElseThrow().equals(newDay.inPeriodOrder())))));
    }
}
