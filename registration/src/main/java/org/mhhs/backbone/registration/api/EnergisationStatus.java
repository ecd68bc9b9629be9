package org.mhhs.backbone.registration.api;

public enum EnergisationStatus {
    ENERGISED,
    DE_ENERGISED
}
