package org.mhhs.backbone.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.modules.syntax.ModuleDependencyScope.consideringOnlyDependenciesInAnyPackage;
import static com.tngtech.archunit.library.modules.syntax.ModuleRuleDefinition.modules;
import static java.util.Map.entry;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.modules.syntax.AllowedModuleDependencies;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.mhhs.backbone.HubApplication;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The module rules of the architecture (README, "Architecture"), built for a root package so that they can also be run
 * against deliberate violations.
 */
final class ModuleRules {

    /** Where the dependency table lives, for the messages of the tests that find a module missing from it. */
    static final String TABLE_FILE = "api-grpc/server/src/test/java/org/mhhs/backbone/architecture/ModuleRules.java";

    /**
     * Which module may depend on which: contexts only on those upstream of them, the gRPC layer on everything. A
     * deliberate decision per module, so it is written down here rather than derived; {@code ModuleStructureTest}
     * fails for a module of the hub that has no row.
     */
    static final Map<String, List<String>> ALLOWED_DEPENDENCIES = Map.ofEntries(
            entry("kernel", List.of()),
            entry("isd", List.of("kernel")),
            entry("registration", List.of("kernel", "isd")),
            entry("metering", List.of("kernel", "isd", "registration")),
            entry("settlement", List.of("kernel", "isd", "registration", "metering")),
            entry("disputes", List.of("kernel")),
            entry("notification", List.of("kernel", "isd", "registration", "metering", "settlement", "disputes")),
            entry("access", List.of("kernel", "isd")),
            entry("hub", List.of("kernel")),
            entry("demo", List.of("kernel", "isd", "registration", "metering", "hub")),
            entry(
                    "grpc",
                    List.of(
                            "kernel",
                            "isd",
                            "registration",
                            "metering",
                            "settlement",
                            "disputes",
                            "notification",
                            "access",
                            "hub")));

    /** The name of a bounded context's published package. */
    static final String API = "api";

    private ModuleRules() {}

    /** The application modules of the hub, as Spring Modulith finds them (one per package under the root). */
    static ApplicationModules hubModules() {
        return HubModules.MODULES;
    }

    /** The names of the hub's modules, as the rules and the dependency table call them. */
    static List<String> hubModuleNames() {
        return hubModules().stream()
                .map(module -> module.getIdentifier().toString())
                .sorted()
                .toList();
    }

    /**
     * The hub's bounded contexts: the modules that publish an {@code api} package. It tells isd, registration,
     * metering, settlement and notification from the kernel (shared value objects, no api), access and hub (server
     * packages used whole by the gRPC layer), grpc (adapters and the generated {@code v1} contract) and demo, none of
     * which has an {@code api} package.
     */
    static List<String> boundedContexts() {
        return hubModules().stream()
                .filter(module -> module.getBasePackage().getDirectSubPackages().stream()
                        .anyMatch(sub -> sub.getLocalName().equals(API)))
                .map(module -> module.getIdentifier().toString())
                .sorted()
                .toList();
    }

    /** The row a module missing from {@link #ALLOWED_DEPENDENCIES} needs, with the modules it uses today. */
    static String missingRow(ApplicationModule module) {
        String uses = module.getDirectDependencies(hubModules())
                .uniqueModules()
                .map(used -> "\"" + used.getIdentifier() + "\"")
                .sorted()
                .collect(Collectors.joining(", "));
        return "entry(\"%s\", List.of(%s)),".formatted(module.getIdentifier(), uses);
    }

    static ArchRule modulesDependOnlyAsTheTableAllows(String root) {
        AllowedModuleDependencies allowed = null;
        for (Map.Entry<String, List<String>> row : new TreeMap<>(ALLOWED_DEPENDENCIES).entrySet()) {
            String[] targets = row.getValue().toArray(String[]::new);
            allowed = allowed == null
                    ? AllowedModuleDependencies.allow().fromModule(row.getKey()).toModules(targets)
                    : allowed.fromModule(row.getKey()).toModules(targets);
        }
        return modules()
                .definedByPackages(root + ".(*)..")
                .should()
                .respectTheirAllowedDependencies(allowed, consideringOnlyDependenciesInAnyPackage(root + ".."));
    }

    static ArchRule modulesAreFreeOfCycles(String root) {
        return modules().definedByPackages(root + ".(*)..").should().beFreeOfCycles();
    }

    /** For the hub's root package, with the hub's bounded contexts. */
    static ArchRule boundedContextsArePublishedOnlyThroughTheirApi(String root) {
        return boundedContextsArePublishedOnlyThroughTheirApi(root, boundedContexts());
    }

    /** For any root package (e.g. the fixture's, which has no application), with that root's bounded contexts. */
    static ArchRule boundedContextsArePublishedOnlyThroughTheirApi(String root, List<String> boundedContexts) {
        return CompositeArchRule.of(boundedContexts.stream()
                .map(context -> otherModulesUseOnlyTheApiOf(root + "." + context))
                .toList());
    }

    private static ArchRule otherModulesUseOnlyTheApiOf(String contextPackage) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(contextPackage + "..")
                .should()
                .dependOnClassesThat(resideInAPackage(contextPackage + "..")
                        .and(not(resideInAPackage(contextPackage + "." + API + "..")))
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

    /** Imported once per test run: Spring Modulith's analysis of the whole hub takes a few seconds. */
    private static final class HubModules {

        static final ApplicationModules MODULES = ApplicationModules.of(HubApplication.class);
    }
}
