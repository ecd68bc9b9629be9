package org.mhhs.backbone.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.NOT_FOUND;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.PRECONDITION;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;
import static org.mhhs.backbone.metering.ConsumptionFixtures.LATE_NOVEMBER_2026;
import static org.mhhs.backbone.metering.ConsumptionFixtures.MPAN;
import static org.mhhs.backbone.metering.ConsumptionFixtures.NOW;
import static org.mhhs.backbone.metering.ConsumptionFixtures.aDayOf;
import static org.mhhs.backbone.metering.ConsumptionFixtures.readings;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ConsumptionShredded;
import org.mhhs.backbone.metering.api.ShredConsumption;

class ConsumptionShreddingTest {

    private static final ParticipantId OPERATOR = ParticipantId.of("OPER");
    private static final String REASON = "erasure request 2026-118";

    private InMemoryDataKeys keys;
    private ConsumptionCipher cipher;
    private FixtureConfiguration<ConsumptionKeyHistory> fixture;

    @BeforeEach
    void setUp() {
        keys = new InMemoryDataKeys();
        cipher = new KeyringConsumptionCipher(keys);
        fixture = new AggregateTestFixture<>(ConsumptionKeyHistory.class)
                .registerInjectableResource(keys)
                .registerInjectableResource(LATE_NOVEMBER_2026);
    }

    @Test
    void shreddingDestroysTheMpansKeySoThatItsReadingsNoLongerOpen() {
        var recorded = aDayOf(readings(48)).recordedWith(cipher, 1);

        fixture.givenNoPriorActivity()
                .when(ShredConsumption.of(MPAN, REASON, OPERATOR))
                .expectEvents(shredded(1, 1))
                .expectResultMessagePayload("1 1 " + NOW);

        assertThat(cipher.open(recorded)).isEmpty();
        assertThat(keys.activeVersion(MPAN)).isEmpty();
    }

    @Test
    void anMpanWithoutRecordedConsumptionHasNothingToShred() {
        fixture.givenNoPriorActivity()
                .when(ShredConsumption.of(MPAN, REASON, OPERATOR))
                .expectNoEvents()
                .expectException(aViolationOf(ConsumptionMustBeRecorded.RULE, NOT_FOUND));
    }

    @Test
    void shreddingTwiceWithNothingRecordedInBetweenIsRefused() {
        fixture.given(shredded(1, 3))
                .when(ShredConsumption.of(MPAN, REASON, OPERATOR))
                .expectNoEvents()
                .expectException(aViolationOf(ConsumptionAlreadyShredded.RULE, PRECONDITION));
    }

    @Test
    void consumptionRecordedAfterAShredIsShreddedWithItsOwnKeyVersion() {
        aDayOf(readings(48)).recordedWith(cipher, 1);
        keys.destroy(MPAN, 1, NOW);
        var later = aDayOf(readings(48)).on("2026-11-20").recordedWith(cipher, 1);

        fixture.given(shredded(1, 1))
                .when(ShredConsumption.of(MPAN, REASON, OPERATOR))
                .expectEvents(shredded(2, 1));

        assertThat(later.keyVersion()).isEqualTo(2);
        assertThat(cipher.open(later)).isEmpty();
    }

    private static ConsumptionShredded shredded(int keyVersion, int versions) {
        return new ConsumptionShredded(ShredConsumption.idOf(MPAN), MPAN, keyVersion, versions, NOW, OPERATOR, REASON);
    }
}
