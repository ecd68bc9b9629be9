package org.mhhs.backbone.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The message naming convention of the contexts' api packages (README, "Adding a bounded context"), built for a root
 * package: commands are imperative without a suffix ({@code RegisterParticipant}), events past tense without a suffix
 * ({@code ParticipantRegistered}), query results end with {@code View} ({@code ParticipantView}).
 */
final class MessageRules {

    private MessageRules() {}

    /**
     * A past participle closes the name, alone or with its particle: {@code ...Registered}, {@code ...TimedOut}, or one
     * of the irregular ones the market uses: {@code ...Withdrawn}.
     */
    static final String PAST_PARTICIPLE = ".*([a-z]ed|Withdrawn)(Out|Up|Off|Down|Over|Back)?";

    static ArchRule eventsArePastTense(String root) {
        return classes()
                .that()
                .resideInAPackage(apiPackages(root))
                .and(areEvents())
                .should()
                .haveNameMatching(".*\\." + PAST_PARTICIPLE)
                .andShould()
                .haveSimpleNameNotEndingWith("Event");
    }

    static ArchRule commandsAreImperative(String root) {
        return classes()
                .that()
                .resideInAPackage(apiPackages(root))
                .and(areCommands())
                .should()
                .haveSimpleNameNotEndingWith("Command")
                .andShould()
                .haveSimpleNameNotEndingWith("ed");
    }

    static ArchRule queryResultsAreViews(String root) {
        return classes()
                .that()
                .resideInAPackage(apiPackages(root))
                .and()
                .areRecords()
                .and(not(areEvents()))
                .and(not(areCommands()))
                .and()
                .areTopLevelClasses()
                .should()
                .haveSimpleNameEndingWith("View")
                .because("a top-level record in an api package that is neither command nor event is a query result;"
                        + " a record nested in a message (SubmitConsumption.Reading) is part of that message's shape");
    }

    static ArchRule apiPackagesHoldOnlyMessagesAndContracts(String root) {
        return classes()
                .that()
                .resideInAPackage(apiPackages(root))
                .should(beARecordAnInterfaceAnEnumOrAConstantHolder())
                .because("behaviour stays inside the context; only messages, query interfaces and constants cross it");
    }

    static ArchRule eventFamiliesAreSealed(String root) {
        return classes()
                .that()
                .resideInAPackage(apiPackages(root))
                .and()
                .areInterfaces()
                .and()
                .haveSimpleNameEndingWith("Event")
                .should(beSealed())
                .because("handlers switch over an aggregate's events exhaustively");
    }

    private static String apiPackages(String root) {
        return root + ".*.api..";
    }

    private static DescribedPredicate<JavaClass> areEvents() {
        return DescribedPredicate.describe(
                "are events (records implementing an *Event interface)",
                javaClass -> javaClass.isRecord()
                        && javaClass.getAllRawInterfaces().stream()
                                .anyMatch(type -> type.getSimpleName().endsWith("Event")));
    }

    private static DescribedPredicate<JavaClass> areCommands() {
        return DescribedPredicate.describe(
                "are commands (records with a @TargetAggregateIdentifier)",
                javaClass -> javaClass.isRecord()
                        && (javaClass.getFields().stream()
                                        .anyMatch(f -> f.isAnnotatedWith(TargetAggregateIdentifier.class))
                                || javaClass.getMethods().stream()
                                        .anyMatch(m -> m.isAnnotatedWith(TargetAggregateIdentifier.class))));
    }

    private static ArchCondition<JavaClass> beARecordAnInterfaceAnEnumOrAConstantHolder() {
        return new ArchCondition<>("be a record, an interface, an enum or a final class of static constants") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean satisfied = javaClass.isRecord()
                        || javaClass.isInterface()
                        || javaClass.isEnum()
                        || isConstantHolder(javaClass);
                events.add(new SimpleConditionEvent(
                        javaClass,
                        satisfied,
                        "%s is %s in %s"
                                .formatted(
                                        javaClass.getDescription(),
                                        satisfied
                                                ? "a message or contract"
                                                : "neither a record, an interface, "
                                                        + "an enum nor a final class of static constants",
                                        javaClass.getSourceCodeLocation())));
            }
        };
    }

    private static boolean isConstantHolder(JavaClass javaClass) {
        return javaClass.getModifiers().contains(JavaModifier.FINAL)
                && javaClass.getFields().stream().allMatch(f -> f.getModifiers().contains(JavaModifier.STATIC))
                && javaClass.getMethods().stream()
                        .allMatch(m -> m.getModifiers().contains(JavaModifier.STATIC))
                && javaClass.getConstructors().stream()
                        .allMatch(c -> c.getModifiers().contains(JavaModifier.PRIVATE));
    }

    private static ArchCondition<JavaClass> beSealed() {
        return new ArchCondition<>("be sealed") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                // the ArchUnit core on the classpath (1.4.2, through Spring Modulith) cannot see permitted subclasses
                boolean sealed = javaClass.reflect().isSealed();
                events.add(new SimpleConditionEvent(
                        javaClass,
                        sealed,
                        "%s is %ssealed in %s"
                                .formatted(
                                        javaClass.getDescription(),
                                        sealed ? "" : "not ",
                                        javaClass.getSourceCodeLocation())));
            }
        };
    }
}
