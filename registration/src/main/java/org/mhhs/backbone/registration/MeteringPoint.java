package org.mhhs.backbone.registration;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.registration.api.AcceptServiceAppointment;
import org.mhhs.backbone.registration.api.ChangeMeteringPointDetails;
import org.mhhs.backbone.registration.api.EndServiceAppointment;
import org.mhhs.backbone.registration.api.MeteringPointDetailsChanged;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.RegisterMeteringPoint;
import org.mhhs.backbone.registration.api.RegisterSupplier;
import org.mhhs.backbone.registration.api.RejectServiceAppointment;
import org.mhhs.backbone.registration.api.RequestServiceAppointment;
import org.mhhs.backbone.registration.api.ServiceAppointmentAccepted;
import org.mhhs.backbone.registration.api.ServiceAppointmentEnded;
import org.mhhs.backbone.registration.api.ServiceAppointmentRejected;
import org.mhhs.backbone.registration.api.ServiceAppointmentRequested;
import org.mhhs.backbone.registration.api.ServiceAppointmentTimedOut;
import org.mhhs.backbone.registration.api.ServiceRole;
import org.mhhs.backbone.registration.api.SupplierRegistered;
import org.mhhs.backbone.registration.api.SupplierRegistrationWithdrawn;
import org.mhhs.backbone.registration.api.WithdrawSupplierRegistration;

/**
 * A metering point (MPAN) and the effective-dated timeline of who is responsible for it: its details, its supplier,
 * its data service and its metering service, and the appointment requests awaiting an answer.
 */
@Aggregate
class MeteringPoint {

    static final String RESPONSE_DEADLINE = "appointment-response";
    /** Used when ISD sets no appointment response time-out. */
    static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofDays(2);

    @AggregateIdentifier
    private Mpan mpan;

    private ParticipantId registrationService;
    private LocalDate registeredFrom;
    private final List<MeteringPointDetailsChanged> details = new ArrayList<>();
    private final ResponsibilityTimeline suppliers = new ResponsibilityTimeline();
    private final Map<ServiceRole, ResponsibilityTimeline> services = new EnumMap<>(ServiceRole.class);
    private final Map<UUID, PendingAppointment> pending = new LinkedHashMap<>();
    private final List<UUID> answered = new ArrayList<>();
    private final List<ServiceChange> serviceChanges = new ArrayList<>();

    private MeteringPoint() {
        for (ServiceRole role : ServiceRole.values()) {
            services.put(role, new ResponsibilityTimeline());
        }
    }

    @CommandHandler
    MeteringPoint(RegisterMeteringPoint command, IsdQueries isd) {
        this();
        RegistrationServiceMustHoldRole.check(command.registrationService(), command.effectiveFrom(), isd);
        GspGroupMustBeRegistered.check(command.gspGroupId(), isd);
        apply(new MeteringPointRegistered(
                command.mpan(),
                command.gspGroupId(),
                command.segment(),
                command.energisation(),
                command.effectiveFrom(),
                command.registrationService()));
    }

    @CommandHandler
    void handle(ChangeMeteringPointDetails command, IsdQueries isd) {
        OnlyItsRegistrationServiceMayChangeIt.check(mpan, registrationService, command.requestedBy());
        DetailsChangesInOrder.check(mpan, details.getLast().effectiveFrom(), command.effectiveFrom());
        MeteringPointDetailsChanged current = details.getLast();
        var changed = new MeteringPointDetailsChanged(
                mpan,
                Optional.ofNullable(command.gspGroupId()).orElse(current.gspGroupId()),
                Optional.ofNullable(command.segment()).orElse(current.segment()),
                Optional.ofNullable(command.energisation()).orElse(current.energisation()),
                command.effectiveFrom(),
                command.requestedBy());
        if (changed.gspGroupId().equals(current.gspGroupId())
                && changed.segment() == current.segment()
                && changed.energisation() == current.energisation()) {
            return;
        }
        GspGroupMustBeRegistered.check(changed.gspGroupId(), isd);
        apply(changed);
    }

