package org.mhhs.backbone.architecture;

import static org.mhhs.backbone.architecture.ArchFixture.assertCaught;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.mhhs.archfixture.isd.LedgerEntryIsDated;
import org.mhhs.archfixture.isd.LedgerRules;

@AnalyzeClasses(packages = RuleTypeRulesTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class RuleTypeRulesTest {

    static final String ROOT = "org.mhhs.backbone";

    @ArchTest
    static final ArchRule no_context_gathers_rules_in_a_holder_class = RuleTypeRules.noRuleHolders(ROOT);

    @ArchTest
    static final ArchRule rule_types_are_final_internal_and_named_like_their_rule =
            RuleTypeRules.ruleTypesAreFinalInternalAndNamedLikeTheirRule(ROOT);

    @Test
    void a_holder_of_several_rules_is_caught() {
        assertCaught(RuleTypeRules.noRuleHolders(ArchFixture.ROOT, ArchFixture.BOUNDED_CONTEXTS), LedgerRules.class);
    }

    @Test
    void a_rule_type_whose_rule_has_another_name_is_caught() throws ClassNotFoundException {
        assertCaught(
                RuleTypeRules.ruleTypesAreFinalInternalAndNamedLikeTheirRule(
                        ArchFixture.ROOT, ArchFixture.BOUNDED_CONTEXTS),
                packagePrivateFixture("LedgerMustBalance"));
    }

    @Test
    void a_rule_type_that_is_not_final_is_caught() throws ClassNotFoundException {
        assertCaught(
                RuleTypeRules.ruleTypesAreFinalInternalAndNamedLikeTheirRule(
                        ArchFixture.ROOT, ArchFixture.BOUNDED_CONTEXTS),
                packagePrivateFixture("LedgerIsClosedOnce"));
    }

    @Test
    void a_public_rule_type_is_caught() {
        assertCaught(
                RuleTypeRules.ruleTypesAreFinalInternalAndNamedLikeTheirRule(
                        ArchFixture.ROOT, ArchFixture.BOUNDED_CONTEXTS),
                LedgerEntryIsDated.class);
    }

    /** A rule type of the fixture that is in shape but for one point, and so package-private like a real one. */
    private static Class<?> packagePrivateFixture(String simpleName) throws ClassNotFoundException {
        return Class.forName(ArchFixture.ROOT + ".isd." + simpleName, false, RuleTypeRulesTest.class.getClassLoader());
    }
}
