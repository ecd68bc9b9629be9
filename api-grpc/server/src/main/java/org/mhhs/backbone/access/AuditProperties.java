package org.mhhs.backbone.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * deniedCallWindow: how long identical denied calls are gathered into one audit row before one writer thread appends
 * them. deniedCallCapacity: the most distinct denials waiting at once; a denial beyond them is counted in the window's
 * summary row instead. partitionMonthsAhead: how many months after the current one have their audit trail partition
 * ready. partitionCheckInterval: how often a node makes sure they exist (and once at start).
 */
@ConfigurationProperties("hub.audit")
public record AuditProperties(
        @DefaultValue("1s") Duration deniedCallWindow,
        @DefaultValue("1000") int deniedCallCapacity,
        @DefaultValue("2") int partitionMonthsAhead,
        @DefaultValue("6h") Duration partitionCheckInterval) {

    public AuditProperties {
        if (deniedCallWindow.isNegative() || deniedCallWindow.isZero()) {
            throw new IllegalArgumentException("hub.audit.denied-call-window must be positive");
        }
        if (deniedCallCapacity < 1) {
            throw new IllegalArgumentException("hub.audit.denied-call-capacity must be at least 1");
        }
        if (partitionMonthsAhead < 1) {
            throw new IllegalArgumentException("hub.audit.partition-months-ahead must be at least 1");
        }
        if (partitionCheckInterval.isNegative() || partitionCheckInterval.isZero()) {
            throw new IllegalArgumentException("hub.audit.partition-check-interval must be positive");
        }
    }
}
