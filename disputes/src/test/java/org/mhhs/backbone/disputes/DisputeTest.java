package org.mhhs.backbone.disputes;

import static org.mhhs.backbone.kernel.RuleViolation.Kind.INVALID;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.PRECONDITION;
import static org.mhhs.backbone.kernel.testing.MarketFixture.OPERATOR;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.day;
import static org.mhhs.backbone.kernel.testing.MarketFixture.fixedAt;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;

import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.disputes.api.DisputeRaised;
import org.mhhs.backbone.disputes.api.DisputeResolved;
import org.mhhs.backbone.disputes.api.RaiseDispute;
import org.mhhs.backbone.disputes.api.ResolveDispute;

class DisputeTest {

    private static final UUID DISPUTE = UUID.fromString("00000000-0000-0000-0000-0000000d15b7");

    private FixtureConfiguration<Dispute> fixture;

    @BeforeEach
    void onTheMorningOfTheSixteenthOfJune() {
        // 2026-06-16 08:00 in London (BST): the 15th has ended, the 16th has not
        fixture = new AggregateTestFixture<>(Dispute.class).registerInjectableResource(fixedAt("2026-06-16T07:00:00Z"));
    }

    @Test
    void aSupplierDisputesADayThatHasEnded() {
        fixture.givenNoPriorActivity()
                .when(new RaiseDispute(DISPUTE, day("2026-06-15"), SUPPLIER_A, "  volumes too high "))
                .expectEvents(new DisputeRaised(DISPUTE, day("2026-06-15"), SUPPLIER_A, "volumes too high"));
    }

    @Test
    void todayCannotBeDisputedBeforeItEnds() {
        fixture.givenNoPriorActivity()
                .when(new RaiseDispute(DISPUTE, day("2026-06-16"), SUPPLIER_A, "volumes too high"))
                .expectNoEvents()
                .expectException(aViolationOf(DisputedDayMustHaveEnded.RULE, INVALID));
    }

    @Test
    void theOperatorResolvesAnOpenDispute() {
        fixture.given(new DisputeRaised(DISPUTE, day("2026-06-15"), SUPPLIER_A, "volumes too high"))
                .when(new ResolveDispute(DISPUTE, " corrected in R1 ", OPERATOR))
                .expectEvents(new DisputeResolved(DISPUTE, day("2026-06-15"), SUPPLIER_A, "corrected in R1", OPERATOR));
    }

    @Test
    void aResolvedDisputeIsNotResolvedAgain() {
        fixture.given(
                        new DisputeRaised(DISPUTE, day("2026-06-15"), SUPPLIER_A, "volumes too high"),
                        new DisputeResolved(DISPUTE, day("2026-06-15"), SUPPLIER_A, "corrected in R1", OPERATOR))
                .when(new ResolveDispute(DISPUTE, "corrected again", OPERATOR))
                .expectNoEvents()
                .expectException(aViolationOf(DisputeIsResolvedOnce.RULE, PRECONDITION));
    }
}
