package org.mhhs.backbone.notification.api;

import java.util.List;

/**
 * What a reader may see of the feed after a position: the entries, and how far the feed was examined (entries the
 * reader may not see are passed over, so {@code examinedTo} can be beyond the last entry).
 */
public record FeedPageView(List<FeedEntryView> entries, long examinedTo) {

    public FeedPageView {
        entries = List.copyOf(entries);
    }
}
