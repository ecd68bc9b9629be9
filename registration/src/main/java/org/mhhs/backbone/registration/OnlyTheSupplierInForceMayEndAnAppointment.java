package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;

/** Only the supplier of a metering point on an appointment's last day ends it; the refusal names no supplier. */
final class OnlyTheSupplierInForceMayEndAnAppointment {

    static final String RULE = "OnlyTheSupplierInForceMayEndAnAppointment";

    private OnlyTheSupplierInForceMayEndAnAppointment() {}

    static void check(Mpan mpan, ParticipantId caller, LocalDate lastDay, Optional<Tenure> supplier) {
        if (supplier.map(Tenure::holder).filter(caller::equals).isEmpty()) {
            throw RuleViolation.forbidden(
                    RULE, mpan + "/" + lastDay, caller + " is not the supplier of " + mpan + " on " + lastDay);
        }
    }
}
