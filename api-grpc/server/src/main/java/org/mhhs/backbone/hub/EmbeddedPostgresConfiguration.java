package org.mhhs.backbone.hub;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no spring.datasource.url configured, the hub runs its own real PostgreSQL (zonky's embedded binaries) and
 * keeps its data under hub.data-dir/postgres, so that a restart finds everything again.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(HubProperties hub) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(hub.embeddedPostgres().port())
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("synchronous_commit", "on")
                // stopped by this bean's close, when the context shuts down after its event processors, never by a
                // JVM shutdown hook of its own that would race them (processors then retry against a dead database)
                .setRegisterShutdownHook(false);
        if (hub.embeddedPostgres().ephemeral()) {
            builder.setCleanDataDirectory(true);
            log.info("Starting a throw-away embedded PostgreSQL");
        } else {
            Path dataDirectory = hub.dataDir().resolve("postgres").toAbsolutePath();
            Files.createDirectories(dataDirectory.getParent());
            stopLeftoverPostmaster(dataDirectory);
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            log.info("Starting embedded PostgreSQL with its data in {}", dataDirectory);
        }
        return builder.start();
    }

    /**
     * The postmaster runs detached from the JVM (pg_ctl start), so a hub that died without shutting down (kill -9,
     * out of memory) leaves it running on the data directory, and the next start would fail. It is stopped first:
     * a smart shutdown, since the dead hub's connections are gone, forced after 30 seconds.
     */
    private static void stopLeftoverPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        } catch (RuntimeException unreadable) {
            return;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (leftover.isEmpty()) {
            return;
        }
        log.warn(
                "The embedded PostgreSQL of a previous hub is still running on {} (pid {}); stopping it",
                dataDirectory,
                pid);
        leftover.get().destroy();
        try {
            leftover.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
            leftover.get().destroyForcibly();
        }
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .driverClassName("org.postgresql.Driver")
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .password("")
                .build();
    }
}
