/**
 * Runtime infrastructure of the hub process: database (embedded or external), schema migrations, Axon wiring.
 */
@ApplicationModule(displayName = "Hub runtime")
package org.mhhs.backbone.hub;

import org.springframework.modulith.ApplicationModule;
