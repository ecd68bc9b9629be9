package org.mhhs.backbone.isd.api;

/** The market has one settlement calendar; its aggregate identifier. */
public final class MarketCalendar {

    public static final String ID = "GB";

    /**
     * How many days after today a supplier registration may at most take effect while ISD sets no horizon: the lead
     * time GB registration has long allowed between a registration request and its supply start date.
     */
    public static final int DEFAULT_CHANGE_OF_SUPPLIER_HORIZON_DAYS = 28;

    private MarketCalendar() {}
}
