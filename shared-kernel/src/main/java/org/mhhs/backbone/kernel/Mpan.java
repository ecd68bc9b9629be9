package org.mhhs.backbone.kernel;

// The core of a Meter Point Administration Number: the 13 digits that identify a metering point for its whole life.
public record Mpan(String value) implements Comparable<Mpan> {

    private static final int LENGTH = 13;
    private static final int[] WEIGHTS = {3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43};

    public Mpan {
        if (!isThirteenDigits(value)) {
            throw new InvalidValueException(
                    "MpanFormat", "MPAN core must be exactly 13 digits but was " + Shown.quoted(value));
        }
        int expected = checkDigitOf(value.substring(0, LENGTH - 1));
        int actual = value.charAt(LENGTH - 1) - '0';
        if (expected != actual) {
            throw new InvalidValueException(
                    "MpanCheckDigit",
                    "MPAN core " + value + " ends in check digit " + actual + " but its first 12 digits give "
                            + expected);
        }
    }

    public static Mpan of(String value) {
        return new Mpan(value);
    }

    public static boolean isValid(String value) {
        return isThirteenDigits(value)
                && checkDigitOf(value.substring(0, LENGTH - 1)) == value.charAt(LENGTH - 1) - '0';
    }

    public static int checkDigitOf(String first12Digits) {
        if (!isDigits(first12Digits, LENGTH - 1)) {
            throw new InvalidValueException(
                    "MpanFormat",
                    "the first part of an MPAN core must be exactly 12 digits but was " + Shown.quoted(first12Digits));
        }
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += WEIGHTS[i] * (first12Digits.charAt(i) - '0');
        }
        return sum % 11 % 10;
    }

    public String distributorId() {
        return value.substring(0, 2);
    }

    @Override
    public int compareTo(Mpan other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static boolean isThirteenDigits(String value) {
        return isDigits(value, LENGTH);
    }

    // Character.isDigit would let other scripts' digits through, which no market system accepts.
    private static boolean isDigits(String value, int length) {
        if (value == null || value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
