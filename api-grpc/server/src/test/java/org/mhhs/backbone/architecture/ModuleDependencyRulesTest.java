package org.mhhs.backbone.architecture;

import static org.mhhs.backbone.architecture.ArchFixture.assertCaught;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.mhhs.archfixture.grpc.LedgerService;
import org.mhhs.archfixture.isd.LedgerEntry;
import org.mhhs.archfixture.kernel.Money;

@AnalyzeClasses(packages = ModuleDependencyRulesTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleDependencyRulesTest {

    static final String ROOT = "org.mhhs.backbone";

    @ArchTest
    static final ArchRule modules_depend_only_on_what_the_dependency_table_allows =
            ModuleRules.modulesDependOnlyAsTheTableAllows(ROOT);

    @ArchTest
    static final ArchRule modules_depend_on_each_other_without_cycles = ModuleRules.modulesAreFreeOfCycles(ROOT);

    @ArchTest
    static final ArchRule bounded_contexts_are_used_only_through_their_api =
            ModuleRules.boundedContextsArePublishedOnlyThroughTheirApi(ROOT);

    @ArchTest
    static final ArchRule the_shared_kernel_is_plain_java = ModuleRules.theKernelIsPlainJava(ROOT);

    @Test
    void a_context_reaching_into_the_grpc_layer_breaks_the_dependency_table() {
        assertCaught(ModuleRules.modulesDependOnlyAsTheTableAllows(ArchFixture.ROOT), LedgerEntry.class);
    }

    @Test
    void a_context_and_the_grpc_layer_using_each_other_form_a_cycle() {
        assertCaught(ModuleRules.modulesAreFreeOfCycles(ArchFixture.ROOT), LedgerService.class);
    }

    @Test
    void the_grpc_layer_using_a_context_internal_is_caught() {
        assertCaught(
                ModuleRules.boundedContextsArePublishedOnlyThroughTheirApi(
                        ArchFixture.ROOT, ArchFixture.BOUNDED_CONTEXTS),
                LedgerService.class);
    }

    @Test
    void a_kernel_value_object_validating_with_spring_is_caught() {
        assertCaught(ModuleRules.theKernelIsPlainJava(ArchFixture.ROOT), Money.class);
    }
}
