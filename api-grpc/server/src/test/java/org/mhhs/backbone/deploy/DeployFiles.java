package org.mhhs.backbone.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.mhhs.backbone.testing.Repository;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The files under deploy/ as the tests read them: YAML documents as maps, found from the module's directory. */
final class DeployFiles {

    static final Path ROOT = Repository.root().resolve("deploy");
    static final Path COMPOSE = ROOT.resolve("compose/compose.yaml");
    static final Path K8S = ROOT.resolve("k8s");
    static final Path DASHBOARD = ROOT.resolve("compose/grafana/dashboards/hub.json");
    static final Path PROMETHEUS = ROOT.resolve("compose/prometheus/prometheus.yml");
    static final String HUB_IMAGE_REPOSITORY = "mhhs/hub";

    private DeployFiles() {}

    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(file ->
                            file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a (possibly multi-document) YAML file; empty documents are left out. */
    static List<Map<String, Object>> documents(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
                if (document != null) {
                    documents.add(map(document, file.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static Map<String, Object> compose() {
        return documents(COMPOSE).getFirst();
    }

    static List<Map<String, Object>> kubernetesObjects() {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .flatMap(file -> documents(file).stream())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Map<String, Object>> kubernetesObject(String kind, String name) {
        return kubernetesObjects().stream()
                .filter(object -> kind.equals(object.get("kind")) && name.equals(at(object, "metadata.name")))
                .findFirst();
    }

    /** The value at a dotted path of nested maps, or null. */
    static Object at(Object root, String path) {
        Object current = root;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
