package org.mhhs.backbone.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.HubApplication;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModuleStructureTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(HubApplication.class);

    @Test
    void the_hub_is_the_kernel_five_bounded_contexts_access_runtime_grpc_and_the_demo_market() {
        assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .containsExactlyInAnyOrder(
                        "kernel",
                        "isd",
                        "registration",
                        "metering",
                        "settlement",
                        "notification",
                        "access",
                        "hub",
                        "grpc",
                        "demo");
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
}
