/**
 * Settlement: allocated volumes, settlement runs and the reproducibility audit (not built yet).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Settlement")
package org.mhhs.backbone.settlement;
