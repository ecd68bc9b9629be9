package org.mhhs.backbone.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The synthetic market a demo hub is seeded with: unset {@code seed} seeds nothing. Consumption covers the
 * {@code days} settlement days up to yesterday.
 */
@ConfigurationProperties("hub.demo")
record DemoProperties(Long seed, Integer participantsPerRole, Integer meteringPoints, Integer days) {

    DemoProperties {
        participantsPerRole = participantsPerRole == null ? 3 : participantsPerRole;
        meteringPoints = meteringPoints == null ? 50 : meteringPoints;
        days = days == null ? 7 : days;
    }
}
