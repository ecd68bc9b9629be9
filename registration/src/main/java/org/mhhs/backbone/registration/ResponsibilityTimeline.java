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
 * time. Tenures never overlap: a new holder from a day ends the previous tenure on the day before.
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
