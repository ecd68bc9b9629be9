/**
 * Metering: half-hourly consumption submitted by the appointed data services, versioned per MPAN and settlement day.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Metering")
package org.mhhs.backbone.metering;
