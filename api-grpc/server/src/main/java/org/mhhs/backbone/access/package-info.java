/**
 * Who is calling: participant credentials (kept outside the event store) and the first operator of an empty hub.
 */
@ApplicationModule(displayName = "Access")
package org.mhhs.backbone.access;

import org.springframework.modulith.ApplicationModule;
