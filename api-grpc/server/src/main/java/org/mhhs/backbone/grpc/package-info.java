/**
 * The gRPC API: services of the v1 contract, authentication and entitlements, mapping of rule violations to statuses.
 */
@org.springframework.modulith.ApplicationModule(displayName = "gRPC API")
package org.mhhs.backbone.grpc;
