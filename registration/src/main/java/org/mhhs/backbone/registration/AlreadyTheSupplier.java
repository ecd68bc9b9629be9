package org.mhhs.backbone.registration;

import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;

/** A supplier does not register again for a metering point it already supplies on that day. */
final class AlreadyTheSupplier {

    static final String RULE = "AlreadyTheSupplier";

    private AlreadyTheSupplier() {}

    static void check(Mpan mpan, ParticipantId gaining, LocalDate from, Optional<Tenure> latest) {
        if (latest.isEmpty()) {
            return;
        }
        Tenure current = latest.get();
        if (current.holder().equals(gaining) && current.period().contains(from)) {
            throw RuleViolation.precondition(
                    RULE,
                    mpan + "/" + current.period(),
                    gaining + " is already the supplier of " + mpan + " on " + from + " (" + current.period() + ")");
        }
    }
}
