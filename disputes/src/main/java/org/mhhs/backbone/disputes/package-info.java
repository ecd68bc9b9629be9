/**
 * Disputes: a supplier disputes the figures of a settlement day and the operator resolves the dispute. The smallest
 * complete bounded context of the hub, and the template for a new one (README, "Adding a bounded context").
 */
@ApplicationModule(displayName = "Disputes")
package org.mhhs.backbone.disputes;

import org.springframework.modulith.ApplicationModule;
