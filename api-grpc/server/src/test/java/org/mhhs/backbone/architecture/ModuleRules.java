package org.mhhs.backbone.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.modules.syntax.ModuleDependencyScope.consideringOnlyDependenciesInAnyPackage;
import static com.tngtech.archunit.library.modules.syntax.ModuleRuleDefinition.modules;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.modules.syntax.AllowedModuleDependencies;
import java.util.List;

/**
 * The module rules of the architecture (README, "Architecture"), built for a root package so that they can also be run
 * against deliberate violations.
 */
final class ModuleRules {

    static final List<String> BOUNDED_CONTEXTS =
            List.of("isd", "registration", "metering", "settlement", "notification");

    /** Which module may depend on which: contexts only on those upstream of them, the gRPC layer on everything. */
    static final AllowedModuleDependencies ALLOWED_DEPENDENCIES = AllowedModuleDependencies.allow()
            .fromModule("kernel")
            .toModules()
            .fromModule("isd")
            .toModules("kernel")
            .fromModule("registration")
            .toModules("kernel", "isd")
            .fromModule("metering")
            .toModules("kernel", "isd", "registration")
            .fromModule("settlement")
            .toModules("kernel", "isd", "registration", "metering")
            .fromModule("notification")
            .toModules("kernel", "isd", "registration", "metering", "settlement")
            .fromModule("access")
            .toModules("kernel", "isd")
            .fromModule("hub")
            .toModules("kernel")
            .fromModule("demo")
            .toModules("kernel", "isd", "registration", "metering", "hub")
            .fromModule("grpc")
            .toModules("kernel", "isd", "registration", "metering", "settlement", "notification", "access", "hub");

    private ModuleRules() {}

    static ArchRule modulesDependOnlyAsTheTableAllows(String root) {
        return modules()
                .definedByPackages(root + ".(*)..")
                .should()
                .respectTheirAllowedDependencies(
                        ALLOWED_DEPENDENCIES, consideringOnlyDependenciesInAnyPackage(root + ".."));
    }

    static ArchRule modulesAreFreeOfCycles(String root) {
        return modules().definedByPackages(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule boundedContextsArePublishedOnlyThroughTheirApi(String root) {
        return CompositeArchRule.of(BOUNDED_CONTEXTS.stream()
                .map(context -> otherModulesUseOnlyTheApiOf(root + "." + context))
                .toList());
    }

    private static ArchRule otherModulesUseOnlyTheApiOf(String contextPackage) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(contextPackage + "..")
                .should()
                .dependOnClassesThat(resideInAPackage(contextPackage + "..")
                        .and(not(resideInAPackage(contextPackage + ".api..")))
                        .and(not(nameEndingWith(".package-info")))
                        .as("are internals of %s", contextPackage))
                .because("aggregates, projections and SQL of a bounded context never cross its boundary");
    }

    static ArchRule theKernelIsPlainJava(String root) {
        return classes()
                .that()
                .resideInAPackage(root + ".kernel..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.jspecify.annotations..", root + ".kernel..")
                .because("every context shares the kernel, so it must not drag in other modules, Spring, Axon, "
                        + "Jackson or gRPC; JSpecify's annotations are allowed, as they only state where null may "
                        + "occur and carry no behaviour");
    }
}
