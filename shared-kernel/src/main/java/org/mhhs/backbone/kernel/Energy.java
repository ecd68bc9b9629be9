package org.mhhs.backbone.kernel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

// Settlement must reconcile to the last watt-hour, so kWh are held as an exact count of Wh, never as floating point.
public record Energy(long wattHours) implements Comparable<Energy> {

    public static final Energy ZERO = new Energy(0);

    private static final int KWH_SCALE = 3;
    private static final BigDecimal MIN_KWH = BigDecimal.valueOf(Long.MIN_VALUE, KWH_SCALE);
    private static final BigDecimal MAX_KWH = BigDecimal.valueOf(Long.MAX_VALUE, KWH_SCALE);
    private static final int MAX_WHOLE_DIGITS = MAX_KWH.precision() - KWH_SCALE;
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("([+-]?)([0-9]+)(?:\\.([0-9]+))?");

    public static Energy ofWattHours(long wattHours) {
        return new Energy(wattHours);
    }

    public static Energy ofKwh(BigDecimal kwh) {
        if (kwh == null) {
            throw new InvalidValueException("EnergyFormat", "energy must be a kWh amount but was null");
        }
        if (kwh.signum() == 0) {
            return ZERO;
        }
        BigDecimal threeDecimalsAtMost = inKwhScale(kwh);
        if (threeDecimalsAtMost.compareTo(MIN_KWH) < 0 || threeDecimalsAtMost.compareTo(MAX_KWH) > 0) {
            throw outOfRange(kwh.toString());
        }
        return new Energy(threeDecimalsAtMost
                .setScale(KWH_SCALE, RoundingMode.UNNECESSARY)
                .unscaledValue()
                .longValueExact());
    }

    // Only plain decimals are accepted because exponent notation and non-ASCII digits never appear in valid market
    // data.
    public static Energy ofKwh(String kwh) {
        Matcher decimal = kwh == null ? null : PLAIN_DECIMAL.matcher(kwh);
        if (decimal == null || !decimal.matches()) {
            throw new InvalidValueException(
                    "EnergyFormat",
                    "energy must be a plain decimal kWh amount such as 12.345 but was " + Shown.quoted(kwh));
        }
        // Trimming the redundant zeros first keeps parsing cheap however long the text is.
        String whole = stripLeadingZeros(decimal.group(2));
        String fraction = decimal.group(3) == null ? "" : stripTrailingZeros(decimal.group(3));
        if (fraction.length() > KWH_SCALE) {
            throw tooManyDecimals(kwh);
        }
        if (whole.length() > MAX_WHOLE_DIGITS) {
            throw outOfRange(kwh);
        }
        String sign = "-".equals(decimal.group(1)) ? "-" : "";
        return ofKwh(new BigDecimal(sign + whole + (fraction.isEmpty() ? "" : "." + fraction)));
    }

    public BigDecimal kwh() {
        return BigDecimal.valueOf(wattHours, KWH_SCALE);
    }

    public Energy plus(Energy other) {
        Objects.requireNonNull(other, "other");
        try {
            return new Energy(Math.addExact(wattHours, other.wattHours));
        } catch (ArithmeticException e) {
            throw new InvalidValueException(
                    "EnergyRange", this + " kWh plus " + other + " kWh overflows the energy range", e);
        }
    }

    public Energy minus(Energy other) {
        Objects.requireNonNull(other, "other");
        try {
            return new Energy(Math.subtractExact(wattHours, other.wattHours));
        } catch (ArithmeticException e) {
            throw new InvalidValueException(
                    "EnergyRange", this + " kWh minus " + other + " kWh overflows the energy range", e);
        }
    }

    public boolean isNegative() {
        return wattHours < 0;
    }

    public boolean isZero() {
        return wattHours == 0;
    }

    @Override
    public int compareTo(Energy other) {
        return Long.compare(wattHours, other.wattHours);
    }

    @Override
    public String toString() {
        return kwh().toPlainString();
    }

    // A scale far beyond the digits present is rejected up front, as rescaling it would need an enormous power of ten.
    private static BigDecimal inKwhScale(BigDecimal kwh) {
        if (kwh.scale() <= KWH_SCALE) {
            return kwh;
        }
        if ((long) kwh.scale() - KWH_SCALE >= kwh.precision()) {
            throw tooManyDecimals(kwh.toString());
        }
        try {
            return kwh.setScale(KWH_SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw tooManyDecimals(kwh.toString());
        }
    }

    private static InvalidValueException tooManyDecimals(String kwh) {
        return new InvalidValueException(
                "EnergyScale", "energy must have at most 3 decimal places of kWh but was " + Shown.quoted(kwh));
    }

    private static InvalidValueException outOfRange(String kwh) {
        return new InvalidValueException(
                "EnergyRange",
                "energy must be between " + MIN_KWH.toPlainString() + " and " + MAX_KWH.toPlainString()
                        + " kWh but was " + Shown.quoted(kwh));
    }

    private static String stripLeadingZeros(String digits) {
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        return digits.substring(first);
    }

    private static String stripTrailingZeros(String digits) {
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }
}
