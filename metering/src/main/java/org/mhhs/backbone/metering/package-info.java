/**
 * Metering: half-hourly consumption submitted by the appointed data services, versioned per MPAN and settlement day.
 */
@ApplicationModule(displayName = "Metering")
package org.mhhs.backbone.metering;

import org.springframework.modulith.ApplicationModule;
