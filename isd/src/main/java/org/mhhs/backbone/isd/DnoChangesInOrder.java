package org.mhhs.backbone.isd;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.kernel.RuleViolation;

/** A GSP group's DNO periods follow one another: a change starts after the last change already scheduled. */
final class DnoChangesInOrder {

    static final String RULE = "DnoChangesInOrder";

    private DnoChangesInOrder() {}

    static void check(LocalDate effectiveFrom, @Nullable LocalDate lastChangeFrom) {
        if (lastChangeFrom != null && !effectiveFrom.isAfter(lastChangeFrom)) {
            throw RuleViolation.precondition(
                    RULE,
                    effectiveFrom.toString(),
                    "the GSP group's DNO already changes on " + lastChangeFrom
                            + "; a further change must start after it");
        }
    }
}
