package org.mhhs.backbone.notification.api;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * Who reads the feed, and so which entries reach them: a participant sees the entries addressed to everyone, to it,
 * or to a role it held on the entry's settlement day (by its role periods as ISD records them when the reader is
 * made: a role granted today opens no earlier day, one that ended hides no day it covered); an AUDITOR or OPERATOR
 * (by a role held today) sees every entry: a privileged reader, whose reads are recorded.
 *
 * @param roles the roles held today
 * @param rolePeriods every period of every role the participant holds or held
 */
public record FeedReaderView(
        ParticipantId participant, Set<MarketRole> roles, boolean privileged, List<HeldRole> rolePeriods) {

    /** The audience target that addresses every participant. */
    public static final String EVERYONE = "*";

    private static final String ROLE_PREFIX = "@";

    public FeedReaderView {
        roles = Set.copyOf(roles);
        rolePeriods = List.copyOf(rolePeriods);
    }

    /** A period in which the participant holds a role. */
    public record HeldRole(MarketRole role, EffectivePeriod period) {}

    /** The reader of a participant with its role periods, privileged by the roles it holds today. */
    public static FeedReaderView of(ParticipantId participant, List<HeldRole> rolePeriods, LocalDate today) {
        Set<MarketRole> heldToday = EnumSet.noneOf(MarketRole.class);
        rolePeriods.stream().filter(held -> held.period().contains(today)).forEach(held -> heldToday.add(held.role()));
        return new FeedReaderView(
                participant,
                heldToday,
                heldToday.contains(MarketRole.AUDITOR) || heldToday.contains(MarketRole.OPERATOR),
                rolePeriods);
    }

    /** The audience target that addresses one participant: its id. */
    public static String target(ParticipantId participant) {
        return participant.value();
    }

    /** The audience target that addresses every holder of a role on the entry's day: {@code @ROLE}. */
    public static String target(MarketRole role) {
        return ROLE_PREFIX + role.name();
    }

    /** The targets that address this reader whatever the day: everyone and its id. */
    public Set<String> directTargets() {
        return Set.of(EVERYONE, target(participant));
    }

    public boolean holds(MarketRole role, LocalDate day) {
        return rolePeriods.stream()
                .anyMatch(held -> held.role() == role && held.period().contains(day));
    }

    public boolean sees(FeedEntryView entry) {
        if (privileged) {
            return true;
        }
        for (String target : entry.audience()) {
            if (target.equals(EVERYONE) || target.equals(participant.value())) {
                return true;
            }
            if (entry.settlementDay() != null && heldOn(target, entry.settlementDay())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the target is a role this reader held on the day. */
    private boolean heldOn(String target, LocalDate day) {
        return target.startsWith(ROLE_PREFIX)
                && rolePeriods.stream()
                        .anyMatch(held -> target.equals(target(held.role()))
                                && held.period().contains(day));
    }
}
