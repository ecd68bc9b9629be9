package org.mhhs.backbone.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;

/** The deliberate violations under org.mhhs.archfixture, against which each rule must prove it is not vacuous. */
final class ArchFixture {

    static final String ROOT = "org.mhhs.archfixture";

    /**
     * The fixture's bounded contexts, its packages with an api sub-package. Named here because the fixture has no
     * application for Spring Modulith to analyse, as the hub's are found (ModuleRules.boundedContexts).
     */
    static final List<String> BOUNDED_CONTEXTS = List.of("isd", "settlement");

    private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(ROOT);

    private ArchFixture() {}

    /** Checks the rule fails because of {@code offender}, not merely because it found nothing to check. */
    static void assertCaught(ArchRule rule, Class<?> offender) {
        EvaluationResult result = rule.evaluate(CLASSES);
        assertThat(result.hasViolation())
                .as("%s has a violation", rule.getDescription())
                .isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(detail -> detail.contains(offender.getName()));
    }
}
