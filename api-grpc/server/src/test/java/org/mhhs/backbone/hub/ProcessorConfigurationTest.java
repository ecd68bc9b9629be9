package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * Every processing group of the hub runs in a processor configured with the hub's mode and a dead-letter queue. A group
 * with no block under {@code axon.eventhandling.processors} gets Axon's default processor, which ignores
 * {@code hub.processor-mode} and says nothing about it; one without {@code dlq.enabled} stops for good at the first
 * event it cannot handle (docs/adr/0015).
 */
class ProcessorConfigurationTest {

    static final String FILE = "api-grpc/server/src/main/resources/application.yml";
    static final String MODE = "${hub.processor-mode}";

    /** The hub's classes, without the tests' own (e.g. ProjectionTransactionTest's probe) and test jars. */
    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.mhhs.backbone");

    @Test
    void everyProcessingGroupHasAProcessorInTheHubsMode() {
        Set<String> groups = processingGroups();
        List<String> problems = problems(groups, yaml(new ClassPathResource("application.yml")));

        assertThat(groups).contains("isd", "notification");
        assertThat(problems)
                .withFailMessage(() -> String.join("\n\n", problems))
                .isEmpty();
    }

    @Test
    void everyClassWithEventHandlersNamesItsProcessingGroup() {
        List<String> unnamed = HUB.stream()
                .filter(type ->
                        type.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(EventHandler.class)))
                .filter(type -> !type.isAnnotatedWith(ProcessingGroup.class))
                .map(JavaClass::getName)
                .toList();

        assertThat(unnamed)
                .as("classes with @EventHandler methods but no @ProcessingGroup: Axon would run them in a processor"
                        + " named after their package, with the default mode")
                .isEmpty();
    }

    @Test
    void aGroupWithoutItsBlockOrWithAnotherModeIsNamedWithTheFileAndTheBlockToAdd() {
        Properties configured = yaml(new ByteArrayResource("""
                axon:
                  eventhandling:
                    processors:
                      isd:
                        mode: ${hub.processor-mode}
                        dlq:
                          enabled: true
                      metering:
                        mode: pooled
                        dlq:
                          enabled: true
                """.getBytes(StandardCharsets.UTF_8)));

        List<String> problems = problems(new TreeSet<>(List.of("isd", "metering", "disputes")), configured);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0))
                .contains("processing group disputes", FILE, "      disputes:\n        mode: ${hub.processor-mode}");
        assertThat(problems.get(1)).contains("processing group metering", "pooled", FILE);
    }

    @Test
    void aGroupWithoutADeadLetterQueueIsNamedWithTheSettingToAdd() {
        Properties configured = yaml(new ByteArrayResource("""
                axon:
                  eventhandling:
                    processors:
                      metering:
                        mode: ${hub.processor-mode}
                """.getBytes(StandardCharsets.UTF_8)));

        List<String> problems = problems(new TreeSet<>(List.of("metering")), configured);

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("processing group metering", "no dead-letter queue", FILE, "dlq:\n", "enabled: true");
    }

    private static Set<String> processingGroups() {
        Set<String> groups = new TreeSet<>();
        HUB.stream()
                .filter(type -> type.isAnnotatedWith(ProcessingGroup.class))
                .forEach(type -> groups.add((String) type.getAnnotationOfType(ProcessingGroup.class.getName())
                        .get("value")
                        .orElseThrow()));
        return groups;
    }

    /** What is wrong with the configuration of each group, in the order of the groups. */
    static List<String> problems(Set<String> groups, Properties configured) {
        List<String> problems = new ArrayList<>();
        for (String group : groups) {
            String key = "axon.eventhandling.processors." + group + ".mode";
            String mode = configured.getProperty(key);
            if (mode == null) {
                problems.add("""
                        The processing group %1$s has no processor configured: Axon runs it in a default processor \
                        that ignores hub.processor-mode. Add under axon.eventhandling.processors in %2$s:

                              %1$s:
                                mode: %3$s
                                thread-count: 1
                                batch-size: 100
                                dlq:
                                  enabled: true""".formatted(group, FILE, MODE));
                continue;
            } else if (!mode.equals(MODE)) {
                problems.add("The processing group %s runs in mode '%s', not the hub's: set %s to %s in %s"
                        .formatted(group, mode, key, MODE, FILE));
            }
            if (!"true".equals(configured.getProperty("axon.eventhandling.processors." + group + ".dlq.enabled"))) {
                problems.add("""
                        The processing group %1$s has no dead-letter queue: one event it cannot handle would stop it \
                        for good (docs/adr/0015). Add to its block under axon.eventhandling.processors in %2$s:

                                dlq:
                                  enabled: true""".formatted(group, FILE));
            }
        }
        return problems;
    }

    /** The YAML flattened to properties, placeholders left as written. */
    private static Properties yaml(Resource resource) {
        YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
        factory.setResources(resource);
        return factory.getObject();
    }
}
