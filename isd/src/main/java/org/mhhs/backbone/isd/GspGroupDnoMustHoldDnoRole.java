package org.mhhs.backbone.isd;

import java.time.Clock;
import java.time.LocalDate;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.kernel.SettlementDate;

/** Consumption of a GSP group is reported to its DNO, so the DNO named must hold the DNO role today. */
final class GspGroupDnoMustHoldDnoRole {

    static final String RULE = "GspGroupDnoMustHoldDnoRole";

    private GspGroupDnoMustHoldDnoRole() {}

    static void check(ParticipantId dnoId, IsdQueries isd, Clock clock) {
        LocalDate today = SettlementDate.today(clock).date();
        if (!isd.holdsRole(dnoId, MarketRole.DNO, today)) {
            throw RuleViolation.precondition(RULE, dnoId.toString(), dnoId + " does not hold the DNO role on " + today);
        }
    }
}
