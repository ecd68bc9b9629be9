package org.mhhs.backbone.notification.api;

import java.time.LocalDate;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One event of the delivery feed: its position, type name (e.g. {@code ConsumptionRecorded}), audience targets, the
 * settlement day the audience was decided for (role targets reach the holders of the role on that day; null only on
 * an entry published before days were kept and not yet derived again) and the envelope {@link FeedRenderer} rendered
 * for it.
 */
public record FeedEntryView(
        long position,
        String eventType,
        Set<String> audience,
        @Nullable LocalDate settlementDay,
        byte[] envelope) {

    public FeedEntryView {
        audience = Set.copyOf(audience);
    }
}