    @CommandHandler
    void handle(RegisterSupplier command, IsdQueries isd, Clock clock) {
        NotBeforeMeteringPointRegistration.check(
                mpan, registeredFrom, command.effectiveFrom(), "a supplier registration");
        SupplierMustHoldRole.check(command.supplier(), command.effectiveFrom(), isd);
        LocalDate today = SettlementDate.today(clock).date();
        ChangeOfSupplierWithinHorizon.check(
                mpan, command.effectiveFrom(), today, isd.findChangeOfSupplierHorizonDays());
        Optional<Tenure> latest = suppliers.latest();
        SupplierPeriodsMustNotOverlap.check(mpan, command.effectiveFrom(), latest);
        AlreadyTheSupplier.check(mpan, command.supplier(), command.effectiveFrom(), latest);
        ChangeOfSupplierMustBeInTheFuture.check(mpan, command.effectiveFrom(), latest, today);
        Optional<Tenure> losing = suppliers.runningOn(command.effectiveFrom());
        apply(new SupplierRegistered(
                mpan,
                command.supplier(),
                command.effectiveFrom(),
                losing.map(Tenure::holder).orElse(null),
                losing.map(t -> t.period().from()).orElse(null)));
    }

    /** Answers the appointment's id, which the gRPC layer records with the command id for a resent request. */
    @CommandHandler
    void handle(WithdrawSupplierRegistration command, Clock clock) {
        Tenure withdrawn = SupplierRegistrationMustExist.check(
                mpan, command.requestedBy(), command.effectiveFrom(), suppliers.startingOn(command.effectiveFrom()));
        WithdrawalBeforeTheChangeTakesEffect.check(
                mpan, withdrawn, SettlementDate.today(clock).date());
        WithdrawalBeforeServicesAreAppointed.check(mpan, withdrawn, serviceChanges);
        Optional<Tenure> restored = suppliers.before(withdrawn);
        apply(new SupplierRegistrationWithdrawn(
                mpan,
                withdrawn.holder(),
                withdrawn.period().from(),
                restored.map(Tenure::holder).orElse(null),
                restored.map(t -> t.period().from()).orElse(null),
                withdrawn.period().to()));
    }

    @CommandHandler
    UUID handle(RequestServiceAppointment command, IsdQueries isd, Clock clock, DeadlineManager deadlines) {
        if (pending.containsKey(command.appointmentId()) || answered.contains(command.appointmentId())) {
            return command.appointmentId();
        }
        NotBeforeMeteringPointRegistration.check(mpan, registeredFrom, command.effectiveFrom(), "an appointment");
        OnlyTheSupplierInForceMayAppoint.check(
                mpan, command.requestedBy(), command.effectiveFrom(), suppliers.on(command.effectiveFrom()));
        AppointedServiceMustHoldRole.check(command.service(), command.role(), command.effectiveFrom(), isd);
        OneAppointmentRequestPendingPerRole.check(mpan, command.role(), pending);
        Optional<Tenure> latest = services.get(command.role()).latest();
        AppointmentPeriodsMustNotOverlap.check(mpan, command.role(), command.effectiveFrom(), latest);
        AlreadyAppointed.check(mpan, command.role(), command.service(), command.effectiveFrom(), latest);
        Duration timeout =
                isd.findSettlementCalendar().appointmentResponseTimeout().orElse(DEFAULT_RESPONSE_TIMEOUT);
        Instant respondBy = clock.instant().plus(timeout);
        apply(new ServiceAppointmentRequested(
                mpan,
                command.appointmentId(),
                command.role(),
                command.service(),
                command.requestedBy(),
                command.effectiveFrom(),
                respondBy));
        deadlines.schedule(respondBy, RESPONSE_DEADLINE, command.appointmentId());
        return command.appointmentId();
    }

    @CommandHandler
    void handle(AcceptServiceAppointment command) {
        AppointmentMustExist.check(mpan, command.appointmentId(), pending, answered);
        PendingAppointment appointment = AppointmentMustBePending.check(mpan, command.appointmentId(), pending);
        OnlyTheRequestedServiceMayAnswer.check(appointment, command.answeredBy());
        RequestingSupplierMustStillBeInForce.check(mpan, appointment, suppliers.on(appointment.effectiveFrom()));
        ResponsibilityTimeline timeline = services.get(appointment.role());
        AppointmentPeriodsMustNotOverlap.check(
                mpan, appointment.role(), appointment.effectiveFrom(), timeline.latest());
        AlreadyAppointed.check(
                mpan, appointment.role(), appointment.service(), appointment.effectiveFrom(), timeline.latest());
        timeline.runningOn(appointment.effectiveFrom())
                .ifPresent(replaced -> apply(new ServiceAppointmentEnded(
                        mpan,
                        replaced.appointmentId(),
                        appointment.role(),
                        replaced.holder(),
                        replaced.period().from(),
                        appointment.effectiveFrom().minusDays(1),
                        appointment.supplier())));
        apply(new ServiceAppointmentAccepted(
                mpan,
                appointment.appointmentId(),
                appointment.role(),
                appointment.service(),
                appointment.supplier(),
                appointment.effectiveFrom()));
    }

