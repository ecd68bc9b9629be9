package org.mhhs.backbone.hub;

import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * Orders Axon's JDBC auto-configuration after Spring Boot 4's DataSource auto-configuration. Axon's only waits for
 * a DataSource bean ({@code @ConditionalOnBean}) without ordering itself after Boot 4's class, so with an external
 * database (spring.datasource.url set, the DataSource built by Boot) it ran first, found none and backed off.
 * On the JDBC event store the hub declares its connection provider and token store itself
 * (AxonPersistenceConfiguration); on Axon Server, the production profile, nothing else does, and the token store
 * was silently in memory: every restart replayed every projection. Declares nothing; listed in
 * AutoConfiguration.imports.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = JdbcAutoConfiguration.class)
public class AxonJdbcAfterDataSource {}
