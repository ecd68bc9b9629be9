package org.mhhs.backbone.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.spring.stereotype.Aggregate;

/** Rules for Axon aggregates and projections, built for a root package. */
final class AggregateRules {

    private AggregateRules() {}

    static ArchRule aggregatesAreNotPublic(String root) {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .areAnnotatedWith(Aggregate.class)
                .should()
                .notBePublic()
                .because("only commands and events cross a context's boundary, never its aggregates");
    }

    static ArchRule aggregatesKnowNothingOfTransportOrSql(String root) {
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .areAnnotatedWith(Aggregate.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.grpc..",
                        "org.springframework.web..",
                        "org.springframework.jdbc..",
                        "java.sql..",
                        "javax.sql..")
                .because("an aggregate decides on commands and its own events only;"
                        + " I/O belongs to adapters and projections");
    }

    static ArchRule aggregatesHaveAPrivateNoArgConstructor(String root) {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .areAnnotatedWith(Aggregate.class)
                .should(haveAPrivateNoArgConstructor())
                .because("Axon needs it to rebuild an aggregate from its events,"
                        + " and nobody else may create an empty one");
    }

    static ArchRule eventHandlersNameTheirProcessingGroup(String root) {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .and(declareAnEventHandler())
                .should()
                .beAnnotatedWith(ProcessingGroup.class)
                .because("the processing group decides which handlers replay together and share a token");
    }

    static ArchRule projectionsAreNotPublic(String root) {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .and(declareAnEventHandler())
                .should()
                .notBePublic()
                .because("a read model is reached through its context's query interface, not its projection");
    }

    private static DescribedPredicate<JavaClass> declareAnEventHandler() {
        return DescribedPredicate.describe(
                "declare an @EventHandler",
                javaClass ->
                        javaClass.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(EventHandler.class)));
    }

    private static ArchCondition<JavaClass> haveAPrivateNoArgConstructor() {
        return new ArchCondition<>("have a private no-arg constructor") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean satisfied = javaClass
                        .tryGetConstructor()
                        .map(constructor -> constructor.getModifiers().contains(JavaModifier.PRIVATE))
                        .orElse(false);
                events.add(new SimpleConditionEvent(
                        javaClass,
                        satisfied,
                        "%s %s a private no-arg constructor in %s"
                                .formatted(
                                        javaClass.getDescription(),
                                        satisfied ? "has" : "does not have",
                                        javaClass.getSourceCodeLocation())));
            }
        };
    }
}
