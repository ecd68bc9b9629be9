/**
 * Metering: half-hourly consumption submitted by the appointed data services (not built yet).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Metering")
package org.mhhs.backbone.metering;
