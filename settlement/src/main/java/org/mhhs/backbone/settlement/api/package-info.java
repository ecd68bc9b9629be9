/**
 * What other contexts and the gRPC layer may use of settlement: the run command, the published results, queries and
 * the audit.
 */
@NamedInterface("api")
@NullMarked
package org.mhhs.backbone.settlement.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
