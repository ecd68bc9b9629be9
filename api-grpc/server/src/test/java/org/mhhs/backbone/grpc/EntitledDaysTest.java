package org.mhhs.backbone.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.kernel.EffectivePeriod;

class EntitledDaysTest {

    private static final LocalDate MAY_1 = LocalDate.parse("2026-05-01");

    @Test
    void periodsThatOverlapOrTouchBecomeOne() {
        EntitledDays days = EntitledDays.union(
                List.of(between(10, 20), between(1, 5), between(6, 8), between(15, 25), EffectivePeriod.from(day(40))));

        assertThat(days.periods()).containsExactly(between(1, 8), between(10, 25), EffectivePeriod.from(day(40)));
    }

    @Test
    void anOpenEndedPeriodSwallowsEveryLaterOne() {
        EntitledDays days = EntitledDays.union(List.of(EffectivePeriod.from(day(3)), between(10, 20), between(1, 2)));

        assertThat(days.periods()).containsExactly(EffectivePeriod.from(day(1)));
    }

    @Test
    void aDayIsEntitledWhenAPeriodContainsIt() {
        EntitledDays days = EntitledDays.union(List.of(between(1, 5), between(10, 12)));

        assertThat(days.contains(day(5))).isTrue();
        assertThat(days.contains(day(6))).isFalse();
        assertThat(days.contains(day(10))).isTrue();
        assertThat(EntitledDays.NONE.contains(day(1))).isFalse();
        assertThat(EntitledDays.ALL.contains(day(1))).isTrue();
    }

    @Test
    void aPeriodIsCutToTheEntitledDaysInPieces() {
        EntitledDays days = EntitledDays.union(List.of(between(1, 5), EffectivePeriod.from(day(10))));

        assertThat(days.clip(between(3, 12))).containsExactly(between(3, 5), between(10, 12));
        assertThat(days.clip(EffectivePeriod.from(day(4))))
                .containsExactly(between(4, 5), EffectivePeriod.from(day(10)));
        assertThat(days.clip(between(6, 9))).isEmpty();
        assertThat(EntitledDays.ALL.clip(EffectivePeriod.from(day(4)))).containsExactly(EffectivePeriod.from(day(4)));
    }

    private static EffectivePeriod between(int from, int to) {
        return EffectivePeriod.between(day(from), day(to));
    }

    private static LocalDate day(int n) {
        return MAY_1.plusDays(n - 1);
    }
}
