/**
 * Runtime infrastructure of the hub process: database (embedded or external), schema migrations, Axon wiring.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Hub runtime")
package org.mhhs.backbone.hub;
