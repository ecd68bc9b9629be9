package org.mhhs.backbone.isd.testing;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.mhhs.backbone.isd.api.DnoPeriodView;
import org.mhhs.backbone.isd.api.GspGroupView;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.api.MarketCalendar;
import org.mhhs.backbone.isd.api.ParticipantView;
import org.mhhs.backbone.isd.api.RolePeriodView;
import org.mhhs.backbone.isd.api.SettlementCalendarView;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * The ISD read model held in memory, for aggregate tests of any context: tests say who holds which role, which
 * GSP groups have a DNO and what the settlement calendar holds (run schedule, bank holidays, appointment response
 * time-out, final dispute window, change of supplier horizon), instead of projecting ISD events.
 */
public final class FakeIsdQueries implements IsdQueries {

    private final Map<ParticipantId, List<RolePeriodView>> roles = new TreeMap<>();
    private final Map<GspGroupId, GspGroupView> gspGroups = new TreeMap<>();
    private final TreeMap<LocalDate, String> bankHolidays = new TreeMap<>();
    private Map<SettlementRunType, Integer> runSchedule = Map.of();
    private Optional<Duration> appointmentResponseTimeout = Optional.empty();
    private Optional<Integer> finalDisputeWindowMonths = Optional.empty();
    private int changeOfSupplierHorizonDays = MarketCalendar.DEFAULT_CHANGE_OF_SUPPLIER_HORIZON_DAYS;

    public FakeIsdQueries holding(ParticipantId participant, MarketRole role, EffectivePeriod period) {
        roles.computeIfAbsent(participant, id -> new ArrayList<>()).add(new RolePeriodView(role, period));
        return this;
    }

    public FakeIsdQueries withGspGroup(GspGroupId gspGroup, ParticipantId dno) {
        gspGroups.put(gspGroup, new GspGroupView(gspGroup, "GSP group " + gspGroup, dno));
        return this;
    }

    public FakeIsdQueries withAppointmentResponseTimeout(Duration timeout) {
        appointmentResponseTimeout = Optional.of(timeout);
        return this;
    }

    public FakeIsdQueries withRunSchedule(Map<SettlementRunType, Integer> workingDaysAfterSettlementDay) {
        runSchedule = Map.copyOf(workingDaysAfterSettlementDay);
        return this;
    }

    public FakeIsdQueries withBankHoliday(LocalDate date, String name) {
        bankHolidays.put(date, name);
        return this;
    }

    public FakeIsdQueries withFinalDisputeWindow(int months) {
        finalDisputeWindowMonths = Optional.of(months);
        return this;
    }

    public FakeIsdQueries withChangeOfSupplierHorizon(int days) {
        changeOfSupplierHorizonDays = days;
        return this;
    }

    @Override
    public Optional<ParticipantView> findParticipant(ParticipantId participantId) {
        return Optional.ofNullable(roles.get(participantId))
                .map(held -> new ParticipantView(participantId, "Participant " + participantId, held));
    }

    @Override
    public List<ParticipantView> findParticipants(
            Optional<MarketRole> role, Optional<LocalDate> asAt, Optional<ParticipantId> after, int limit) {
        return roles.entrySet().stream()
                .filter(e -> after.map(a -> e.getKey().compareTo(a) > 0).orElse(true))
                .map(e -> new ParticipantView(e.getKey(), "Participant " + e.getKey(), e.getValue()))
                .map(view -> asAt.map(view::rolesAsAt).orElse(view))
                .filter(view -> role.map(r -> view.roles().stream().anyMatch(held -> held.role() == r))
                        .orElse(true))
                .limit(limit)
                .toList();
    }

    @Override
    public Set<MarketRole> findRolesAsAt(ParticipantId participantId, LocalDate date) {
        Set<MarketRole> held = EnumSet.noneOf(MarketRole.class);
        roles.getOrDefault(participantId, List.of()).stream()
                .filter(rolePeriod -> rolePeriod.period().contains(date))
                .forEach(rolePeriod -> held.add(rolePeriod.role()));
        return held;
    }

    @Override
    public List<GspGroupView> findGspGroups() {
        return List.copyOf(gspGroups.values());
    }

    @Override
    public Optional<GspGroupView> findGspGroup(GspGroupId gspGroupId) {
        return Optional.ofNullable(gspGroups.get(gspGroupId));
    }

    @Override
    public Optional<ParticipantId> findDnoOn(GspGroupId gspGroupId, LocalDate day) {
        return findGspGroup(gspGroupId).map(GspGroupView::dnoId);
    }

    @Override
    public List<DnoPeriodView> findDnoHistory(GspGroupId gspGroupId) {
        return findGspGroup(gspGroupId).stream()
                .map(group -> new DnoPeriodView(group.dnoId(), EffectivePeriod.from(LocalDate.of(1900, 1, 1))))
                .toList();
    }

    @Override
    public SettlementCalendarView findSettlementCalendar() {
        return new SettlementCalendarView(
                new TreeMap<>(bankHolidays),
                runSchedule,
                appointmentResponseTimeout,
                finalDisputeWindowMonths,
                changeOfSupplierHorizonDays);
    }
}
