package org.mhhs.backbone.registration.api;

import org.mhhs.backbone.kernel.MarketRole;

/** The services a supplier appoints for its metering point. */
public enum ServiceRole {
    DATA_SERVICE(MarketRole.DATA_SERVICE),
    METERING_SERVICE(MarketRole.METERING_SERVICE);

    private final MarketRole marketRole;

    ServiceRole(MarketRole marketRole) {
        this.marketRole = marketRole;
    }

    public MarketRole marketRole() {
        return marketRole;
    }
}
