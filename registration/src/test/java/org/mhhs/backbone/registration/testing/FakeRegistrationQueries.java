package org.mhhs.backbone.registration.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.registration.api.AppointmentView;
import org.mhhs.backbone.registration.api.EnergisationStatus;
import org.mhhs.backbone.registration.api.MarketSegment;
import org.mhhs.backbone.registration.api.MeteringPointView;
import org.mhhs.backbone.registration.api.RegistrationQueries;
import org.mhhs.backbone.registration.api.ResponsibilityView;
import org.mhhs.backbone.registration.api.TimelineEntryView;

/**
 * Registration's query interface held in memory, for the fixture tests of downstream contexts: tests say who is
 * responsible for a metering point over which days, instead of projecting registration events. Only the
 * responsibility lookup is answered.
 */
public final class FakeRegistrationQueries implements RegistrationQueries {

    private record Responsibility(
            Mpan mpan,
            LocalDate fromDay,
            LocalDate toDay,
            Optional<ParticipantId> supplier,
            Optional<ParticipantId> dataService,
            GspGroupId gspGroup) {

        boolean covers(Mpan asked, LocalDate day) {
            return mpan.equals(asked) && !day.isBefore(fromDay) && !day.isAfter(toDay);
        }
    }

    private final List<Responsibility> responsibilities = new ArrayList<>();

    /** From {@code fromDay} to {@code toDay} inclusive; a null supplier or data service means none is in force. */
    public FakeRegistrationQueries responsible(
            Mpan mpan,
            LocalDate fromDay,
            LocalDate toDay,
            ParticipantId supplier,
            ParticipantId dataService,
            GspGroupId gspGroup) {
        responsibilities.add(new Responsibility(
                mpan, fromDay, toDay, Optional.ofNullable(supplier), Optional.ofNullable(dataService), gspGroup));
        return this;
    }

    @Override
    public Optional<ResponsibilityView> findResponsibility(Mpan mpan, LocalDate day) {
        return responsibilities.stream()
                .filter(responsibility -> responsibility.covers(mpan, day))
                .findFirst()
                .map(responsibility -> new ResponsibilityView(
                        mpan,
                        day,
                        responsibility.gspGroup(),
                        MarketSegment.SMART,
                        EnergisationStatus.ENERGISED,
                        responsibility.supplier(),
                        responsibility.dataService(),
                        Optional.empty()));
    }

    @Override
    public Optional<MeteringPointView> findMeteringPoint(Mpan mpan) {
        return Optional.empty();
    }

    @Override
    public List<TimelineEntryView> findTimeline(Mpan mpan) {
        return List.of();
    }

    @Override
    public List<Mpan> findServedBy(
            ParticipantId participant, MarketRole role, LocalDate day, Optional<Mpan> after, int limit) {
        return List.of();
    }

    @Override
    public Optional<AppointmentView> findAppointment(UUID appointmentId) {
        return Optional.empty();
    }
}
