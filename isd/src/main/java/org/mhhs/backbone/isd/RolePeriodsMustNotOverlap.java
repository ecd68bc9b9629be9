package org.mhhs.backbone.isd;

import java.util.List;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;

/** A participant holds a role at most once on any day, so "who is the DNO on date D" has one answer. */
final class RolePeriodsMustNotOverlap {

    static final String RULE = "RolePeriodsMustNotOverlap";

    private RolePeriodsMustNotOverlap() {}

    static void check(
            ParticipantId participant, MarketRole role, EffectivePeriod requested, List<EffectivePeriod> held) {
        held.stream().filter(requested::overlaps).findFirst().ifPresent(conflict -> {
            throw RuleViolation.precondition(
                    RULE,
                    participant + "/" + role + "/" + conflict,
                    participant + " already holds " + role + " for " + conflict + ", which overlaps " + requested);
        });
    }
}
