/**
 * Settlement: allocated volumes per day, period, GSP group and supplier; settlement runs that freeze and publish
 * them; the reproducibility audit that re-derives a run from the event store.
 */
@ApplicationModule(displayName = "Settlement")
package org.mhhs.backbone.settlement;

import org.springframework.modulith.ApplicationModule;
