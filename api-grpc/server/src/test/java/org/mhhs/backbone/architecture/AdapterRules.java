package org.mhhs.backbone.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rules for the gRPC layer's adapters: one package per context under {@code grpc}, shared plumbing in the
 * {@code grpc} package itself. An adapter uses its own context's api, the api of the contexts upstream of it (as
 * the module table allows), the kernel and the shared plumbing; never another adapter.
 */
final class AdapterRules {

    /** What each adapter may use besides the kernel and the gRPC plumbing: contexts' api, or server packages. */
    static final Map<String, List<String>> ADAPTER_USES = new TreeMap<>(Map.of(
            "isd", List.of("isd"),
            "registration", List.of("registration", "isd"),
            "metering", List.of("metering", "registration", "isd", "access"),
            "settlement", List.of("settlement", "metering", "registration", "isd"),
            "notification", List.of("notification", "settlement", "metering", "registration", "isd", "hub"),
            "disputes", List.of("disputes"),
            "access", List.of("access", "isd"),
            "operations", List.of("hub", "access")));

    /** Server packages that are no bounded context: an adapter that may use one may use all of it. */
    private static final List<String> SERVER_PACKAGES = List.of("access", "hub");

    private AdapterRules() {}

    static ArchRule adaptersUseOnlyTheirContextUpstreamApisAndThePlumbing(String root) {
        List<ArchRule> rules = new ArrayList<>();
        ADAPTER_USES.forEach((adapter, uses) -> rules.add(adapterUsesOnly(root, adapter, uses)));
        return CompositeArchRule.of(rules);
    }

    static ArchRule everyAdapterPackageIsInTheTable(String root) {
        String grpc = root + ".grpc";
        return classes()
                .that()
                .resideInAPackage(grpc + "..")
                .and(not(resideInAPackage(grpc)))
                .and(not(resideInAPackage(grpc + ".v1..")))
                .should()
                .resideInAnyPackage(ADAPTER_USES.keySet().stream()
                        .map(adapter -> grpc + "." + adapter + "..")
                        .toArray(String[]::new))
                .because("each adapter package is a context's, and a table says what it may use: add its row to"
                        + " ADAPTER_USES in api-grpc/server/src/test/java/org/mhhs/backbone/architecture/"
                        + "AdapterRules.java");
    }

    private static ArchRule adapterUsesOnly(String root, String adapter, List<String> uses) {
        String grpc = root + ".grpc";
        List<String> allowed =
                new ArrayList<>(List.of(grpc + "." + adapter + "..", grpc + ".v1..", root + ".kernel.."));
        uses.forEach(used ->
                allowed.add(SERVER_PACKAGES.contains(used) ? root + "." + used + ".." : root + "." + used + ".api.."));
        DescribedPredicate<JavaClass> permitted = resideOutsideOfPackage(root + "..")
                .or(resideInAPackage(grpc))
                .or(resideInAnyPackage(allowed.toArray(String[]::new)));
        return classes()
                .that()
                .resideInAPackage(grpc + "." + adapter + "..")
                .should()
                .onlyDependOnClassesThat(
                        permitted.as("are the gRPC plumbing, the kernel or the api of %s", String.join(", ", uses)))
                .because("an adapter speaks for its own context; what several adapters need lives in the grpc "
                        + "package, and a context's internals or a downstream context are never its business")
                .allowEmptyShould(true);
    }
}
