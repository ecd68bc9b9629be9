package org.mhhs.bench.market;

import java.time.LocalDate;

/** A supplier of a metering point from a day on (until the next period of the same metering point). */
public record SupplierPeriod(String supplierId, LocalDate from) {}
