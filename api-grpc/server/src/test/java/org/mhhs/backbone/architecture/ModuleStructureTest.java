package org.mhhs.backbone.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The hub's modules are what Spring Modulith finds, one per package under {@code org.mhhs.backbone}; nothing lists
 * them. What each may use is a decision, written down in {@link ModuleRules#ALLOWED_DEPENDENCIES}.
 */
class ModuleStructureTest {

    private static final ApplicationModules MODULES = ModuleRules.hubModules();

    @Test
    void every_module_of_the_hub_has_a_row_in_the_dependency_table() {
        List<String> missing = modulesMissingFrom(ModuleRules.ALLOWED_DEPENDENCIES);

        assertThat(missing).withFailMessage(() -> String.join("\n\n", missing)).isEmpty();
    }

    @Test
    void a_module_missing_from_the_dependency_table_is_named_with_the_file_and_the_row_to_add() {
        Map<String, List<String>> withoutSettlement = new HashMap<>(ModuleRules.ALLOWED_DEPENDENCIES);
        withoutSettlement.remove("settlement");

        assertThat(modulesMissingFrom(withoutSettlement))
                .singleElement()
                .asString()
                .contains(
                        "The module settlement has no row", ModuleRules.TABLE_FILE, "entry(\"settlement\", List.of(\"");
    }

    @Test
    void every_row_of_the_dependency_table_is_a_module_of_the_hub() {
        assertThat(ModuleRules.ALLOWED_DEPENDENCIES.keySet())
                .as(
                        "rows of ALLOWED_DEPENDENCIES in %s for modules the hub does not have: remove them",
                        ModuleRules.TABLE_FILE)
                .isSubsetOf(ModuleRules.hubModuleNames());
    }

    @Test
    void the_bounded_contexts_are_the_modules_with_an_api_package_published_as_their_named_interface() {
        List<String> contexts = ModuleRules.boundedContexts();

        assertThat(contexts)
                .contains("isd", "registration", "metering", "settlement", "notification")
                .doesNotContain("kernel", "access", "hub", "grpc", "demo");
        assertThat(contexts)
                .allSatisfy(context -> assertThat(MODULES.getModuleByName(context)
                                .orElseThrow()
                                .getNamedInterfaces()
                                .getByName(ModuleRules.API))
                        .as("%s.api carries @NamedInterface(\"api\") in its package-info.java", context)
                        .isPresent());
    }

    @Test
    void modules_use_each_other_only_through_what_they_expose() {
        MODULES.verify();
    }

    @Test
    void the_build_documents_every_module() {
        new Documenter(MODULES).writeDocumentation();

        // Documenter's default folder, relative to the module the build runs in
        Path docs = Path.of("target", "spring-modulith-docs");
        assertThat(docs.resolve("components.puml")).isRegularFile();
        assertThat(MODULES.stream()).isNotEmpty().allSatisfy(module -> {
            assertThat(docs.resolve("module-%s.puml".formatted(module.getIdentifier())))
                    .isRegularFile();
            assertThat(docs.resolve("module-%s.adoc".formatted(module.getIdentifier())))
                    .isRegularFile();
        });
    }

    private static List<String> modulesMissingFrom(Map<String, List<String>> table) {
        return MODULES.stream()
                .filter(module -> !table.containsKey(module.getIdentifier().toString()))
                .map(ModuleStructureTest::missingRowMessage)
                .toList();
    }

    private static String missingRowMessage(ApplicationModule module) {
        return """
                The module %1$s has no row in ALLOWED_DEPENDENCIES (%2$s). Decide which modules it may depend on and \
                add its row there, e.g. with the modules it uses today:

                            %3$s

                and add "%1$s" to the rows of the modules that may use it (grpc, if it has an adapter).
                """.formatted(module.getIdentifier(), ModuleRules.TABLE_FILE, ModuleRules.missingRow(module));
    }
}
