package org.mhhs.backbone.notification.api;

import java.util.Set;

/**
 * One event of the delivery feed: its position, type name (e.g. {@code ConsumptionRecorded}), audience targets and
 * the envelope {@link FeedRenderer} rendered for it.
 */
public record FeedEntryView(long position, String eventType, Set<String> audience, byte[] envelope) {

    public FeedEntryView {
        audience = Set.copyOf(audience);
    }
}
