package org.mhhs.backbone.notification.api;

import java.util.HashSet;
import java.util.Set;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * Who reads the feed, and so which entries reach them: a participant sees the entries addressed to it, to a role it
 * holds, or to everyone; an AUDITOR or OPERATOR sees every entry (a privileged reader, whose reads are recorded).
 *
 * @param targets the audience targets that address this reader (its id, {@code @ROLE} for each role, {@code *})
 */
public record FeedReaderView(
        ParticipantId participant, Set<MarketRole> roles, boolean privileged, Set<String> targets) {

    /** The audience target that addresses every participant. */
    public static final String EVERYONE = "*";

    public FeedReaderView {
        roles = Set.copyOf(roles);
        targets = Set.copyOf(targets);
    }

    /** A reader with the given current roles. */
    public static FeedReaderView of(ParticipantId participant, Set<MarketRole> roles) {
        Set<String> targets = new HashSet<>();
        targets.add(EVERYONE);
        targets.add(target(participant));
        roles.forEach(role -> targets.add(target(role)));
        return new FeedReaderView(
                participant, roles, roles.contains(MarketRole.AUDITOR) || roles.contains(MarketRole.OPERATOR), targets);
    }

    /** The audience target that addresses one participant: its id. */
    public static String target(ParticipantId participant) {
        return participant.value();
    }

    /** The audience target that addresses every holder of a role: {@code @ROLE}. */
    public static String target(MarketRole role) {
        return "@" + role.name();
    }

    public boolean sees(FeedEntryView entry) {
        if (privileged) {
            return true;
        }
        for (String target : entry.audience()) {
            if (targets.contains(target)) {
                return true;
            }
        }
        return false;
    }
}
