package org.mhhs.backbone.architecture;

import static org.mhhs.backbone.architecture.ArchFixture.assertCaught;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

@AnalyzeClasses(packages = AdapterRulesTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class AdapterRulesTest {

    static final String ROOT = "org.mhhs.backbone";

    @ArchTest
    static final ArchRule adapters_use_only_their_context_upstream_apis_and_the_plumbing =
            AdapterRules.adaptersUseOnlyTheirContextUpstreamApisAndThePlumbing(ROOT);

    @ArchTest
    static final ArchRule every_adapter_package_is_in_the_table = AdapterRules.everyAdapterPackageIsInTheTable(ROOT);

    @Test
    void an_adapter_using_a_downstream_context_is_caught() {
        assertCaught(
                AdapterRules.adaptersUseOnlyTheirContextUpstreamApisAndThePlumbing(ArchFixture.ROOT),
                classNamed("org.mhhs.archfixture.grpc.isd.LedgerAdapter"));
    }

    @Test
    void an_adapter_borrowing_another_adapter_is_caught() {
        assertCaught(
                AdapterRules.adaptersUseOnlyTheirContextUpstreamApisAndThePlumbing(ArchFixture.ROOT),
                classNamed("org.mhhs.archfixture.grpc.isd.ThingAdapter"));
    }

    @Test
    void an_adapter_package_missing_from_the_table_is_caught() {
        assertCaught(
                AdapterRules.everyAdapterPackageIsInTheTable(ArchFixture.ROOT),
                classNamed("org.mhhs.archfixture.grpc.tariffs.TariffAdapter"));
    }

    private static Class<?> classNamed(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
