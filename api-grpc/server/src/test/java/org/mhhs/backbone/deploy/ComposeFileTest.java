package org.mhhs.backbone.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhhs.backbone.deploy.DeployFiles.at;
import static org.mhhs.backbone.deploy.DeployFiles.list;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The compose topology: Axon Server, PostgreSQL and two hub nodes of the image the build produces. */
class ComposeFileTest {

    private final Map<String, Object> services =
            DeployFiles.map(DeployFiles.compose().get("services"), "services");

    @Test
    void twoHubNodesRunTheAxonServerProfile() {
        List<String> hubs = hubServices();

        assertThat(hubs).containsExactlyInAnyOrder("hub-1", "hub-2");
        for (String hub : hubs) {
            assertThat(at(services.get(hub), "environment.SPRING_PROFILES_ACTIVE"))
                    .as(hub)
                    .isEqualTo("axonserver");
            assertThat(at(services.get(hub), "environment.AXON_SERVERS"))
                    .as(hub)
                    .isEqualTo("axonserver:8124");
            assertThat((String) at(services.get(hub), "environment.SPRING_DATASOURCE_URL"))
                    .as(hub)
                    .startsWith("jdbc:postgresql://postgres:");
        }
        assertThat(services).containsKeys("axonserver", "postgres", "prometheus", "grafana");
    }

    @Test
    void hubNodesUseTheImageTheBuildProducesAsKubernetesDoes() throws IOException {
        String image = DeployFiles.HUB_IMAGE_REPOSITORY + ":" + projectVersion();
        Object k8sContainer = list(at(
                        DeployFiles.kubernetesObject("Deployment", "hub").orElseThrow(),
                        "spec.template.spec.containers"))
                .getFirst();

        for (String hub : hubServices()) {
            assertThat(at(services.get(hub), "image")).as(hub).isEqualTo(image);
        }
        assertThat(at(k8sContainer, "image")).isEqualTo(image);
    }

    @Test
    void hubNodesAreCheckedForReadinessAndMountTheTlsDirectoryReadOnly() throws ClassNotFoundException {
        for (String hub : hubServices()) {
            List<Object> test = list(at(services.get(hub), "healthcheck.test"));
            assertThat(test).as(hub).contains("9091");
            String probeClass = (String) test.stream()
                    .filter(arg -> ((String) arg).startsWith("org.mhhs."))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(hub + " has no readiness probe class"));
            Class.forName(probeClass);
            assertThat(list(at(services.get(hub), "volumes"))).as(hub).contains("./tls:/etc/hub/tls:ro");
            assertThat(at(services.get(hub), "read_only")).as(hub).isEqualTo(true);
        }
    }

    @Test
    void imagesOfOtherServicesArePinned() {
        services.forEach((name, service) -> {
            String image = (String) at(service, "image");
            if (image != null) {
                assertThat(image).as(name).matches(".+:[^:]*\\d[^:]*").doesNotEndWith(":latest");
            }
        });
    }

    private List<String> hubServices() {
        return services.keySet().stream()
                .filter(name -> String.valueOf(at(services.get(name), "image"))
                        .startsWith(DeployFiles.HUB_IMAGE_REPOSITORY + ":"))
                .sorted()
                .toList();
    }

    /** The version of the root pom, which Jib uses as the image tag. */
    static String projectVersion() throws IOException {
        String pom = Files.readString(DeployFiles.ROOT.resolveSibling("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>mhhs-backbone</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(version.find()).as("the root pom's version").isTrue();
        return version.group(1);
    }
}
