/**
 * What the notification context offers the API layer: the delivery feed (each event once, in delivery order, with
 * its audience), who may read what, and the durable acknowledgements of named subscriptions.
 */
@NamedInterface("api")
@NullMarked
package org.mhhs.backbone.notification.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
