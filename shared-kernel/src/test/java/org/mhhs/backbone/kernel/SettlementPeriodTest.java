package org.mhhs.backbone.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettlementPeriodTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 46, 48, 50})
    void periodsOneToFiftyExist(int number) {
        assertThat(SettlementPeriod.of(number).number()).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 51, Integer.MAX_VALUE})
    void periodOutsideOneToFiftyIsRejected(int number) {
        assertThatThrownBy(() -> SettlementPeriod.of(number))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining(Integer.toString(number))
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("SettlementPeriodRange");
    }
}
