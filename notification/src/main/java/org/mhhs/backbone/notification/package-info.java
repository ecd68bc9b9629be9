/**
 * Notification: the audience of every event (the routing table) and the delivery feed that durable participant
 * subscriptions read.
 */
@ApplicationModule(displayName = "Notification")
package org.mhhs.backbone.notification;

import org.springframework.modulith.ApplicationModule;
