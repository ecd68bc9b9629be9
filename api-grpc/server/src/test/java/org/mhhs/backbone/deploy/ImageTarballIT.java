package org.mhhs.backbone.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.hub.ReadinessProbe;

/**
 * The OCI image tarball that `-Pimage` builds (run by Failsafe after Jib, in that profile only): a non-root,
 * self-contained image of the hub that starts. Reads the tarball with the machine's tar and runs its file system in
 * a chroot, since no container engine is available.
 */
class ImageTarballIT {

    private static final Path TARBALL = Path.of("target/hub-image.tar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path unpacked;

    static JsonNode config;
    static List<Path> layers = new ArrayList<>();

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(TARBALL)
                .as("run with -Pimage: Jib writes the tarball in the package phase")
                .exists();
        run(List.of("tar", "-xf", TARBALL.toAbsolutePath().toString(), "-C", unpacked.toString()));
        JsonNode index = JSON.readTree(unpacked.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(
                blob(index.path("manifests").get(0).path("digest").asText()).toFile());
        config = JSON.readTree(
                blob(manifest.path("config").path("digest").asText()).toFile());
        manifest.path("layers")
                .forEach(layer -> layers.add(blob(layer.path("digest").asText())));
    }

    @Test
    void theImageIsTaggedWithTheProjectVersion() throws IOException {
        JsonNode index = JSON.readTree(unpacked.resolve("index.json").toFile());

        assertThat(index.path("manifests")
                        .get(0)
                        .path("annotations")
                        .path("org.opencontainers.image.ref.name")
                        .asText())
                .isEqualTo(DeployFiles.HUB_IMAGE_REPOSITORY + ":" + ComposeFileTest.projectVersion());
    }

    @Test
    void theHubRunsAsANonRootUserWithContainerAwareMemoryFlags() {
        JsonNode container = config.path("config");

        assertThat(container.path("User").asText()).isEqualTo("65532:65532");
        List<String> entrypoint = new ArrayList<>();
        container.path("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
        assertThat(entrypoint)
                .startsWith("java")
                .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError")
                .endsWith("org.mhhs.backbone.HubApplication");
        assertThat(container.path("ExposedPorts").has("9090/tcp")).isTrue();
        assertThat(container.path("ExposedPorts").has("9091/tcp")).isTrue();
        assertThat(container.path("Env").toString())
                .doesNotContain("SPRING_PROFILES_ACTIVE")
                .contains("PATH=/opt/java/bin");
    }

    @Test
    void theImageCarriesARuntimeItsLoaderAndTheNonRootUser() throws Exception {
        Path root = extractedRoot();

        assertThat(root.resolve("opt/java/bin/java")).isExecutable();
        assertThat(root.resolve("lib64/ld-linux-x86-64.so.2")).exists();
        assertThat(root.resolve("lib/x86_64-linux-gnu/libc.so.6")).exists();
        assertThat(root.resolve("app/classes/org/mhhs/backbone/HubApplication.class"))
                .exists();
        assertThat(Files.readString(root.resolve("etc/passwd"))).contains(":65532:65532:");
    }

    @Test
    void theImagesJavaLoadsTheHubAsItsNonRootUser() throws Exception {
        assumeThat(System.getProperty("user.name")).as("chroot needs root").isEqualTo("root");
        assumeThat(succeeds(List.of("unshare", "-m", "chroot", "/", "true")))
                .as("a private mount namespace and chroot (root with CAP_SYS_ADMIN, util-linux)")
                .isTrue();
        Path root = extractedRoot();
        Files.createDirectories(root.resolve("proc"));

        // --dry-run starts the JVM and loads the main class with the image's class path, without running it.
        String output = run(List.of(
                "unshare",
                "-m",
                "sh",
                "-c",
                "mount -t proc proc '" + root + "/proc' && chroot"
                        + " --userspec=65532:65532 '" + root
                        + "' /opt/java/bin/java --dry-run -cp @/app/jib-classpath-file"
                        + " org.mhhs.backbone.HubApplication && chroot --userspec=65532:65532 '" + root
                        + "' /opt/java/bin/java -version"));

        assertThat(output).contains("OpenJDK Runtime Environment");
    }

    @Test
    void theHubStartsInTheImageAndBecomesReadyOnAnExternalDatabase() throws Exception {
        assumeThat(System.getProperty("user.name")).as("chroot needs root").isEqualTo("root");
        assumeThat(succeeds(List.of("unshare", "-m", "chroot", "/", "true")))
                .as("a private mount namespace and chroot (root with CAP_SYS_ADMIN, util-linux)")
                .isTrue();
        Path root = extractedRoot();
        Files.createDirectories(root.resolve("proc"));
        int grpcPort = freePort();
        int managementPort = freePort();

        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start()) {
            // The image's entry point, environment and user; the host's network stands in for the container's.
            String enterImage = "/usr/bin/mount -t proc proc '" + root + "/proc'"
                    + " && exec /usr/sbin/chroot --userspec=65532:65532 '" + root + "' \"$@\"";
            List<String> command = new ArrayList<>(List.of(
                    "/usr/bin/env",
                    "-i",
                    "PATH=/opt/java/bin",
                    "HUB_DATA_DIR=/var/lib/hub",
                    "SPRING_DATASOURCE_URL=" + database.getJdbcUrl("postgres", "postgres"),
                    "SPRING_DATASOURCE_USERNAME=postgres",
                    "SPRING_DATASOURCE_PASSWORD=",
                    "/usr/bin/unshare",
                    "-m",
                    "/bin/sh",
                    "-c",
                    enterImage,
                    "hub"));
            config.path("config").path("Entrypoint").forEach(arg -> command.add(arg.asText()));
            command.addAll(List.of("--spring.grpc.server.port=" + grpcPort, "--server.port=" + managementPort));
            Process hub = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(unpacked.resolve("hub.log").toFile())
                    .start();
            try {
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> {
                            assertThat(hub.isAlive())
                                    .as(() -> "the hub exited:\n" + log())
                                    .isTrue();
                            assertThat(ReadinessProbe.isReady(managementPort)).isTrue();
                        });
                // No profile: the default production mode, mutual TLS with a CA the hub made on its first start.
                assertThat(root.resolve("var/lib/hub/tls/server.crt")).exists();
                assertThat(root.resolve("var/lib/hub/tls/operator.crt")).exists();
                assertThat(root.resolve("var/lib/hub/operator.token")).doesNotExist();
            } finally {
                hub.destroy();
                if (!hub.waitFor(60, TimeUnit.SECONDS)) {
                    hub.destroyForcibly();
                }
            }
        }
    }

    private static String log() {
        try {
            return Files.readString(unpacked.resolve("hub.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path extracted;

    private static synchronized Path extractedRoot() throws Exception {
        if (extracted == null) {
            Path root = Files.createDirectories(unpacked.resolve("rootfs"));
            for (Path layer : layers) {
                run(List.of("tar", "-xzf", layer.toString(), "-C", root.toString()));
            }
            extracted = root;
        }
        return extracted;
    }

    private static Path blob(String digest) {
        return unpacked.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
        return output;
    }
}
