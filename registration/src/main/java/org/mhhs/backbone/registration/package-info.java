/**
 * Registration: metering points, supplier registration and the service appointment process (not built yet).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registration")
package org.mhhs.backbone.registration;
