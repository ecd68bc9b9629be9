package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.testing.RunningHub;

/** Every node of a hub must wrap consumption data keys with the same master key; a node that does not, stops. */
class MasterKeyCheckTest {

    @Test
    void aNodeWithAnotherMasterKeyThanTheDatabasesDoesNotStart(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres postgres =
                EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
            String database = "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres");
            String theHubsKey = "--hub.encryption.master-key-file=" + dir.resolve("master.key");
            try (RunningHub first = RunningHub.start(dir.resolve("node-a"), database, theHubsKey)) {
                assertThat(first.operatorToken()).isNotBlank();
            }

            assertThatThrownBy(() -> RunningHub.start(
                            dir.resolve("node-b"),
                            database,
                            "--hub.encryption.master-key-file=" + dir.resolve("another.key")))
                    .hasStackTraceContaining("another master key");

            try (RunningHub again = RunningHub.start(dir.resolve("node-c"), database, theHubsKey)) {
                assertThat(again.jdbc()
                                .sql("SELECT count(*) FROM metering.master_key_check")
                                .query(Long.class)
                                .single())
                        .isOne();
            }
        }
    }
}
