package org.mhhs.backbone.grpc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.mhhs.backbone.isd.api.DnoPeriodView;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.AppointmentView;
import org.mhhs.backbone.registration.api.DetailsView;
import org.mhhs.backbone.registration.api.MeteringPointView;
import org.mhhs.backbone.registration.api.RegistrationQueries;
import org.mhhs.backbone.registration.api.TimelineEntryView;
import org.springframework.stereotype.Component;

/**
 * Who may read which settlement day of a metering point: the one rule behind every read of registration, metering and
 * settlement data (docs/adr/0009). A caller sees the days of its relation to the MPAN: the days it was its supplier,
 * its data service or its metering service (accepted appointments, up to their last day), the days the MPAN lay in a
 * GSP group whose DNO it was, and the days of its CENTRAL_SETTLEMENT role periods; the MPAN's registration service, and
 * OPERATOR and AUDITOR (held today), see every day. A caller refused learns nothing: one reason, one message, no
 * participant named, the same whether the data exists or not.
 */
@Component
public class DataEntitlement {

    public static final String RULE = "NotEntitledToTheData";

    private final RegistrationQueries registration;
    private final IsdQueries isd;
    private final CallerRoles roles;

    DataEntitlement(RegistrationQueries registration, IsdQueries isd, CallerRoles roles) {
        this.registration = registration;
        this.isd = isd;
        this.roles = roles;
    }

    /** What the caller may see of a registered metering point: the days, and what of its registration they show. */
    public record MeteringPointAccess(MeteringPointView point, List<TimelineEntryView> timeline, EntitledDays days) {

        /** Each supplier and service period, cut to the caller's days (its own periods are its days). */
        public List<TimelineEntryView> visibleTimeline() {
            return timeline.stream()
                    .flatMap(entry -> days.clip(entry.period()).stream()
                            .map(part -> new TimelineEntryView(entry.role(), entry.participant(), part)))
                    .toList();
        }

        /** The details in force on the caller's days, each with the days it shows them for. */
        public List<DatedDetails> visibleDetails() {
            return detailsPeriods(point).stream()
                    .flatMap(dated ->
                            days.clip(dated.period()).stream().map(part -> new DatedDetails(part, dated.details())))
                    .toList();
        }
    }

    /** Details of a metering point and the days they are in force. */
    public record DatedDetails(EffectivePeriod period, DetailsView details) {}

    /** OPERATOR and AUDITOR, held today, read the whole market, and learn what exists and what does not. */
    public boolean readsWholeMarket(ParticipantId caller) {
        return roles.holdsAnyToday(caller, MarketRole.OPERATOR, MarketRole.AUDITOR);
    }

    /**
     * The metering point as the caller may see it; refused when it may see no day of it. For OPERATOR and AUDITOR an
     * MPAN not registered is not found; for anyone else it is refused like a metering point of strangers.
     */
    public MeteringPointAccess meteringPoint(ParticipantId caller, Mpan mpan) {
        boolean wholeMarket = readsWholeMarket(caller);
        MeteringPointView point = registration
                .findMeteringPoint(mpan)
                .orElseThrow(() -> wholeMarket
                        ? RuleViolation.notFound(
                                "MeteringPointMustBeRegistered",
                                mpan.value(),
                                "metering point " + mpan + " is not registered")
                        : refusal("metering point " + mpan));
        List<TimelineEntryView> timeline = registration.findTimeline(mpan);
        EntitledDays days = wholeMarket ? EntitledDays.ALL : daysOf(caller, point, timeline);
        if (days.isEmpty()) {
            throw refusal("metering point " + mpan);
        }
        return new MeteringPointAccess(point, timeline, days);
    }

    /** Refuses the caller a settlement day of a metering point that is not one of its days. */
    public void checkDay(ParticipantId caller, Mpan mpan, LocalDate day) {
        if (readsWholeMarket(caller)) {
            return;
        }
        boolean entitled = registration
                .findMeteringPoint(mpan)
                .map(point -> daysOf(caller, point, registration.findTimeline(mpan)))
                .filter(days -> days.contains(day))
                .isPresent();
        if (!entitled) {
            throw refusal("metering point " + mpan + " on " + day);
        }
    }

    /**
     * The appointment for the supplier that requested it, the service requested, OPERATOR and AUDITOR; anyone else
     * is refused, also for an id that does not exist.
     */
    public Optional<AppointmentView> appointment(
            ParticipantId caller, UUID appointmentId, Optional<AppointmentView> found) {
        if (readsWholeMarket(caller)) {
            return found;
        }
        return Optional.of(
                found.filter(a -> a.supplier().equals(caller) || a.service().equals(caller))
                        .orElseThrow(() -> refusal("appointment " + appointmentId)));
    }

    /** A participant lists the metering points it serves itself; OPERATOR and AUDITOR those of anyone. */
    public void checkServedBy(ParticipantId caller, ParticipantId participant) {
        if (!participant.equals(caller) && !readsWholeMarket(caller)) {
            throw refusal("the metering points another participant serves");
        }
    }

    /** Every cell of a day's allocation: OPERATOR, AUDITOR, and CENTRAL_SETTLEMENT within its role periods. */
    public boolean seesWholeAllocationOn(ParticipantId caller, LocalDate day) {
        return readsWholeMarket(caller)
                || roles.periodsOf(caller, MarketRole.CENTRAL_SETTLEMENT).stream()
                        .anyMatch(period -> period.contains(day));
    }

    /** The GSP groups whose DNO the caller was on the day. */
    public Set<GspGroupId> dnoGroupsOn(ParticipantId caller, LocalDate day) {
        return isd.findGspGroupsOfDnoOn(caller, day);
    }

    /** The one refusal of a read: names what was asked for, never who holds it or whether it exists. */
    public static RuleViolation refusal(String what) {
        return RuleViolation.forbidden(RULE, what, "the caller is not entitled to " + what);
    }

    private EntitledDays daysOf(ParticipantId caller, MeteringPointView point, List<TimelineEntryView> timeline) {
        if (point.registrationService().equals(caller)) {
            return EntitledDays.ALL;
        }
        List<EffectivePeriod> periods = new ArrayList<>();
        timeline.stream()
                .filter(entry -> entry.participant().equals(caller))
                .forEach(entry -> periods.add(entry.period()));
        periods.addAll(dnoDays(caller, point));
        periods.addAll(roles.periodsOf(caller, MarketRole.CENTRAL_SETTLEMENT));
        return EntitledDays.union(periods);
    }

    /** The days the metering point lay in a GSP group while the caller was that group's DNO. */
    private List<EffectivePeriod> dnoDays(ParticipantId caller, MeteringPointView point) {
        Map<GspGroupId, List<DnoPeriodView>> histories = new HashMap<>();
        List<EffectivePeriod> days = new ArrayList<>();
        for (DatedDetails dated : detailsPeriods(point)) {
            histories.computeIfAbsent(dated.details().gspGroupId(), isd::findDnoHistory).stream()
                    .filter(dno -> dno.dnoId().equals(caller))
                    .forEach(dno -> EntitledDays.intersection(dno.period(), dated.period())
                            .ifPresent(days::add));
        }
        return days;
    }

    /** Each details entry runs until the day before the next one. */
    private static List<DatedDetails> detailsPeriods(MeteringPointView point) {
        return EffectivePeriod.consecutive(point.details(), DetailsView::effectiveFrom).stream()
                .map(dated -> new DatedDetails(dated.getValue(), dated.getKey()))
                .toList();
    }
}
