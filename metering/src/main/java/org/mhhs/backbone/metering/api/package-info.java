/**
 * What other contexts and the gRPC layer may use of metering: the submission command, the recorded event, queries.
 */
@NamedInterface("api")
@NullMarked
package org.mhhs.backbone.metering.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
