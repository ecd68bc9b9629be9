package org.mhhs.backbone.registration;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/** Nothing about a metering point takes effect before the day it was registered from. */
final class NotBeforeMeteringPointRegistration {

    static final String RULE = "NotBeforeMeteringPointRegistration";

    private NotBeforeMeteringPointRegistration() {}

    static void check(Mpan mpan, LocalDate registeredFrom, LocalDate day, String what) {
        if (day.isBefore(registeredFrom)) {
            throw RuleViolation.precondition(
                    RULE,
                    mpan + "/" + registeredFrom,
                    what + " from " + day + " is before " + mpan + " was registered (" + registeredFrom + ")");
        }
    }
}
