/**
 * What other contexts and the gRPC layer may use of ISD: its commands, its events and its query interface.
 */
@org.springframework.modulith.NamedInterface("api")
package org.mhhs.backbone.isd.api;
