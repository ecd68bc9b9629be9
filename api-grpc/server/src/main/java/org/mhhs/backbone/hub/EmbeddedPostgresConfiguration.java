package org.mhhs.backbone.hub;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                .setServerConfig("synchronous_commit", "on");
        if (hub.embeddedPostgres().ephemeral()) {
            builder.setCleanDataDirectory(true);
            log.info("Starting a throw-away embedded PostgreSQL");
        } else {
            Path dataDirectory = hub.dataDir().resolve("postgres").toAbsolutePath();
            Files.createDirectories(dataDirectory.getParent());
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            log.info("Starting embedded PostgreSQL with its data in {}", dataDirectory);
        }
        return builder.start();
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
