/** The load generator: an external gRPC client that builds a synthetic market in a hub and measures it. */
package org.mhhs.bench.loadgen;
