package org.mhhs.backbone.hub;

import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * Orders Axon's JDBC auto-configuration after Spring Boot 4's DataSource auto-configuration. Axon's only waits for
 * a DataSource bean ({@code @ConditionalOnBean}) without ordering itself after Boot 4's class, so with an external
 * database (spring.datasource.url set, the DataSource built by Boot) it ran first, found none and backed off: no
 * connection provider, and tracking tokens in memory. The embedded database's DataSource is a bean of the hub and
 * exists early enough either way. Declares nothing; listed in AutoConfiguration.imports.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = JdbcAutoConfiguration.class)
public class AxonJdbcAfterDataSource {
}
