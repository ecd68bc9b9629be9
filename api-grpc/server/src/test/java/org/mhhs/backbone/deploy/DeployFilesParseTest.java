package org.mhhs.backbone.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mhhs.backbone.deploy.DeployFiles.at;
import static org.mhhs.backbone.deploy.DeployFiles.list;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every deployment file is well-formed, so that what cannot be started here at least parses. */
class DeployFilesParseTest {

    @Test
    void everyYamlFileUnderDeployParses() {
        List<Path> files = DeployFiles.yamlFiles();

        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path file : files) {
            assertThatCode(() -> DeployFiles.documents(file))
                    .as(file.toString())
                    .doesNotThrowAnyException();
            assertThat(DeployFiles.documents(file)).as(file + " has content").isNotEmpty();
        }
    }

    @Test
    void everyKubernetesObjectNamesItsApiVersionKindAndName() {
        List<Map<String, Object>> objects = DeployFiles.kubernetesObjects();

        assertThat(objects).isNotEmpty();
        for (Map<String, Object> object : objects) {
            assertThat(object).as(String.valueOf(object.get("kind"))).containsKeys("apiVersion", "kind");
            assertThat(at(object, "metadata.name"))
                    .as(object.get("kind") + " without a name")
                    .isNotNull();
        }
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        List<Object> listed = list(at(
                DeployFiles.documents(DeployFiles.K8S.resolve("kustomization.yaml"))
                        .getFirst(),
                "resources"));

        try (Stream<Path> files = Files.list(DeployFiles.K8S)) {
            List<String> manifests = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(manifests);
        }
    }

    @Test
    void theGrafanaDashboardIsJsonWithAQueryInEveryPanel() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DeployFiles.DASHBOARD.toFile());

        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(6);
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").findValuesAsText("expr"))
                    .as(panel.path("title").asText())
                    .isNotEmpty();
        }
    }

    @Test
    void prometheusScrapesBothHubsOnTheManagementPort() {
        Map<String, Object> prometheus =
                DeployFiles.documents(DeployFiles.PROMETHEUS).getFirst();

        Object hubJob = list(prometheus.get("scrape_configs")).stream()
                .filter(job -> "mhhs-hub".equals(at(job, "job_name")))
                .findFirst()
                .orElseThrow();
        assertThat(at(hubJob, "metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(list(at(list(at(hubJob, "static_configs")).getFirst(), "targets")))
                .containsExactlyInAnyOrder("hub-1:9091", "hub-2:9091");
    }
}
