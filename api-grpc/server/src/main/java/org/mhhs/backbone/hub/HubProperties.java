package org.mhhs.backbone.hub;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the hub process.
 *
 * dataDir: where the hub keeps its files (embedded database, operator token).
 * The PostgreSQL schemas are no setting: every folder classpath:db/NAME/ with migrations is one (SchemaMigrations).
 */
@ConfigurationProperties("hub")
public record HubProperties(
        @DefaultValue("hub-data") Path dataDir,

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