    @CommandHandler
    void handle(RejectServiceAppointment command) {
        AppointmentMustExist.check(mpan, command.appointmentId(), pending, answered);
        PendingAppointment appointment = AppointmentMustBePending.check(mpan, command.appointmentId(), pending);
        OnlyTheRequestedServiceMayAnswer.check(appointment, command.answeredBy());
        apply(new ServiceAppointmentRejected(
                mpan,
                appointment.appointmentId(),
                appointment.role(),
                appointment.service(),
                appointment.supplier(),
                command.reason()));
    }

    @CommandHandler
    void handle(EndServiceAppointment command) {
        OnlyTheSupplierInForceMayEndAnAppointment.check(
                mpan, command.requestedBy(), command.lastDay(), suppliers.on(command.lastDay()));
        Tenure appointed = AppointmentMustBeInForceOnLastDay.check(
                mpan,
                command.role(),
                command.lastDay(),
                services.get(command.role()).on(command.lastDay()));
        if (appointed.period().toDate().filter(command.lastDay()::equals).isPresent()) {
            return;
        }
        apply(new ServiceAppointmentEnded(
                mpan,
                appointed.appointmentId(),
                command.role(),
                appointed.holder(),
                appointed.period().from(),
                command.lastDay(),
                command.requestedBy()));
    }

    @DeadlineHandler(deadlineName = RESPONSE_DEADLINE)
    void onResponseDeadline(UUID appointmentId) {
        PendingAppointment appointment = pending.get(appointmentId);
        if (appointment != null) {
            apply(new ServiceAppointmentTimedOut(
                    mpan, appointmentId, appointment.role(), appointment.service(), appointment.supplier()));
        }
    }

    @EventSourcingHandler
    void on(MeteringPointRegistered event) {
        mpan = event.mpan();
        registrationService = event.registrationService();
        registeredFrom = event.effectiveFrom();
        details.add(new MeteringPointDetailsChanged(
                event.mpan(),
                event.gspGroupId(),
                event.segment(),
                event.energisation(),
                event.effectiveFrom(),
                event.registrationService()));
    }

    @EventSourcingHandler
    void on(MeteringPointDetailsChanged event) {
        details.add(event);
    }

    @EventSourcingHandler
    void on(SupplierRegistered event) {
        suppliers.start(event.supplier(), event.effectiveFrom(), null);
    }

    @EventSourcingHandler
    void on(SupplierRegistrationWithdrawn event) {
        suppliers
                .startingOn(event.effectiveFrom())
                .filter(tenure -> tenure.holder().equals(event.supplier()))
                .ifPresent(suppliers::withdraw);
    }

    @EventSourcingHandler
    void on(ServiceAppointmentRequested event) {
        pending.put(
                event.appointmentId(),
                new PendingAppointment(
                        event.appointmentId(), event.role(), event.service(), event.supplier(), event.effectiveFrom()));
    }

    @EventSourcingHandler
    void on(ServiceAppointmentAccepted event) {
        answer(event.appointmentId());
        services.get(event.role()).start(event.service(), event.effectiveFrom(), event.appointmentId());
        serviceChanges.add(new ServiceChange(
                event.supplier(), event.role(), ServiceChange.Change.APPOINTED_FROM, event.effectiveFrom()));
    }

    @EventSourcingHandler
    void on(ServiceAppointmentRejected event) {
        answer(event.appointmentId());
    }

    @EventSourcingHandler
    void on(ServiceAppointmentTimedOut event) {
        answer(event.appointmentId());
    }

    @EventSourcingHandler
    void on(ServiceAppointmentEnded event) {
        ResponsibilityTimeline timeline = services.get(event.role());
        timeline.tenures().stream()
                .filter(t -> event.appointmentId().equals(t.appointmentId()))
                .findFirst()
                .ifPresent(tenure -> timeline.end(tenure, event.lastDay()));
        serviceChanges.add(
                new ServiceChange(event.endedBy(), event.role(), ServiceChange.Change.ENDED_ON, event.lastDay()));
    }

    private void answer(UUID appointmentId) {
        pending.remove(appointmentId);
        answered.add(appointmentId);
    }
}
