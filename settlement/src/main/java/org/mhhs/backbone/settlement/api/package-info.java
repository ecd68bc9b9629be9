/**
 * What other contexts and the gRPC layer may use of settlement: the run command, the published results, queries and
 * the audit.
 */
@org.springframework.modulith.NamedInterface("api")
package org.mhhs.backbone.settlement.api;
