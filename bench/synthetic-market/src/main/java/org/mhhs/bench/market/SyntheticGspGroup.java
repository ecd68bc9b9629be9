package org.mhhs.bench.market;

/** A GSP group, its DNO and the distributor id (first two MPAN digits) of its metering points. */
public record SyntheticGspGroup(String id, String name, String dnoId, int distributorId) {}
