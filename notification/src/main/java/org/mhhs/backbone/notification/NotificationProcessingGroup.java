package org.mhhs.backbone.notification;

/**
 * The event processor that publishes the delivery feed. It must have exactly one segment: its single writer is what
 * makes feed positions visible strictly in order. It is never replayed (the feed is what subscribers acknowledged).
 */
final class NotificationProcessingGroup {

    static final String NAME = "notification";

    private NotificationProcessingGroup() {}
}
