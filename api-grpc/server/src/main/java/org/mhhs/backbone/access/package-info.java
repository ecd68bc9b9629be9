/**
 * Who is calling: participant credentials (kept outside the event store) and the first operator of an empty hub.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access")
package org.mhhs.backbone.access;
