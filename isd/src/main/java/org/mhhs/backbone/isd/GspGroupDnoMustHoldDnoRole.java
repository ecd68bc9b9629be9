package org.mhhs.backbone.isd;

import java.time.Clock;
import java.time.LocalDate;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.kernel.SettlementDate;

/** Consumption of a GSP group is reported to its DNO, so the DNO named must hold the DNO role from its first day. */
final class GspGroupDnoMustHoldDnoRole {

    static final String RULE = "GspGroupDnoMustHoldDnoRole";

    private GspGroupDnoMustHoldDnoRole() {}

    static void check(ParticipantId dnoId, IsdQueries isd, Clock clock) {
        check(dnoId, isd, SettlementDate.today(clock).date());
    }

    static void check(ParticipantId dnoId, IsdQueries isd, LocalDate firstDay) {
        if (!isd.holdsRole(dnoId, MarketRole.DNO, firstDay)) {
            throw RuleViolation.precondition(
                    RULE, dnoId.toString(), dnoId + " does not hold the DNO role on " + firstDay);
        }
    }
}
