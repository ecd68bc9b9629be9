package org.mhhs.backbone.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.mhhs.backbone.HubApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test against the whole hub: real gRPC server on a free port, real (embedded, throw-away) PostgreSQL, the Axon
 * JDBC event store. Tests sharing this annotation share one running hub, so each uses its own participant ids.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(HubClient.class)
public @interface HubIntegrationTest {}
