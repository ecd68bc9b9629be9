/**
 * What other contexts and the gRPC layer may use of registration: commands, events and the timeline queries.
 */
@NamedInterface("api")
@NullMarked
package org.mhhs.backbone.registration.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
