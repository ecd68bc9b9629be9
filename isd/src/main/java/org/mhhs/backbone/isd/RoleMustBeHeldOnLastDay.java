package org.mhhs.backbone.isd;

import java.time.LocalDate;
import java.util.List;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;

/** A revocation ends the role period that contains its last day; there must be one. */
final class RoleMustBeHeldOnLastDay {

    static final String RULE = "RoleMustBeHeldOnLastDay";

    private RoleMustBeHeldOnLastDay() {}

    static EffectivePeriod check(
            ParticipantId participant, MarketRole role, LocalDate lastDay, List<EffectivePeriod> held) {
        return held.stream()
                .filter(period -> period.contains(lastDay))
                .findFirst()
                .orElseThrow(() -> RuleViolation.precondition(
                        RULE,
                        participant + "/" + role,
                        participant + " does not hold " + role + " on " + lastDay
                                + (held.isEmpty() ? " (it never held it)" : "; its periods of that role are " + held)));
    }
}
