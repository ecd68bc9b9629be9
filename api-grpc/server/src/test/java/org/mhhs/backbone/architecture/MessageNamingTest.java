package org.mhhs.backbone.architecture;

import static org.mhhs.backbone.architecture.ArchFixture.assertCaught;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.mhhs.archfixture.isd.api.LedgerEvent;
import org.mhhs.archfixture.isd.api.RegisterThingCommand;
import org.mhhs.archfixture.isd.api.RegisterThingEvent;
import org.mhhs.archfixture.isd.api.ThingHelper;
import org.mhhs.archfixture.isd.api.ThingSummary;

@AnalyzeClasses(packages = MessageNamingTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class MessageNamingTest {

    static final String ROOT = "org.mhhs.backbone";

    @ArchTest
    static final ArchRule events_say_what_happened_in_the_past_tense = MessageRules.eventsArePastTense(ROOT);

    @ArchTest
    static final ArchRule commands_say_what_to_do_in_the_imperative = MessageRules.commandsAreImperative(ROOT);

    @ArchTest
    static final ArchRule query_results_are_views = MessageRules.queryResultsAreViews(ROOT);

    @ArchTest
    static final ArchRule api_packages_hold_only_messages_query_interfaces_and_constants =
            MessageRules.apiPackagesHoldOnlyMessagesAndContracts(ROOT);

    @ArchTest
    static final ArchRule event_families_are_sealed = MessageRules.eventFamiliesAreSealed(ROOT);

    @Test
    void an_event_named_like_a_command_with_an_event_suffix_is_caught() {
        assertCaught(MessageRules.eventsArePastTense(ArchFixture.ROOT), RegisterThingEvent.class);
    }

    @Test
    void a_command_with_a_command_suffix_is_caught() {
        assertCaught(MessageRules.commandsAreImperative(ArchFixture.ROOT), RegisterThingCommand.class);
    }

    @Test
    void a_query_result_not_named_view_is_caught() {
        assertCaught(MessageRules.queryResultsAreViews(ArchFixture.ROOT), ThingSummary.class);
    }

    @Test
    void a_class_with_behaviour_in_an_api_package_is_caught() {
        assertCaught(MessageRules.apiPackagesHoldOnlyMessagesAndContracts(ArchFixture.ROOT), ThingHelper.class);
    }

    @Test
    void an_event_family_that_is_not_sealed_is_caught() {
        assertCaught(MessageRules.eventFamiliesAreSealed(ArchFixture.ROOT), LedgerEvent.class);
    }
}
