package org.mhhs.backbone.hub;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the hub process.
 *
 * dataDir: where the hub keeps its files (embedded database, operator token).
 * schemas: the PostgreSQL schemas, one per context plus Axon's and access's, each migrated from classpath:db/NAME.
 */
@ConfigurationProperties("hub")
public record HubProperties(
        @DefaultValue("hub-data") Path dataDir,

        @DefaultValue({"axon", "access", "isd", "registration", "metering", "settlement", "notification"})
        List<String> schemas,

        @DefaultValue EmbeddedPostgres embeddedPostgres) {

    /**
     * The embedded PostgreSQL used when no spring.datasource.url is configured.
     * ephemeral: a throw-away database in a temporary directory, deleted on shutdown.
     * port: 0 picks a free port.
     */
    public record EmbeddedPostgres(
            @DefaultValue("false") boolean ephemeral,
            @DefaultValue("0") int port) {}
}
