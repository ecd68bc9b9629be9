package org.mhhs.backbone.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Mpan} ({@code of}, {@code isValid}, {@code checkDigitOf}) held against an oracle written apart from it: the
 * published rule ("multiply the first digit by 3, each next digit by the next prime, 11 left out; the check digit is
 * the sum modulo 11 modulo 10"), with the primes found here by trial division rather than copied from a table, and
 * MPAN cores printed in public examples.
 */
class MpanCheckDigitPropertyTest {

    /** The primes from 3 upwards without 11, as many as an MPAN core has digits before its check digit. */
    private static final List<Integer> PRIMES_WITHOUT_ELEVEN = IntStream.iterate(3, n -> n + 1)
            .filter(MpanCheckDigitPropertyTest::isPrime)
            .filter(prime -> prime != 11)
            .limit(12)
            .boxed()
            .toList();

    @Property
    void exactlyOneOfTheTenCompletionsOfAPrefixIsAnMpanAndItsDigitIsTheReferenceOne(@ForAll("prefixes") String prefix) {
        List<Integer> accepted = new ArrayList<>();
        for (int digit = 0; digit <= 9; digit++) {
            String candidate = prefix + digit;
            boolean valid = Mpan.isValid(candidate);
            assertThat(accepted(candidate))
                    .as("Mpan.of(%s) agrees with isValid", candidate)
                    .isEqualTo(valid);
            if (valid) {
                accepted.add(digit);
            }
        }

        assertThat(accepted).containsExactly(referenceCheckDigit(prefix));
        assertThat(Mpan.checkDigitOf(prefix)).isEqualTo(referenceCheckDigit(prefix));
        assertThat(Mpan.of(prefix + referenceCheckDigit(prefix)).value())
                .isEqualTo(prefix + referenceCheckDigit(prefix));
    }

    @Property
    void aRefusedCompletionIsRefusedForItsCheckDigitNamingTheRightOne(
            @ForAll("prefixes") String prefix, @ForAll @IntRange(min = 1, max = 9) int shift) {
        int right = referenceCheckDigit(prefix);
        String wrong = prefix + (right + shift) % 10;

        assertThatThrownBy(() -> Mpan.of(wrong))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining(wrong)
                .hasMessageEndingWith("give " + right)
                .extracting(e -> ((InvalidValueException) e).rule())
                .isEqualTo("MpanCheckDigit");
    }

    @Property
    void changingOneDigitOfAValidCoreIsCaughtUnlessTheReferenceSaysTheSumsFoldTogether(
            @ForAll("prefixes") String prefix,
            @ForAll @IntRange(min = 0, max = 12) int position,
            @ForAll @IntRange(min = 1, max = 9) int shift) {
        String valid = prefix + referenceCheckDigit(prefix);
        char[] digits = valid.toCharArray();
        digits[position] = (char) ('0' + (digits[position] - '0' + shift) % 10);
        String changed = new String(digits);

        boolean referenceAccepts = referenceCheckDigit(changed.substring(0, 12)) == changed.charAt(12) - '0';

        assertThat(Mpan.isValid(changed)).isEqualTo(referenceAccepts);
        if (position == 12) {
            assertThat(referenceAccepts)
                    .as("a changed check digit is always caught")
                    .isFalse();
        }
    }

    @Property
    void anythingButThirteenAsciiDigitsIsNoMpan(@ForAll("notThirteenDigits") String value) {
        assertThat(Mpan.isValid(value)).isFalse();
        assertThat(accepted(value)).isFalse();
    }

    @Example
    void theOracleUsesThePrimesFromThreeToFortyThreeWithoutEleven() {
        assertThat(PRIMES_WITHOUT_ELEVEN).containsExactly(3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43);
    }

    /** MPAN cores printed in public examples: a D0010 sample flow, an API's documentation, a library's docs. */
    @Example
    void mpanCoresFromPublicExamplesAreAccepted() {
        for (String core : List.of("1200023305967", "2000024512368", "1312345678907", "2200031930792")) {
            assertThat(Mpan.isValid(core)).as(core).isTrue();
            assertThat(Mpan.of(core).value()).isEqualTo(core);
            assertThat(Mpan.checkDigitOf(core.substring(0, 12))).isEqualTo(core.charAt(12) - '0');
            assertThat(referenceCheckDigit(core.substring(0, 12))).isEqualTo(core.charAt(12) - '0');
        }
    }

    /** A library's published example of a bad checksum (its first 12 digits give 1, not 0). */
    @Example
    void aPublishedExampleOfABadChecksumIsRefused() {
        assertThat(Mpan.isValid("2499999999990")).isFalse();
        assertThat(Mpan.checkDigitOf("249999999999")).isEqualTo(1);
        assertThat(Mpan.isValid("2499999999991")).isTrue();
    }

    /** Residues 0 and 10 both give check digit 0: the one blind spot of the industry's algorithm. */
    @Example
    void residuesZeroAndTenBothGiveCheckDigitZero() {
        // 7 x 3 = 21 = 10 (mod 11)
        assertThat(Mpan.checkDigitOf("700000000000")).isZero();
        assertThat(Mpan.checkDigitOf("000000000000")).isZero();
        assertThat(Mpan.isValid("7000000000000")).isTrue();
        assertThat(Mpan.isValid("0000000000000")).isTrue();
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.strings().withCharRange('0', '9').ofLength(12);
    }

    @Provide
    Arbitrary<String> notThirteenDigits() {
        Arbitrary<String> wrongLength =
                Arbitraries.strings().withCharRange('0', '9').ofMaxLength(20).filter(s -> s.length() != 13);
        // 13 characters of which at least one is no ASCII digit (other scripts' digits included)
        Arbitrary<String> notDigits = Arbitraries.strings()
                .withCharRange('0', '9')
                .withChars('a', ' ', '-', '\u0663', '\uff10', '\u00b2')
                .ofLength(13)
                .filter(s -> !s.chars().allMatch(c -> c >= '0' && c <= '9'));
        return Arbitraries.oneOf(wrongLength, notDigits);
    }

    /** The published rule, written out: digit i times the i-th prime without 11, summed, modulo 11, modulo 10. */
    private static int referenceCheckDigit(String first12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += Character.digit(first12.charAt(i), 10) * PRIMES_WITHOUT_ELEVEN.get(i);
        }
        return sum % 11 % 10;
    }

    private static boolean isPrime(int n) {
        return n > 1 && IntStream.rangeClosed(2, (int) Math.sqrt(n)).noneMatch(d -> n % d == 0);
    }

    private static boolean accepted(String value) {
        try {
            Mpan.of(value);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }
}
