package org.mhhs.backbone.kernel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

// Market data is effective-dated by whole days, so both ends are inclusive and a missing end means "until further
// notice".
public record EffectivePeriod(LocalDate from, @Nullable LocalDate to) {

    public EffectivePeriod {
        if (from == null) {
            throw new InvalidValueException(
                    "EffectivePeriodFrom", "effective period must have a first day but was null");
        }
        if (to != null && to.isBefore(from)) {
            throw new InvalidValueException(
                    "EffectivePeriodOrder", "effective period must not end on " + to + ", before it starts on " + from);
        }
    }

    public static EffectivePeriod from(LocalDate from) {
        return new EffectivePeriod(from, null);
    }

    public static EffectivePeriod between(LocalDate from, LocalDate toInclusive) {
        if (toInclusive == null) {
            throw new InvalidValueException(
                    "EffectivePeriodTo", "effective period between two days must have a last day but was null");
        }
        return new EffectivePeriod(from, toInclusive);
    }

    /**
     * The periods of things that follow one another, given in order of their first days: each runs until the day
     * before the next one starts, the last one until further notice.
     */
    public static <T> List<Map.Entry<T, EffectivePeriod>> consecutive(
            List<T> inOrder, Function<T, LocalDate> firstDay) {
        List<Map.Entry<T, EffectivePeriod>> periods = new ArrayList<>(inOrder.size());
        for (int i = 0; i < inOrder.size(); i++) {
            LocalDate from = firstDay.apply(inOrder.get(i));
            EffectivePeriod period = i + 1 < inOrder.size()
                    ? between(from, firstDay.apply(inOrder.get(i + 1)).minusDays(1))
                    : from(from);
            periods.add(Map.entry(inOrder.get(i), period));
        }
        return periods;
    }

    public boolean isOpenEnded() {
        return to == null;
    }

    public boolean contains(LocalDate day) {
        Objects.requireNonNull(day, "day");
        return !day.isBefore(from) && (to == null || !day.isAfter(to));
    }

    public boolean overlaps(EffectivePeriod other) {
        Objects.requireNonNull(other, "other");
        return startsNoLaterThanEndOf(other) && other.startsNoLaterThanEndOf(this);
    }

    public EffectivePeriod endingOn(LocalDate lastDay) {
        if (lastDay == null) {
            throw new InvalidValueException(
                    "EffectivePeriodTo",
                    "effective period starting " + from + " must be given a last day but was null");
        }
        return new EffectivePeriod(from, lastDay);
    }

    public Optional<LocalDate> toDate() {
        return Optional.ofNullable(to);
    }

    @Override
    public String toString() {
        return from + ".." + (to == null ? "open" : to.toString());
    }

    private boolean startsNoLaterThanEndOf(EffectivePeriod other) {
        return other.to == null || !from.isAfter(other.to);
    }
}
