package org.mhhs.backbone.registration.api;

public enum MarketSegment {
    SMART,
    ADVANCED,
    UNMETERED
}
