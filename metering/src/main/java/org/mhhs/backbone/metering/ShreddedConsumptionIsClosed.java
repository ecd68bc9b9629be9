package org.mhhs.backbone.metering;

import java.util.List;
import java.util.Optional;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.metering.api.SubmitConsumption;

/**
 * A day whose readings were shredded is closed to revisions: nothing could tell a revision from a repetition, and
 * settlement could not take it out.
 */
final class ShreddedConsumptionIsClosed {

    static final String RULE = "ShreddedConsumptionIsClosed";

    private ShreddedConsumptionIsClosed() {}

    /** The readings of the latest version, which a revision is compared with (none can be opened after a shred). */
    static List<SubmitConsumption.Reading> check(
            Optional<List<SubmitConsumption.Reading>> latest, String consumptionDayId) {
        return latest.orElseThrow(() -> RuleViolation.precondition(
                RULE,
                consumptionDayId,
                "the consumption of " + consumptionDayId + " was shredded: it can no longer be revised"));
    }
}
