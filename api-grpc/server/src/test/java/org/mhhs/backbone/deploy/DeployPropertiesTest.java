package org.mhhs.backbone.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhhs.backbone.deploy.DeployFiles.at;
import static org.mhhs.backbone.deploy.DeployFiles.list;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every setting that compose or Kubernetes hands a hub node (environment variables, --name=value arguments) is a
 * property the hub knows: one of its application*.yml keys or placeholders, one of its own
 * {@code @ConfigurationProperties}, or one that Spring Boot, Spring gRPC or Axon documents in their configuration
 * metadata. A misspelt variable would otherwise be ignored silently.
 */
class DeployPropertiesTest {

    private static final Set<String> NOT_PROPERTIES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)");

    private final KnownProperties known = KnownProperties.ofTheHub();

    @Test
    void everySettingOfAComposeHubNodeIsAHubProperty() {
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, Object> services = DeployFiles.map(DeployFiles.compose().get("services"), "services");
        services.forEach((name, service) -> {
            if (String.valueOf(at(service, "image")).startsWith(DeployFiles.HUB_IMAGE_REPOSITORY + ":")) {
                Object environment = at(service, "environment");
                if (environment != null) {
                    DeployFiles.map(environment, name)
                            .keySet()
                            .forEach(variable -> settings.put(variable, "compose service " + name));
                }
                arguments(at(service, "command")).forEach(argument -> settings.put(argument, "compose " + name));
            }
        });

        assertThat(settings).isNotEmpty();
        assertThat(unknown(settings)).as("settings the hub does not know").isEmpty();
    }

    @Test
    void everySettingOfTheKubernetesHubIsAHubProperty() {
        Map<String, String> settings = new LinkedHashMap<>();
        Object pod = at(DeployFiles.kubernetesObject("Deployment", "hub").orElseThrow(), "spec.template.spec");
        for (Object container : list(at(pod, "containers"))) {
            list(at(container, "env")).forEach(env -> settings.put((String) at(env, "name"), "env of the hub"));
            arguments(at(container, "args")).forEach(argument -> settings.put(argument, "args of the hub"));
            for (Object source : list(at(container, "envFrom"))) {
                String configMap = (String) at(source, "configMapRef.name");
                String secret = (String) at(source, "secretRef.name");
                String kind = configMap != null ? "ConfigMap" : "Secret";
                String name = configMap != null ? configMap : secret;
                Map<String, Object> object = DeployFiles.kubernetesObject(kind, name)
                        .orElseThrow(() -> new AssertionError("the hub reads " + kind + " " + name + ", not in k8s"));
                for (String field : List.of("data", "stringData")) {
                    Object data = object.get(field);
                    if (data != null) {
                        DeployFiles.map(data, name).keySet().forEach(key -> settings.put(key, kind + " " + name));
                    }
                }
            }
        }

        assertThat(settings).isNotEmpty();
        assertThat(unknown(settings)).as("settings the hub does not know").isEmpty();
    }

    @Test
    void aMisspeltVariableIsCaught() {
        assertThat(unknown(Map.of(
                        "SPRING_DATASOURCE_URL",
                        "a",
                        "HUB_DATA_DIR",
                        "b",
                        "AXON_SERVERS",
                        "c",
                        "AXON_AXONSERVER_SSL_ENABLED",
                        "d",
                        "--spring.grpc.server.port=1",
                        "e")))
                .isEmpty();
        assertThat(unknown(Map.of("SPRING_DATASORCE_URL", "a", "HUB_TLS_CERT", "b", "--hub.nothing=1", "c")))
                .containsOnlyKeys("SPRING_DATASORCE_URL", "HUB_TLS_CERT", "--hub.nothing=1");
    }

    private Map<String, String> unknown(Map<String, String> settings) {
        Map<String, String> unknown = new TreeMap<>();
        settings.forEach((setting, where) -> {
            if (!NOT_PROPERTIES.contains(setting) && !known.contains(setting)) {
                unknown.put(setting, where);
            }
        });
        return unknown;
    }

    private static List<String> arguments(Object value) {
        List<String> arguments = new ArrayList<>();
        if (value instanceof String line) {
            arguments.addAll(List.of(line.trim().split("\\s+")));
        } else {
            list(value).forEach(argument -> arguments.add(String.valueOf(argument)));
        }
        return arguments.stream().filter(argument -> argument.startsWith("--")).toList();
    }

    /** Property names the hub binds, normalised as Spring Boot's relaxed binding compares them. */
    record KnownProperties(Set<String> exact, Set<String> mapPrefixes) {

        static KnownProperties ofTheHub() {
            Set<String> exact = new HashSet<>();
            Set<String> mapPrefixes = new HashSet<>();
            for (String file : List.of("application.yml", "application-axonserver.yml")) {
                String text = read(file);
                Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
                flatten("", yaml, exact);
                Matcher placeholder = PLACEHOLDER.matcher(text);
                while (placeholder.find()) {
                    exact.add(placeholder.group(1));
                }
            }
            var scanner = new ClassPathScanningCandidateComponentProvider(false);
            scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
            for (BeanDefinition candidate : scanner.findCandidateComponents("org.mhhs.backbone")) {
                Class<?> type = load(candidate.getBeanClassName());
                String prefix =
                        type.getAnnotation(ConfigurationProperties.class).value();
                recordProperties(prefix, type, exact);
            }
            for (JsonNode metadata : springConfigurationMetadata()) {
                for (JsonNode property : metadata.path("properties")) {
                    exact.add(property.path("name").asText());
                    if (property.path("type").asText().startsWith("java.util.Map")) {
                        mapPrefixes.add(property.path("name").asText());
                    }
                }
            }
            return new KnownProperties(normalised(exact), normalised(mapPrefixes));
        }

        /** A setting as an environment variable (SPRING_DATASOURCE_URL) or an argument (--spring.datasource.url=x). */
        boolean contains(String setting) {
            if (setting.startsWith("--")) {
                String property = normalise(setting.substring(2).split("=", 2)[0]);
                return exact.contains(property)
                        || mapPrefixes.stream().anyMatch(prefix -> property.startsWith(prefix + "."));
            }
            if (exact.contains(setting)) {
                return true;
            }
            // An environment variable's underscores stand for dots or dashes alike: compare without either.
            String variable = flat(setting);
            return exact.stream().anyMatch(name -> flat(name).equals(variable))
                    || mapPrefixes.stream().anyMatch(prefix -> variable.startsWith(flat(prefix)));
        }

        private static String flat(String name) {
            return name.toLowerCase(Locale.ROOT).replaceAll("[-._]", "");
        }

        private static void flatten(String prefix, Object value, Set<String> into) {
            if (value instanceof Map<?, ?> map) {
                map.forEach(
                        (key, child) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, child, into));
            } else if (!prefix.isEmpty()) {
                into.add(prefix);
            }
        }

        private static void recordProperties(String prefix, Class<?> type, Set<String> into) {
            if (!type.isRecord()) {
                into.add(prefix);
                return;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                String name = prefix + "."
                        + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
                if (component.getType().isRecord()) {
                    recordProperties(name, component.getType(), into);
                } else {
                    into.add(name);
                }
            }
        }

        private static List<JsonNode> springConfigurationMetadata() {
            List<JsonNode> metadata = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            try {
                for (String name : List.of(
                        "META-INF/spring-configuration-metadata.json",
                        "META-INF/additional-spring-configuration-metadata.json")) {
                    for (URL url : Collections.list(
                            DeployPropertiesTest.class.getClassLoader().getResources(name))) {
                        try (InputStream in = url.openStream()) {
                            metadata.add(json.readTree(in));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(metadata)
                    .as("configuration metadata of Spring Boot, Spring gRPC and Axon")
                    .hasSizeGreaterThan(5);
            return metadata;
        }

        private static Set<String> normalised(Set<String> names) {
            Set<String> normalised = new HashSet<>(names);
            names.forEach(name -> normalised.add(normalise(name)));
            return normalised;
        }

        /** Relaxed binding: case, dashes and list indices do not matter. */
        private static String normalise(String name) {
            return name.toLowerCase(Locale.ROOT).replace("-", "").replaceAll("\\[\\d+]", "");
        }

        private static String read(String resource) {
            try (InputStream in = new ClassPathResource(resource).getInputStream()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Class<?> load(String name) {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
