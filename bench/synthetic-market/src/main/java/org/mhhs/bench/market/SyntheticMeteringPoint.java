package org.mhhs.bench.market;

import java.time.LocalDate;
import java.util.List;

/**
 * A metering point with everything needed to register it: its registration, its suppliers over time (the first from
 * {@code registeredFrom}), and the data and metering services the first supplier appoints from {@code registeredFrom}.
 *
 * @param segment {@code SMART}, {@code ADVANCED} or {@code UNMETERED}
 * @param annualWattHours the scale of its consumption over a year
 */
public record SyntheticMeteringPoint(
        int index,
        String mpan,
        String gspGroupId,
        String segment,
        LoadProfile profile,
        long annualWattHours,
        String registrationServiceId,
        LocalDate registeredFrom,
        List<SupplierPeriod> suppliers,
        String dataServiceId,
        String meteringServiceId) {

    public SyntheticMeteringPoint {
        suppliers = List.copyOf(suppliers);
    }

    public String supplierOn(LocalDate day) {
        String supplier = null;
        for (SupplierPeriod period : suppliers) {
            if (!period.from().isAfter(day)) {
                supplier = period.supplierId();
            }
        }
        if (supplier == null) {
            throw new IllegalArgumentException(mpan + " has no supplier on " + day);
        }
        return supplier;
    }
}
