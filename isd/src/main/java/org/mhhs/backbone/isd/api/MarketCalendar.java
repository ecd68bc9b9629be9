package org.mhhs.backbone.isd.api;

/** The market has one settlement calendar; its aggregate identifier. */
public final class MarketCalendar {

    public static final String ID = "GB";

    private MarketCalendar() {}
}
