package org.mhhs.backbone.registration;

import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/** A change of supplier between request and answer voids the losing supplier's appointment request. */
final class RequestingSupplierMustStillBeInForce {

    static final String RULE = "RequestingSupplierMustStillBeInForce";

    private RequestingSupplierMustStillBeInForce() {}

    static void check(Mpan mpan, PendingAppointment appointment, Optional<Tenure> supplier) {
        if (supplier.map(Tenure::holder).filter(appointment.supplier()::equals).isEmpty()) {
            throw RuleViolation.precondition(
                    RULE,
                    appointment.appointmentId().toString(),
                    "the supplier that asked for appointment " + appointment.appointmentId()
                            + " is no longer the supplier of " + mpan + " on " + appointment.effectiveFrom());
        }
    }
}
