package org.mhhs.backbone.notification;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.notification.api.FeedReaderView;

/**
 * Who receives an event: named participants, every holder of a role, or everyone. Stored with the event as text
 * targets: a participant id ({@code SUPA}), a role ({@code @CENTRAL_SETTLEMENT}) or {@code *}. AUDITOR and OPERATOR
 * read every event whatever its audience, so they are never listed.
 */
record Audience(Set<String> targets) {

    Audience {
        targets = Set.copyOf(targets);
    }

    static Audience everyone() {
        return new Audience(Set.of(FeedReaderView.EVERYONE));
    }

    static Builder of(ParticipantId... participants) {
        Builder builder = new Builder();
        for (ParticipantId participant : participants) {
            builder.and(participant);
        }
        return builder;
    }

    /** The targets in a stable order, as stored. */
    String[] sorted() {
        return new TreeSet<>(targets).toArray(String[]::new);
    }

    static final class Builder {

        private final Set<String> targets = new TreeSet<>();

        Builder and(ParticipantId participant) {
            if (participant != null) {
                targets.add(FeedReaderView.target(participant));
            }
            return this;
        }

        Builder and(Optional<ParticipantId> participant) {
            participant.ifPresent(this::and);
            return this;
        }

        Builder andEvery(MarketRole role) {
            targets.add(FeedReaderView.target(role));
            return this;
        }

        Audience build() {
            return new Audience(targets);
        }
    }
}
