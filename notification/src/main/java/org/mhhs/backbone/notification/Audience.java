package org.mhhs.backbone.notification;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.notification.api.FeedReaderView;

/**
 * Who receives an event, and the settlement day it was decided for: named participants (the parties in force that
 * day), every holder of a role on that day, or everyone. Stored with the event as text targets (a participant id
 * {@code SUPA}, a role {@code @CENTRAL_SETTLEMENT}, or {@code *}) and the day; a reader holding the role on that day
 * sees an entry addressed to the role (see {@link FeedReaderView#sees}). AUDITOR and OPERATOR read every event
 * whatever its audience, so they are never listed.
 */
record Audience(Set<String> targets, LocalDate day) {

    Audience {
        targets = Set.copyOf(targets);
    }

    /** The parties of an event about the given settlement day: add them with {@link Builder#and}. */
    static Builder on(LocalDate day) {
        return new Builder(day);
    }

    /** The parties of an event without a settlement day of its own: it is about the day it was recorded. */
    static Builder onRecordedDay() {
        return new Builder(null);
    }

    /** Standing data: every participant, whatever the day. */
    static Builder everyone() {
        Builder builder = new Builder(null);
        builder.targets.add(FeedReaderView.EVERYONE);
        return builder;
    }

    /** The targets in a stable order, as stored. */
    String[] sorted() {
        return new TreeSet<>(targets).toArray(String[]::new);
    }

    static final class Builder {

        private final @Nullable LocalDate day;
        private final Set<String> targets = new TreeSet<>();

        private Builder(@Nullable LocalDate day) {
            this.day = day;
        }

        Builder and(@Nullable ParticipantId participant) {
            if (participant != null) {
                targets.add(FeedReaderView.target(participant));
            }
            return this;
        }

        Builder and(Optional<ParticipantId> participant) {
            participant.ifPresent(this::and);
            return this;
        }

        Builder and(Collection<ParticipantId> participants) {
            participants.forEach(this::and);
            return this;
        }

        /** Every holder of the role on the audience's day. */
        Builder andEvery(MarketRole role) {
            targets.add(FeedReaderView.target(role));
            return this;
        }

        /** The audience, about {@code recordedOn} (the day the event was recorded) if it names no day of its own. */
        Audience build(LocalDate recordedOn) {
            return new Audience(targets, day == null ? recordedOn : day);
        }
    }
}
