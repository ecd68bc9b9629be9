/**
 * What other contexts and the gRPC layer may use of metering: the submission command, the recorded event, queries.
 */
@org.springframework.modulith.NamedInterface("api")
package org.mhhs.backbone.metering.api;
