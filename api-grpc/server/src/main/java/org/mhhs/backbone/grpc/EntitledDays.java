package org.mhhs.backbone.grpc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mhhs.backbone.kernel.EffectivePeriod;

/**
 * The settlement days of a metering point a caller may see: periods in order that neither overlap nor touch, the last
 * one possibly open-ended.
 */
public record EntitledDays(List<EffectivePeriod> periods) {

    /** Every day there is: the metering point's registration service, OPERATOR and AUDITOR. */
    public static final EntitledDays ALL = new EntitledDays(List.of(EffectivePeriod.from(LocalDate.MIN)));

    public static final EntitledDays NONE = new EntitledDays(List.of());

    public EntitledDays {
        periods = List.copyOf(periods);
    }

    /** The days of all the periods together. */
    public static EntitledDays union(Collection<EffectivePeriod> periods) {
        List<EffectivePeriod> sorted = periods.stream()
                .sorted(Comparator.comparing(EffectivePeriod::from))
                .toList();
        List<EffectivePeriod> merged = new ArrayList<>();
        for (EffectivePeriod next : sorted) {
            EffectivePeriod last = merged.isEmpty() ? null : merged.getLast();
            if (last != null
                    && (last.isOpenEnded() || !next.from().isAfter(last.to().plusDays(1)))) {
                merged.set(merged.size() - 1, new EffectivePeriod(last.from(), later(last, next)));
            } else {
                merged.add(next);
            }
        }
        return new EntitledDays(merged);
    }

    public boolean isEmpty() {
        return periods.isEmpty();
    }

    public boolean contains(LocalDate day) {
        return periods.stream().anyMatch(period -> period.contains(day));
    }

    /** The parts of a period that are entitled days, in order. */
    public List<EffectivePeriod> clip(EffectivePeriod period) {
        return periods.stream()
                .flatMap(entitled -> intersection(entitled, period).stream())
                .toList();
    }

    /** The days two periods share, if any. */
    public static Optional<EffectivePeriod> intersection(EffectivePeriod one, EffectivePeriod other) {
        if (!one.overlaps(other)) {
            return Optional.empty();
        }
        LocalDate from = one.from().isAfter(other.from()) ? one.from() : other.from();
        LocalDate to = one.isOpenEnded()
                ? other.to()
                : other.isOpenEnded() || one.to().isBefore(other.to()) ? one.to() : other.to();
        return Optional.of(new EffectivePeriod(from, to));
    }

    private static LocalDate later(EffectivePeriod last, EffectivePeriod next) {
        if (last.isOpenEnded() || next.isOpenEnded()) {
            return null;
        }
        return last.to().isAfter(next.to()) ? last.to() : next.to();
    }
}
