package org.mhhs.backbone.hub;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Each context owns its PostgreSQL schema and ships its migrations in classpath:db/SCHEMA; each schema keeps its own
 * Flyway history, so that contexts version their tables independently of one another.
 */
@Component
class SchemaMigrations implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private final HubProperties hub;

    SchemaMigrations(HubProperties hub) {
        this.hub = hub;
    }

    @Override
    public void migrate(Flyway configuredByBoot) {
        for (String schema : hub.schemas()) {
            var result = Flyway.configure(configuredByBoot.getConfiguration().getClassLoader())
                    .configuration(configuredByBoot.getConfiguration())
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(true)
                    .locations("classpath:db/" + schema)
                    .failOnMissingLocations(false)
                    .load()
                    .migrate();
            log.info(
                    "Schema {} is at version {} ({} migrations applied now)",
                    schema,
                    result.targetSchemaVersion == null ? "-" : result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }
}
