/**
 * What other contexts and the gRPC layer may use of ISD: its commands, its events and its query interface.
 */
@NamedInterface("api")
@NullMarked
package org.mhhs.backbone.isd.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
