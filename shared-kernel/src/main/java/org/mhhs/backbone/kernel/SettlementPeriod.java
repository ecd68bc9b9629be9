package org.mhhs.backbone.kernel;

// A half-hour of a settlement day, numbered from 1 at local midnight; 50 is the most an autumn clock change day has.
public record SettlementPeriod(int number) implements Comparable<SettlementPeriod> {

    public static final int FIRST = 1;
    public static final int MAX = 50;

    public SettlementPeriod {
        if (number < FIRST || number > MAX) {
            throw new InvalidValueException(
                    "SettlementPeriodRange", "settlement period must be between 1 and 50 but was " + number);
        }
    }

    public static SettlementPeriod of(int number) {
        return new SettlementPeriod(number);
    }

    @Override
    public int compareTo(SettlementPeriod other) {
        return Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return Integer.toString(number);
    }
}
