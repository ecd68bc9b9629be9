package org.mhhs.backbone.isd;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.RuleViolation;

/**
 * Who was a GSP group's DNO on a past day decides who may read that day's consumption and who was sent it: a change
 * of DNO takes effect today at the earliest, never rewriting the past.
 */
final class DnoChangeNotInThePast {

    static final String RULE = "DnoChangeNotInThePast";

    private DnoChangeNotInThePast() {}

    static void check(LocalDate effectiveFrom, LocalDate today) {
        if (effectiveFrom.isBefore(today)) {
            throw RuleViolation.precondition(
                    RULE,
                    effectiveFrom.toString(),
                    "a change of DNO takes effect today (" + today + ") at the earliest, not on " + effectiveFrom);
        }
    }
}
