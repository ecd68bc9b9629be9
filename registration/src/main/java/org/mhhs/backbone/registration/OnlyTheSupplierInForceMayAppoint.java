package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;

/**
 * Only the supplier of a metering point on the day an appointment starts asks a service to take it on. The refusal
 * does not say who supplies the metering point, or whether anyone does: that is not the caller's business.
 */
final class OnlyTheSupplierInForceMayAppoint {

    static final String RULE = "OnlyTheSupplierInForceMayAppoint";

    private OnlyTheSupplierInForceMayAppoint() {}

    static void check(Mpan mpan, ParticipantId caller, LocalDate day, Optional<Tenure> supplier) {
        if (supplier.map(Tenure::holder).filter(caller::equals).isEmpty()) {
            throw RuleViolation.forbidden(
                    RULE, mpan + "/" + day, caller + " is not the supplier of " + mpan + " on " + day);
        }
    }
}
