package org.mhhs.backbone.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rules for the market rules of the bounded contexts, built for a root package: each rule is one small named type whose
 * name is the rule's wire name (the gRPC {@code ErrorInfo.reason}), never a constant in a holder of several rules.
 */
final class RuleTypeRules {

    static final String RULE_FIELD = "RULE";

    private RuleTypeRules() {}

    /** For the hub's root package, with the hub's bounded contexts. */
    static ArchRule noRuleHolders(String root) {
        return noRuleHolders(root, ModuleRules.boundedContexts());
    }

    /** For any root package (e.g. the fixture's, which has no application), with that root's bounded contexts. */
    static ArchRule noRuleHolders(String root, List<String> boundedContexts) {
        return noClasses()
                .that()
                .resideInAnyPackage(packagesOf(root, boundedContexts))
                .should()
                .haveSimpleNameEndingWith("Rules")
                .because("each market rule is its own small type named like the rule, not one of a holder's constants");
    }

    /** For the hub's root package, with the hub's bounded contexts. */
    static ArchRule ruleTypesAreFinalInternalAndNamedLikeTheirRule(String root) {
        return ruleTypesAreFinalInternalAndNamedLikeTheirRule(root, ModuleRules.boundedContexts());
    }

    /** For any root package (e.g. the fixture's, which has no application), with that root's bounded contexts. */
    static ArchRule ruleTypesAreFinalInternalAndNamedLikeTheirRule(String root, List<String> boundedContexts) {
        return classes()
                .that()
                .resideInAnyPackage(packagesOf(root, boundedContexts))
                .and(declareARuleName())
                .should()
                .haveModifier(JavaModifier.FINAL)
                .andShould()
                .notBePublic()
                .andShould(carryTheirSimpleNameAsRule())
                .because("a rule type is a context internal, and the name a participant receives is the name of the "
                        + "type that checks it");
    }

    private static String[] packagesOf(String root, List<String> boundedContexts) {
        return boundedContexts.stream()
                .map(context -> root + "." + context + "..")
                .toArray(String[]::new);
    }

    private static DescribedPredicate<JavaClass> declareARuleName() {
        return DescribedPredicate.describe(
                "declare a static final String " + RULE_FIELD,
                javaClass -> ruleField(javaClass).isPresent());
    }

    private static Optional<JavaField> ruleField(JavaClass javaClass) {
        return javaClass
                .tryGetField(RULE_FIELD)
                .filter(field -> field.getModifiers().contains(JavaModifier.STATIC))
                .filter(field -> field.getModifiers().contains(JavaModifier.FINAL))
                .filter(field -> field.getRawType().isEquivalentTo(String.class));
    }

    private static ArchCondition<JavaClass> carryTheirSimpleNameAsRule() {
        return new ArchCondition<>("carry their simple name as " + RULE_FIELD) {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                ruleField(javaClass).ifPresent(field -> {
                    Object rule = valueOf(field);
                    boolean satisfied = Objects.equals(rule, javaClass.getSimpleName());
                    events.add(new SimpleConditionEvent(
                            javaClass,
                            satisfied,
                            "%s declares %s = \"%s\"%s in %s"
                                    .formatted(
                                            javaClass.getDescription(),
                                            RULE_FIELD,
                                            rule,
                                            satisfied
                                                    ? ""
                                                    : ", not its simple name \"" + javaClass.getSimpleName() + "\"",
                                            javaClass.getSourceCodeLocation())));
                });
            }
        };
    }

    private static Object valueOf(JavaField field) {
        try {
            Field reflected = field.reflect();
            reflected.setAccessible(true);
            return reflected.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field.getFullName(), e);
        }
    }
}
