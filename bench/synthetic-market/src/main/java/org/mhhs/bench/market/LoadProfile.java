package org.mhhs.bench.market;

/** The daily shape a metering point's consumption follows. */
public enum LoadProfile {
    /** Low at night, a morning peak and a larger evening peak; more at weekends during the day. */
    DOMESTIC,
    /** Working hours on weekdays, a low base load at night and at weekends. */
    SMALL_BUSINESS,
    /** Street lighting: on from dusk to dawn, nothing by day. */
    UNMETERED_LIGHTING
}
