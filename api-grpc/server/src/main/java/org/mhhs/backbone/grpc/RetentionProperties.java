package org.mhhs.backbone.grpc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the hub keeps and for how long (README "Retention"). commandIds: how long a command id protects against a
 * resend (after it, the same id is a new command). subscriptionIdle: how long a named subscription is kept that no
 * stream has opened or acknowledged on. onlineMonths: how many UTC months of the audit trail and of the privileged
 * reads stay in their tables (the current one included) before older months are moved to the archive schema.
 * interval: how often the retention job runs (on one node at a time). batchSize: rows deleted per statement.
 */
@ConfigurationProperties("hub.retention")
public record RetentionProperties(
        @DefaultValue("7d") Duration commandIds,
        @DefaultValue("90d") Duration subscriptionIdle,
        @DefaultValue("13") int onlineMonths,
        @DefaultValue("10m") Duration interval,
        @DefaultValue("10000") int batchSize) {

    public RetentionProperties {
        if (commandIds.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("hub.retention.command-ids must be at least an hour");
        }
        if (subscriptionIdle.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("hub.retention.subscription-idle must be at least an hour");
        }
        if (onlineMonths < 2) {
            throw new IllegalArgumentException("hub.retention.online-months must be at least 2");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("hub.retention.interval must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("hub.retention.batch-size must be at least 1");
        }
    }
}
