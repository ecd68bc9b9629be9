package org.mhhs.backbone.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectivePeriodTest {

    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static final LocalDate JAN_31 = LocalDate.of(2026, 1, 31);
    private static final LocalDate FEB_1 = LocalDate.of(2026, 2, 1);
    private static final LocalDate MAR_31 = LocalDate.of(2026, 3, 31);

    @Test
    void consecutiveThingsRunUntilTheDayBeforeTheNextAndTheLastUntilFurtherNotice() {
        var periods = EffectivePeriod.consecutive(List.of(JAN_1, FEB_1, MAR_31), day -> day);

        assertThat(periods)
                .extracting(Map.Entry::getValue)
                .containsExactly(
                        EffectivePeriod.between(JAN_1, JAN_31),
                        EffectivePeriod.between(FEB_1, MAR_31.minusDays(1)),
                        EffectivePeriod.from(MAR_31));
        assertThat(periods).extracting(Map.Entry::getKey).containsExactly(JAN_1, FEB_1, MAR_31);
        assertThat(EffectivePeriod.consecutive(List.<LocalDate>of(), day -> day))
                .isEmpty();
    }

    @Test
    void firstQuarterIsWrittenWithBothDays() {
        assertThat(EffectivePeriod.between(JAN_1, MAR_31)).hasToString("2026-01-01..2026-03-31");
    }

    @Test
    void openEndedPeriodIsWrittenAsOpen() {
        EffectivePeriod period = EffectivePeriod.from(JAN_1);

        assertThat(period).hasToString("2026-01-01..open");
        assertThat(period.isOpenEnded()).isTrue();
        assertThat(period.toDate()).isEmpty();
    }

    @Test
    void closedPeriodKnowsItsLastDay() {
        EffectivePeriod period = EffectivePeriod.between(JAN_1, MAR_31);

        assertThat(period.isOpenEnded()).isFalse();
        assertThat(period.toDate()).contains(MAR_31);
    }

    @Test
    void aSingleDayPeriodIsAllowed() {
        assertThat(EffectivePeriod.between(JAN_1, JAN_1).contains(JAN_1)).isTrue();
    }

    @Test
    void periodEndingBeforeItStartsIsRejected() {
        assertThatThrownBy(() -> EffectivePeriod.between(FEB_1, JAN_31))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("2026-02-01")
                .hasMessageContaining("2026-01-31")
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EffectivePeriodOrder");
    }

    @Test
    void periodWithoutAFirstDayIsRejected() {
        assertThatThrownBy(() -> EffectivePeriod.from(null))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EffectivePeriodFrom");
        assertThatThrownBy(() -> new EffectivePeriod(null, JAN_31))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EffectivePeriodFrom");
    }

    @Test
    void closedPeriodContainsBothOfItsBoundaryDays() {
        EffectivePeriod january = EffectivePeriod.between(JAN_1, JAN_31);

        assertThat(january.contains(JAN_1)).isTrue();
        assertThat(january.contains(JAN_31)).isTrue();
        assertThat(january.contains(JAN_1.minusDays(1))).isFalse();
        assertThat(january.contains(FEB_1)).isFalse();
    }

    @Test
    void openEndedPeriodContainsEveryDayFromItsStart() {
        EffectivePeriod fromJanuary = EffectivePeriod.from(JAN_1);

        assertThat(fromJanuary.contains(JAN_1)).isTrue();
        assertThat(fromJanuary.contains(LocalDate.of(2099, 12, 31))).isTrue();
        assertThat(fromJanuary.contains(JAN_1.minusDays(1))).isFalse();
    }

    @Test
    void adjacentPeriodsDoNotOverlap() {
        EffectivePeriod january = EffectivePeriod.between(JAN_1, JAN_31);
        EffectivePeriod fromFebruary = EffectivePeriod.from(FEB_1);
        EffectivePeriod februaryToMarch = EffectivePeriod.between(FEB_1, MAR_31);

        assertThat(january.overlaps(fromFebruary)).isFalse();
        assertThat(fromFebruary.overlaps(january)).isFalse();
        assertThat(january.overlaps(februaryToMarch)).isFalse();
        assertThat(februaryToMarch.overlaps(january)).isFalse();
    }

    @Test
    void closedPeriodsSharingADayOverlap() {
        EffectivePeriod january = EffectivePeriod.between(JAN_1, JAN_31);
        EffectivePeriod lastOfJanuaryOnwards = EffectivePeriod.between(JAN_31, MAR_31);

        assertThat(january.overlaps(lastOfJanuaryOnwards)).isTrue();
        assertThat(lastOfJanuaryOnwards.overlaps(january)).isTrue();
    }

    @Test
    void closedPeriodInsideAnotherOverlapsIt() {
        EffectivePeriod quarter = EffectivePeriod.between(JAN_1, MAR_31);
        EffectivePeriod february = EffectivePeriod.between(FEB_1, LocalDate.of(2026, 2, 28));

        assertThat(quarter.overlaps(february)).isTrue();
        assertThat(february.overlaps(quarter)).isTrue();
    }

    @Test
    void openEndedPeriodOverlapsAClosedPeriodEndingOnOrAfterItsStart() {
        EffectivePeriod fromFebruary = EffectivePeriod.from(FEB_1);

        assertThat(fromFebruary.overlaps(EffectivePeriod.between(JAN_1, FEB_1))).isTrue();
        assertThat(EffectivePeriod.between(JAN_1, FEB_1).overlaps(fromFebruary)).isTrue();
        assertThat(fromFebruary.overlaps(EffectivePeriod.between(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 1, 2))))
                .isTrue();
        assertThat(fromFebruary.overlaps(EffectivePeriod.between(JAN_1, JAN_31)))
                .isFalse();
    }

    @Test
    void twoOpenEndedPeriodsAlwaysOverlap() {
        assertThat(EffectivePeriod.from(JAN_1).overlaps(EffectivePeriod.from(LocalDate.of(2040, 6, 1))))
                .isTrue();
        assertThat(EffectivePeriod.from(LocalDate.of(2040, 6, 1)).overlaps(EffectivePeriod.from(JAN_1)))
                .isTrue();
    }

    @Test
    void aPeriodOverlapsItself() {
        EffectivePeriod january = EffectivePeriod.between(JAN_1, JAN_31);

        assertThat(january.overlaps(january)).isTrue();
    }

    @Test
    void endingAnOpenPeriodClosesItOnTheGivenDay() {
        EffectivePeriod open = EffectivePeriod.from(JAN_1);

        EffectivePeriod closed = open.endingOn(JAN_31);

        assertThat(closed).isEqualTo(EffectivePeriod.between(JAN_1, JAN_31));
        assertThat(open.isOpenEnded()).isTrue();
    }

    @Test
    void endingAPeriodOnItsFirstDayLeavesOneDay() {
        EffectivePeriod oneDay = EffectivePeriod.from(JAN_1).endingOn(JAN_1);

        assertThat(oneDay.contains(JAN_1)).isTrue();
        assertThat(oneDay.contains(JAN_1.plusDays(1))).isFalse();
    }

    @Test
    void endingAPeriodBeforeItStartsIsRejected() {
        assertThatThrownBy(() -> EffectivePeriod.from(FEB_1).endingOn(JAN_31))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EffectivePeriodOrder");
    }

    @Test
    void endingAPeriodWithoutALastDayIsRejected() {
        assertThatThrownBy(() -> EffectivePeriod.from(FEB_1).endingOn(null))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EffectivePeriodTo");
    }
}
