package org.mhhs.backbone.architecture;

import static org.mhhs.backbone.architecture.ArchFixture.assertCaught;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.mhhs.archfixture.isd.PublicLedger;
import org.mhhs.archfixture.isd.PublicLedgerProjection;

@AnalyzeClasses(packages = AggregateRulesTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class AggregateRulesTest {

    static final String ROOT = "org.mhhs.backbone";

    @ArchTest
    static final ArchRule aggregates_are_internal_to_their_context = AggregateRules.aggregatesAreNotPublic(ROOT);

    @ArchTest
    static final ArchRule aggregates_know_nothing_of_grpc_web_or_sql =
            AggregateRules.aggregatesKnowNothingOfTransportOrSql(ROOT);

    @ArchTest
    static final ArchRule aggregates_can_be_rebuilt_only_by_axon =
            AggregateRules.aggregatesHaveAPrivateNoArgConstructor(ROOT);

    @ArchTest
    static final ArchRule event_handlers_name_their_processing_group =
            AggregateRules.eventHandlersNameTheirProcessingGroup(ROOT);

    @ArchTest
    static final ArchRule projections_are_internal_to_their_context = AggregateRules.projectionsAreNotPublic(ROOT);

    @Test
    void a_public_aggregate_is_caught() {
        assertCaught(AggregateRules.aggregatesAreNotPublic(ArchFixture.ROOT), PublicLedger.class);
    }

    @Test
    void an_aggregate_holding_a_sql_connection_is_caught() {
        assertCaught(AggregateRules.aggregatesKnowNothingOfTransportOrSql(ArchFixture.ROOT), PublicLedger.class);
    }

    @Test
    void an_aggregate_anyone_can_construct_empty_is_caught() {
        assertCaught(AggregateRules.aggregatesHaveAPrivateNoArgConstructor(ArchFixture.ROOT), PublicLedger.class);
    }

    @Test
    void a_projection_in_the_default_processing_group_is_caught() {
        assertCaught(
                AggregateRules.eventHandlersNameTheirProcessingGroup(ArchFixture.ROOT), PublicLedgerProjection.class);
    }

    @Test
    void a_public_projection_is_caught() {
        assertCaught(AggregateRules.projectionsAreNotPublic(ArchFixture.ROOT), PublicLedgerProjection.class);
    }
}
