package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.ServiceRole;

/** The appointment process: the supplier in force asks, the requested service answers, one service a day per role. */
final class AppointmentRules {

    static final String ONLY_SUPPLIER_IN_FORCE = "OnlyTheSupplierInForceMayAppoint";
    static final String SERVICE_MUST_HOLD_ROLE = "AppointedServiceMustHoldRole";
    static final String ONE_PENDING_PER_ROLE = "OneAppointmentRequestPendingPerRole";
    static final String PERIODS_MUST_NOT_OVERLAP = "AppointmentPeriodsMustNotOverlap";
    static final String ALREADY_APPOINTED = "AlreadyAppointed";
    static final String MUST_EXIST = "AppointmentMustExist";
    static final String ONLY_REQUESTED_SERVICE = "OnlyTheRequestedServiceMayAnswer";
    static final String MUST_BE_PENDING = "AppointmentMustBePending";
    static final String ONLY_SUPPLIER_MAY_END = "OnlyTheSupplierInForceMayEndAnAppointment";
    static final String IN_FORCE_ON_LAST_DAY = "AppointmentMustBeInForceOnLastDay";
    static final String REQUESTING_SUPPLIER_STILL_IN_FORCE = "RequestingSupplierMustStillBeInForce";

    private AppointmentRules() {}

    static void supplierInForce(
            Mpan mpan, ParticipantId caller, LocalDate day, Optional<Tenure> supplier, String rule) {
        if (supplier.map(Tenure::holder).filter(caller::equals).isEmpty()) {
            throw RuleViolation.forbidden(
                    rule,
                    mpan + "/" + day,
                    caller + " is not the supplier of " + mpan + " on " + day
                            + supplier.map(t -> " (" + t.holder() + " is)").orElse(" (no supplier is registered)"));
        }
    }

    static void serviceHoldsRole(ParticipantId service, ServiceRole role, LocalDate day, IsdQueries isd) {
        if (!isd.holdsRole(service, role.marketRole(), day)) {
            throw RuleViolation.precondition(
                    SERVICE_MUST_HOLD_ROLE,
                    service.value(),
                    service + " does not hold " + role.marketRole() + " on " + day);
        }
    }

    static void nonePending(Mpan mpan, ServiceRole role, Map<UUID, PendingAppointment> pending) {
        pending.values().stream().filter(p -> p.role() == role).findFirst().ifPresent(p -> {
            throw RuleViolation.precondition(
                    ONE_PENDING_PER_ROLE,
                    p.appointmentId().toString(),
                    "the " + role + " appointment " + p.appointmentId() + " of " + p.service() + " for " + mpan
                            + " is still awaiting an answer");
        });
    }

    static void startsAfterLatest(
            Mpan mpan, ServiceRole role, ParticipantId service, LocalDate from, Optional<Tenure> latest) {
        if (latest.isEmpty()) {
            return;
        }
        Tenure current = latest.get();
        if (!from.isAfter(current.period().from())) {
            throw RuleViolation.precondition(
                    PERIODS_MUST_NOT_OVERLAP,
                    mpan + "/" + current.holder() + "/" + current.period(),
                    current.holder() + " is appointed " + role + " of " + mpan + " for " + current.period()
                            + "; a new appointment must start after "
                            + current.period().from());
        }
        if (current.holder().equals(service) && current.period().contains(from)) {
            throw RuleViolation.precondition(
                    ALREADY_APPOINTED,
                    mpan + "/" + current.period(),
                    service + " is already appointed " + role + " of " + mpan + " on " + from);
        }
    }

    static PendingAppointment pending(
            Mpan mpan, UUID appointmentId, Map<UUID, PendingAppointment> pending, boolean known) {
        PendingAppointment appointment = pending.get(appointmentId);
        if (appointment == null) {
            throw known
                    ? RuleViolation.precondition(
                            MUST_BE_PENDING,
                            appointmentId.toString(),
                            "appointment " + appointmentId + " of " + mpan
                                    + " was already answered, timed out or ended")
                    : RuleViolation.notFound(
                            MUST_EXIST,
                            appointmentId.toString(),
                            "there is no appointment " + appointmentId + " for " + mpan);
        }
        return appointment;
    }

    static void requestedService(PendingAppointment appointment, ParticipantId caller) {
        if (!appointment.service().equals(caller)) {
            throw RuleViolation.forbidden(
                    ONLY_REQUESTED_SERVICE,
                    appointment.appointmentId().toString(),
                    "appointment " + appointment.appointmentId() + " was requested of " + appointment.service()
                            + ", not of " + caller);
        }
    }

    /** A change of supplier between request and answer voids the losing supplier's request. */
    static void requestingSupplierStillInForce(Mpan mpan, PendingAppointment appointment, Optional<Tenure> supplier) {
        if (supplier.map(Tenure::holder).filter(appointment.supplier()::equals).isEmpty()) {
            throw RuleViolation.precondition(
                    REQUESTING_SUPPLIER_STILL_IN_FORCE,
                    appointment.appointmentId().toString(),
                    appointment.supplier() + " asked for appointment " + appointment.appointmentId()
                            + " but is no longer" + " the supplier of " + mpan + " on " + appointment.effectiveFrom());
        }
    }

    static Tenure inForceOn(Mpan mpan, ServiceRole role, LocalDate lastDay, Optional<Tenure> tenure) {
        return tenure.orElseThrow(() -> RuleViolation.precondition(
                IN_FORCE_ON_LAST_DAY,
                mpan + "/" + role,
                "no " + role + " is appointed for " + mpan + " on " + lastDay));
    }
}
