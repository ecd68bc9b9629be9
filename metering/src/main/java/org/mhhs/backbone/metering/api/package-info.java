/**
 * What other contexts and the gRPC layer may use of metering: the submission command, the recorded event, queries.
 */
@org.springframework.modulith.NamedInterface("api")
@NullMarked
package org.mhhs.backbone.metering.api;

import org.jspecify.annotations.NullMarked;
