package org.mhhs.backbone.registration;

import java.time.LocalDate;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;

/** A change of a metering point's details takes effect after its latest change, never before or on the same day. */
final class DetailsChangesInOrder {

    static final String RULE = "DetailsChangesInOrder";

    private DetailsChangesInOrder() {}

    static void check(Mpan mpan, LocalDate latestChange, LocalDate day) {
        if (!day.isAfter(latestChange)) {
            throw RuleViolation.precondition(
                    RULE,
                    mpan + "/" + latestChange,
                    "the details of " + mpan + " already change on " + latestChange
                            + "; a further change must be effective after that day, not " + day);
        }
    }
}
