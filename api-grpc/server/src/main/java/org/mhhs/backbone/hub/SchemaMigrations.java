package org.mhhs.backbone.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Each context owns its PostgreSQL schema and ships its migrations in classpath:db/SCHEMA; each schema keeps its own
 * Flyway history, so that contexts version their tables independently of one another. The schemas are not listed
 * anywhere: every folder db/SCHEMA/ on the classpath holding a .sql file is one.
 */
@Component
class SchemaMigrations implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    static final String MIGRATIONS = "classpath*:db/*/*.sql";

    /**
     * Migrated before the others, in this order: Axon's event, token and deadline store, then the hub's credentials.
     * The contexts follow in alphabetical order. No migration refers to a table of another schema (each creates,
     * alters and fills only its own; the notification ones name their own schema explicitly), so the order among the
     * contexts does not matter; it is fixed only so that every start migrates alike.
     */
    private static final List<String> FIRST = List.of("axon", "access");

    @Override
    public void migrate(Flyway configuredByBoot) {
        ClassLoader classLoader = configuredByBoot.getConfiguration().getClassLoader();
        List<String> schemas = schemasOn(classLoader);
        if (!schemas.contains("axon")) {
            throw new IllegalStateException("No migrations of Axon's schema on the classpath (" + MIGRATIONS
                    + " found the schemas " + schemas + "): the hub cannot run without its event store");
        }
        log.info("Schemas with migrations on the classpath ({}): {}", MIGRATIONS, String.join(", ", schemas));
        for (String schema : schemas) {
            var result = Flyway.configure(classLoader)
                    .configuration(configuredByBoot.getConfiguration())
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(true)
                    .locations("classpath:db/" + schema)
                    .load()
                    .migrate();
            log.info(
                    "Schema {} is at version {} ({} migrations applied now)",
                    schema,
                    result.targetSchemaVersion == null ? "-" : result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }

    /** Every folder db/SCHEMA/ holding a .sql file on the class loader's classpath: axon, access, then the rest. */
    static List<String> schemasOn(ClassLoader classLoader) {
        TreeSet<String> found = new TreeSet<>();
        try {
            for (Resource migration : new PathMatchingResourcePatternResolver(classLoader).getResources(MIGRATIONS)) {
                String path = migration.getURL().getPath();
                String folder = path.substring(0, path.lastIndexOf('/'));
                found.add(folder.substring(folder.lastIndexOf('/') + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + MIGRATIONS, e);
        }
        List<String> schemas = new ArrayList<>();
        FIRST.stream().filter(found::remove).forEach(schemas::add);
        schemas.addAll(found);
        return List.copyOf(schemas);
    }
}
