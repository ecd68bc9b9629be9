package org.mhhs.backbone.registration;

/** The event processor that keeps the registration read models; replaying it rebuilds them. */
final class RegistrationProcessingGroup {

    static final String NAME = "registration";

    private RegistrationProcessingGroup() {}
}
