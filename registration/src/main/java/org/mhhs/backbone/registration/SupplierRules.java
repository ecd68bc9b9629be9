package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;

/** At most one supplier per metering point and day; a change of supplier is made ahead of the day it happens. */
final class SupplierRules {

    static final String MUST_HOLD_ROLE = "SupplierMustHoldRole";
    static final String PERIODS_MUST_NOT_OVERLAP = "SupplierPeriodsMustNotOverlap";
    static final String CHANGE_IN_FUTURE = "ChangeOfSupplierMustBeInTheFuture";
    static final String ALREADY_SUPPLIER = "AlreadyTheSupplier";

    private SupplierRules() {}

    static void holdsRole(ParticipantId supplier, LocalDate from, IsdQueries isd) {
        if (!isd.holdsRole(supplier, MarketRole.SUPPLIER, from)) {
            throw RuleViolation.forbidden(
                    MUST_HOLD_ROLE, supplier.value(), supplier + " does not hold the SUPPLIER role on " + from);
        }
    }

    static void registrable(
            Mpan mpan, ParticipantId gaining, LocalDate from, Optional<Tenure> latest, LocalDate today) {
        if (latest.isEmpty()) {
            return;
        }
        Tenure current = latest.get();
        if (!from.isAfter(current.period().from())) {
            throw RuleViolation.precondition(
                    PERIODS_MUST_NOT_OVERLAP,
                    mpan + "/" + current.holder() + "/" + current.period(),
                    current.holder() + " is registered for " + mpan + " for " + current.period()
                            + "; a new registration must start after "
                            + current.period().from());
        }
        if (current.holder().equals(gaining) && current.period().contains(from)) {
            throw RuleViolation.precondition(
                    ALREADY_SUPPLIER,
                    mpan + "/" + current.period(),
                    gaining + " is already the supplier of " + mpan + " on " + from + " (" + current.period() + ")");
        }
        if (!from.isAfter(today)) {
            throw RuleViolation.precondition(
                    CHANGE_IN_FUTURE,
                    mpan + "/" + current.holder(),
                    "a change of supplier of " + mpan + " from " + current.holder() + " must be effective after today ("
                            + today + "), not " + from);
        }
    }
}
