/**
 * Notification: the audience of every event and durable participant subscriptions (not built yet).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification")
package org.mhhs.backbone.notification;
