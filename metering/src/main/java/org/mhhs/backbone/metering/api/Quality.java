package org.mhhs.backbone.metering.api;

public enum Quality {
    ACTUAL,
    ESTIMATED
}
