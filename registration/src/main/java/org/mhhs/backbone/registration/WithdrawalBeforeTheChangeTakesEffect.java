package org.mhhs.backbone.registration;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/**
 * A supplier registration can be withdrawn only before its first day: once in force, only a change of supplier ends
 * it.
 */
final class WithdrawalBeforeTheChangeTakesEffect {

    static final String RULE = "WithdrawalBeforeTheChangeTakesEffect";

    private WithdrawalBeforeTheChangeTakesEffect() {}

    static void check(Mpan mpan, Tenure registration, LocalDate today) {
        LocalDate from = registration.period().from();
        if (!from.isAfter(today)) {
            throw RuleViolation.precondition(
                    RULE,
                    mpan + "/" + from,
                    "the supplier registration of " + registration.holder() + " for " + mpan + " took effect on " + from
                            + "; it can be withdrawn only before that day (today is " + today + ")");
        }
    }
}
