package org.mhhs.backbone.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MpanTest {

    @Test
    void checkDigitOfAKnownPrefixIsTheWeightedSumModElevenModTen() {
        assertThat(Mpan.checkDigitOf("123456789012")).isEqualTo(6);
        assertThat(Mpan.checkDigitOf("200000000000")).isEqualTo(6);
        assertThat(Mpan.checkDigitOf("000000000000")).isZero();
    }

    @Test
    void aWeightedSumOfTenModElevenGivesCheckDigitZero() {
        assertThat(Mpan.checkDigitOf("700000000000")).isZero();
        assertThat(Mpan.isValid("7000000000000")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012", "140000000001", "230987654321", "999999999999", "105555555555"})
    void anMpanBuiltFromAPrefixAndItsCheckDigitIsValid(String prefix) {
        String core = prefix + Mpan.checkDigitOf(prefix);

        Mpan mpan = Mpan.of(core);

        assertThat(Mpan.isValid(core)).isTrue();
        assertThat(mpan.value()).isEqualTo(core);
        assertThat(mpan).hasToString(core);
    }

    @Test
    void aHandCheckedMpanIsValid() {
        assertThat(Mpan.isValid("1234567890126")).isTrue();
        assertThat(Mpan.of("1234567890126").value()).isEqualTo("1234567890126");
    }

    @Test
    void mpanWithWrongCheckDigitIsRejected() {
        assertThat(Mpan.isValid("1234567890127")).isFalse();
        assertThatThrownBy(() -> Mpan.of("1234567890127"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("1234567890127")
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("MpanCheckDigit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123456789012", "12345678901266", "1"})
    void mpanOfTheWrongLengthIsRejected(String core) {
        assertThat(Mpan.isValid(core)).isFalse();
        assertThatThrownBy(() -> Mpan.of(core))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("MpanFormat");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901a6", " 234567890126", "1234567890126 ", "-234567890126", "١٢٣٤٥٦٧٨٩٠١٢٦"})
    void mpanWithNonDigitsIsRejected(String core) {
        assertThat(Mpan.isValid(core)).isFalse();
        assertThatThrownBy(() -> Mpan.of(core))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("MpanFormat");
    }

    @Test
    void missingMpanIsRejectedAsBadlyFormed() {
        assertThat(Mpan.isValid(null)).isFalse();
        assertThatThrownBy(() -> Mpan.of(null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("null")
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("MpanFormat");
    }

    @Test
    void checkDigitIsOnlyComputedForTwelveDigits() {
        assertThatThrownBy(() -> Mpan.checkDigitOf("12345678901"))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("MpanFormat");
    }

    @Test
    void distributorIdIsTheFirstTwoDigits() {
        String core = "23" + "0000000000";
        assertThat(Mpan.of(core + Mpan.checkDigitOf(core)).distributorId()).isEqualTo("23");
        assertThat(Mpan.of("1234567890126").distributorId()).isEqualTo("12");
    }

    @Test
    void overlongOffendingValueIsTruncatedInTheMessage() {
        String core = "9".repeat(200);
        assertThatThrownBy(() -> Mpan.of(core))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("9".repeat(40) + "\"...")
                .hasMessageNotContaining("9".repeat(41));
    }

    @Test
    void mpansOrderByTheirDigits() {
        assertThat(Mpan.of("1234567890126"))
                .isGreaterThan(Mpan.of("1000000000003"))
                .isLessThan(Mpan.of("7000000000000"))
                .isEqualByComparingTo(new Mpan("1234567890126"));
    }
}
