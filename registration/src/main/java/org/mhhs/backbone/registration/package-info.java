/**
 * Registration: metering points, supplier registration and the service appointment process (not built yet).
 */
@ApplicationModule(displayName = "Registration")
package org.mhhs.backbone.registration;

import org.springframework.modulith.ApplicationModule;
