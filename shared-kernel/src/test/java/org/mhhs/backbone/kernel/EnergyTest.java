package org.mhhs.backbone.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnergyTest {

    @Test
    void tenthPlusTwoTenthsIsExactlyThreeTenthsOfAKilowattHour() {
        Energy sum = Energy.ofKwh("0.1").plus(Energy.ofKwh("0.2"));

        assertThat(sum).isEqualTo(Energy.ofKwh("0.3"));
        assertThat(sum.wattHours()).isEqualTo(300);
        assertThat(sum.kwh()).isEqualTo(new BigDecimal("0.300"));
    }

    @Test
    void aThousandSmallReadingsAddUpExactly() {
        Energy total = Energy.ZERO;
        for (int i = 0; i < 1000; i++) {
            total = total.plus(Energy.ofKwh("0.001"));
        }

        assertThat(total).isEqualTo(Energy.ofKwh("1"));
    }

    @ParameterizedTest
    @CsvSource({
        "12.345, 12345, 12.345",
        "-0.5, -500, -0.500",
        "0, 0, 0.000",
        "-0, 0, 0.000",
        "1.2340, 1234, 1.234",
        "+7, 7000, 7.000",
        "007.10, 7100, 7.100",
        "1.000000000, 1000, 1.000",
        "9223372036854775.807, 9223372036854775807, 9223372036854775.807",
        "-9223372036854775.808, -9223372036854775808, -9223372036854775.808",
    })
    void kilowattHoursAreHeldAsWholeWattHoursAndWrittenWithThreeDecimals(String kwh, long wattHours, String written) {
        Energy energy = Energy.ofKwh(kwh);

        assertThat(energy.wattHours()).isEqualTo(wattHours);
        assertThat(energy).hasToString(written);
        assertThat(energy.kwh().scale()).isEqualTo(3);
    }

    @Test
    void bigDecimalKilowattHoursWithTrailingZerosAreAccepted() {
        assertThat(Energy.ofKwh(new BigDecimal("1.2340")).wattHours()).isEqualTo(1234);
        assertThat(Energy.ofKwh(new BigDecimal("1.2E+3")).wattHours()).isEqualTo(1_200_000);
        assertThat(Energy.ofKwh(new BigDecimal("0E-1000000000"))).isEqualTo(Energy.ZERO);
    }

    @Test
    void aFourthNonZeroDecimalIsRejected() {
        assertThatThrownBy(() -> Energy.ofKwh("1.2345"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("1.2345")
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EnergyScale");
        assertThatThrownBy(() -> Energy.ofKwh(new BigDecimal("1.2345")))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EnergyScale");
    }

    @Test
    void aVanishinglySmallAmountIsRejectedForItsScale() {
        assertThatThrownBy(() -> Energy.ofKwh(new BigDecimal("1E-1000000000")))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EnergyScale");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"9223372036854775.808", "-9223372036854775.809", "10000000000000000", "-99999999999999999999999"
            })
    void anAmountBeyondTheEnergyRangeIsRejected(String kwh) {
        assertThatThrownBy(() -> Energy.ofKwh(kwh))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining(kwh)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EnergyRange");
    }

    @Test
    void anAstronomicalBigDecimalIsRejectedForItsRange() {
        assertThatThrownBy(() -> Energy.ofKwh(new BigDecimal("1E+1000000000")))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EnergyRange");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1,5", "1.", ".5", "1e3", "1.2.3", " 1", "--1", "١٢", "NaN", "Infinity"})
    void textThatIsNotAPlainDecimalIsRejected(String kwh) {
        assertThatThrownBy(() -> Energy.ofKwh(kwh))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EnergyFormat");
    }

    @Test
    void missingAmountIsRejected() {
        assertThatThrownBy(() -> Energy.ofKwh((String) null))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EnergyFormat");
        assertThatThrownBy(() -> Energy.ofKwh((BigDecimal) null))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EnergyFormat");
    }

    @Test
    void veryLongTextWithRedundantZerosIsAcceptedAndQuicklyParsed() {
        String kwh = "0".repeat(1_000_000) + "1.5" + "0".repeat(1_000_000);

        assertThat(Energy.ofKwh(kwh)).isEqualTo(Energy.ofWattHours(1500));
    }

    @Test
    void subtractionCanGoNegative() {
        Energy difference = Energy.ofKwh("1.000").minus(Energy.ofKwh("1.5"));

        assertThat(difference.isNegative()).isTrue();
        assertThat(difference).hasToString("-0.500");
        assertThat(Energy.ZERO.isNegative()).isFalse();
        assertThat(Energy.ZERO.isZero()).isTrue();
    }

    @Test
    void overflowingTheEnergyRangeIsRejected() {
        Energy most = Energy.ofWattHours(Long.MAX_VALUE);
        Energy least = Energy.ofWattHours(Long.MIN_VALUE);

        assertThatThrownBy(() -> most.plus(Energy.ofWattHours(1)))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EnergyRange");
        assertThatThrownBy(() -> least.minus(Energy.ofWattHours(1)))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("EnergyRange");
    }

    @Test
    void energyOrdersByAmount() {
        assertThat(Energy.ofKwh("-1")).isLessThan(Energy.ZERO);
        assertThat(Energy.ofKwh("0.001")).isGreaterThan(Energy.ZERO);
        assertThat(Energy.ofKwh("2.5")).isEqualByComparingTo(Energy.ofWattHours(2500));
    }
}
