package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * Who held one responsibility (the supplier, the data service or the metering service) of a metering point over
 * time. Tenures never overlap: a new holder from a day ends the previous tenure on the day before, and a withdrawn
 * tenure gives its days back to the one before it.
 */
final class ResponsibilityTimeline {

    private final List<Tenure> tenures = new ArrayList<>();

    Optional<Tenure> on(LocalDate day) {
        return tenures.stream().filter(t -> t.period().contains(day)).findFirst();
    }

    Optional<Tenure> latest() {
        return tenures.isEmpty() ? Optional.empty() : Optional.of(tenures.getLast());
    }

    /** The tenure still running on {@code from}, which a new holder from that day ends the day before. */
    Optional<Tenure> runningOn(LocalDate from) {
        return latest().filter(t -> t.period().isOpenEnded() || !t.period().to().isBefore(from));
    }

    /** The tenure whose first day is {@code from}. */
    Optional<Tenure> startingOn(LocalDate from) {
        return tenures.stream().filter(t -> t.period().from().equals(from)).findFirst();
    }

    /** The tenure just before {@code tenure}, whose days it took over. */
    Optional<Tenure> before(Tenure tenure) {
        int index = tenures.indexOf(tenure);
        return index > 0 ? Optional.of(tenures.get(index - 1)) : Optional.empty();
    }

    /**
     * Removes {@code tenure} as if it had never started: the tenure before it, if any, runs on until the withdrawn one
     * would have ended (open-ended if it was open-ended).
     */
    void withdraw(Tenure tenure) {
        Optional<Tenure> previous = before(tenure);
        tenures.remove(tenure);
        previous.ifPresent(p -> tenures.replaceAll(t -> t.equals(p)
                ? new Tenure(
                        t.holder(),
                        new EffectivePeriod(t.period().from(), tenure.period().to()),
                        t.appointmentId())
                : t));
    }

    void start(ParticipantId holder, LocalDate from, UUID appointmentId) {
        runningOn(from).ifPresent(running -> end(running, from.minusDays(1)));
        tenures.add(new Tenure(holder, EffectivePeriod.from(from), appointmentId));
    }

    void end(Tenure tenure, LocalDate lastDay) {
        tenures.replaceAll(
                t -> t.equals(tenure) ? new Tenure(t.holder(), t.period().endingOn(lastDay), t.appointmentId()) : t);
    }

    List<Tenure> tenures() {
        return List.copyOf(tenures);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResponsibilityTimeline timeline && tenures.equals(timeline.tenures);
    }

    @Override
    public int hashCode() {
        return tenures.hashCode();
    }
}
