package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub migrates the schemas it finds as folders of migrations on the classpath; nobody lists them. */
class SchemaMigrationsTest {

    @Test
    void theHubFindsAxonThenAccessThenEveryContextsSchemaInAlphabeticalOrder() {
        assertThat(SchemaMigrations.schemasOn(getClass().getClassLoader()))
                .startsWith("axon", "access")
                .containsSubsequence("axon", "access", "isd", "metering", "notification", "registration", "settlement")
                .doesNotHaveDuplicates();
    }

    @Test
    void everyFolderOfMigrationsIsASchemaAndAFolderWithoutAnyIsNot(@TempDir Path classpath) throws IOException {
        for (String migration : new String[] {
            "db/zeta/V1__z.sql",
            "db/access/V1__a.sql",
            "db/alpha/V1__a.sql",
            "db/alpha/V2__b.sql",
            "db/axon/V1__a.sql",
            "db/nothing/README.txt",
            "elsewhere/other/V1__o.sql"
        }) {
            Path file = classpath.resolve(migration);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "SELECT 1;");
        }

        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null)) {
            assertThat(SchemaMigrations.schemasOn(loader)).containsExactly("axon", "access", "alpha", "zeta");
        }
    }
}
