/**
 * What other contexts and the gRPC layer may use of disputes: its commands, its events and its query interface.
 */
@NamedInterface("api")
@NullMarked
package org.mhhs.backbone.disputes.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
