package org.mhhs.backbone.isd;

import java.time.Duration;
import org.mhhs.backbone.kernel.RuleViolation;

/** A service has between one minute and 30 days to answer an appointment request. */
final class AppointmentResponseTimeoutRange {

    static final String RULE = "AppointmentResponseTimeoutRange";
    static final Duration MIN = Duration.ofMinutes(1);
    static final Duration MAX = Duration.ofDays(30);

    private AppointmentResponseTimeoutRange() {}

    static void check(Duration timeout) {
        if (timeout == null || timeout.compareTo(MIN) < 0 || timeout.compareTo(MAX) > 0) {
            throw RuleViolation.invalid(
                    RULE, "timeout", "the time-out " + timeout + " must be between " + MIN + " and " + MAX);
        }
    }
}
