package org.mhhs.backbone.isd;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.mhhs.backbone.isd.IsdFixtures.granted;
import static org.mhhs.backbone.isd.IsdFixtures.nameOfLength;
import static org.mhhs.backbone.isd.IsdFixtures.registered;
import static org.mhhs.backbone.kernel.MarketRole.DATA_SERVICE;
import static org.mhhs.backbone.kernel.MarketRole.SUPPLIER;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.INVALID;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.PRECONDITION;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.day;
import static org.mhhs.backbone.kernel.testing.MarketFixture.openFrom;
import static org.mhhs.backbone.kernel.testing.MarketFixture.period;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mhhs.backbone.isd.api.GrantRole;
import org.mhhs.backbone.isd.api.ParticipantRegistered;
import org.mhhs.backbone.isd.api.RegisterParticipant;
import org.mhhs.backbone.isd.api.RevokeRole;
import org.mhhs.backbone.isd.api.RoleGranted;
import org.mhhs.backbone.isd.api.RoleRevoked;
import org.mhhs.backbone.kernel.ParticipantId;

class ParticipantTest {

    private static final ParticipantId SUPPLIER_ID = SUPPLIER_A;

    private FixtureConfiguration<Participant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Participant.class);
    }

    @Test
    void operatorRegistersAParticipantUnderItsNameWithoutSurroundingSpaces() {
        fixture.givenNoPriorActivity()
                .when(new RegisterParticipant(SUPPLIER_ID, "  Acme Energy \t"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ParticipantRegistered(SUPPLIER_ID, "Acme Energy"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void participantCannotBeRegisteredWithABlankName(String blank) {
        fixture.givenNoPriorActivity()
                .when(new RegisterParticipant(SUPPLIER_ID, blank))
                .expectNoEvents()
                .expectException(aViolationOf(ParticipantName.RULE, INVALID));
    }

    @Test
    void participantNameMayHaveAHundredCharacters() {
        fixture.givenNoPriorActivity()
                .when(new RegisterParticipant(SUPPLIER_ID, nameOfLength(100)))
                .expectEvents(new ParticipantRegistered(SUPPLIER_ID, nameOfLength(100)));
    }

    @Test
    void participantCannotBeRegisteredWithANameLongerThanAHundredCharacters() {
        fixture.givenNoPriorActivity()
                .when(new RegisterParticipant(SUPPLIER_ID, nameOfLength(101)))
                .expectNoEvents()
                .expectException(aViolationOf(ParticipantName.RULE, INVALID))
                .expectExceptionMessage(containsString("101 characters"));
    }

    @Test
    void operatorGrantsARoleForAPeriod() {
        fixture.given(registered(SUPPLIER_ID))
                .when(new GrantRole(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-03-31")))
                .expectEvents(new RoleGranted(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-03-31")));
    }

    @Test
    void operatorCannotGrantARolePeriodStartingWhileAnOpenEndedOneOfThatRoleRuns() {
        fixture.given(registered(SUPPLIER_ID), granted(SUPPLIER_ID, SUPPLIER, openFrom("2026-01-01")))
                .when(new GrantRole(SUPPLIER_ID, SUPPLIER, openFrom("2026-07-01")))
                .expectNoEvents()
                .expectException(aViolationOf(RolePeriodsMustNotOverlap.RULE, PRECONDITION));
    }

    @Test
    void operatorCannotGrantARolePeriodOverlappingAClosedOneAlreadyHeld() {
        fixture.given(registered(SUPPLIER_ID), granted(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-03-31")))
                .when(new GrantRole(SUPPLIER_ID, SUPPLIER, period("2026-03-01", "2026-05-31")))
                .expectNoEvents()
                .expectException(aViolationOf(RolePeriodsMustNotOverlap.RULE, PRECONDITION))
                .expectExceptionMessage(containsString("2026-01-01..2026-03-31"));
    }

    @Test
    void aRolePeriodStartingOnTheLastDayOfOneAlreadyHeldOverlapsIt() {
        fixture.given(registered(SUPPLIER_ID), granted(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-03-31")))
                .when(new GrantRole(SUPPLIER_ID, SUPPLIER, openFrom("2026-03-31")))
                .expectNoEvents()
                .expectException(aViolationOf(RolePeriodsMustNotOverlap.RULE, PRECONDITION));
    }

    @Test
    void aRolePeriodEndingOnTheFirstDayOfOneAlreadyHeldOverlapsIt() {
        fixture.given(registered(SUPPLIER_ID), granted(SUPPLIER_ID, SUPPLIER, openFrom("2026-04-01")))
                .when(new GrantRole(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-04-01")))
                .expectNoEvents()
                .expectException(aViolationOf(RolePeriodsMustNotOverlap.RULE, PRECONDITION));
    }

    @Test
    void operatorGrantsARolePeriodStartingTheDayAfterTheHeldOneEnds() {
        fixture.given(registered(SUPPLIER_ID), granted(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-03-31")))
                .when(new GrantRole(SUPPLIER_ID, SUPPLIER, openFrom("2026-04-01")))
                .expectEvents(new RoleGranted(SUPPLIER_ID, SUPPLIER, openFrom("2026-04-01")));
    }

    @Test
    void operatorGrantsTheSamePeriodForADifferentRole() {
        fixture.given(registered(SUPPLIER_ID), granted(SUPPLIER_ID, SUPPLIER, openFrom("2026-01-01")))
                .when(new GrantRole(SUPPLIER_ID, DATA_SERVICE, openFrom("2026-01-01")))
                .expectEvents(new RoleGranted(SUPPLIER_ID, DATA_SERVICE, openFrom("2026-01-01")));
    }

    @Test
    void revokingAnOpenEndedRoleEndsItOnTheLastDay() {
        fixture.given(registered(SUPPLIER_ID), granted(SUPPLIER_ID, SUPPLIER, openFrom("2026-01-01")))
                .when(new RevokeRole(SUPPLIER_ID, SUPPLIER, day("2026-06-30")))
                .expectEvents(new RoleRevoked(SUPPLIER_ID, SUPPLIER, openFrom("2026-01-01"), day("2026-06-30")));
    }

    @Test
    void revokingARoleEarlyEndsTheClosedPeriodContainingTheLastDay() {
        fixture.given(registered(SUPPLIER_ID), granted(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-12-31")))
                .when(new RevokeRole(SUPPLIER_ID, SUPPLIER, day("2026-01-01")))
                .expectEvents(
                        new RoleRevoked(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-12-31"), day("2026-01-01")));
    }

    @Test
    void operatorCannotRevokeARoleOnADayItIsNotHeldAndIsToldWhichPeriodsAre() {
        fixture.given(
                        registered(SUPPLIER_ID),
                        granted(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-03-31")),
                        granted(SUPPLIER_ID, SUPPLIER, openFrom("2026-05-01")))
                .when(new RevokeRole(SUPPLIER_ID, SUPPLIER, day("2026-04-15")))
                .expectNoEvents()
                .expectException(aViolationOf(RoleMustBeHeldOnLastDay.RULE, PRECONDITION))
                .expectExceptionMessage(
                        allOf(containsString("2026-01-01..2026-03-31"), containsString("2026-05-01..open")));
    }

    @Test
    void operatorCannotRevokeARoleTheParticipantNeverHeld() {
        fixture.given(registered(SUPPLIER_ID), granted(SUPPLIER_ID, SUPPLIER, openFrom("2026-01-01")))
                .when(new RevokeRole(SUPPLIER_ID, DATA_SERVICE, day("2026-04-15")))
                .expectNoEvents()
                .expectException(aViolationOf(RoleMustBeHeldOnLastDay.RULE, PRECONDITION))
                .expectExceptionMessage(containsString("never held"));
    }

    @Test
    void revokingARoleOnTheDayItsPeriodAlreadyEndsChangesNothing() {
        fixture.given(registered(SUPPLIER_ID), granted(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-03-31")))
                .when(new RevokeRole(SUPPLIER_ID, SUPPLIER, day("2026-03-31")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void revokingARoleAgainOnTheSameLastDayChangesNothing() {
        fixture.given(
                        registered(SUPPLIER_ID),
                        granted(SUPPLIER_ID, SUPPLIER, openFrom("2026-01-01")),
                        new RoleRevoked(SUPPLIER_ID, SUPPLIER, openFrom("2026-01-01"), day("2026-06-30")))
                .when(new RevokeRole(SUPPLIER_ID, SUPPLIER, day("2026-06-30")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void revokingTheEarlierOfTwoPeriodsEndsOnlyThatOne() {
        fixture.given(
                        registered(SUPPLIER_ID),
                        granted(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-03-31")),
                        granted(SUPPLIER_ID, SUPPLIER, openFrom("2026-04-01")))
                .when(new RevokeRole(SUPPLIER_ID, SUPPLIER, day("2026-02-28")))
                .expectEvents(
                        new RoleRevoked(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-03-31"), day("2026-02-28")));
    }

    @Test
    void afterTheEarlierPeriodIsRevokedTheLaterOneStillBlocksAnOverlappingGrant() {
        fixture.given(
                        registered(SUPPLIER_ID),
                        granted(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-03-31")),
                        granted(SUPPLIER_ID, SUPPLIER, openFrom("2026-04-01")),
                        new RoleRevoked(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-03-31"), day("2026-02-28")))
                .when(new GrantRole(SUPPLIER_ID, SUPPLIER, openFrom("2026-05-01")))
                .expectNoEvents()
                .expectException(aViolationOf(RolePeriodsMustNotOverlap.RULE, PRECONDITION))
                .expectExceptionMessage(containsString("2026-04-01..open"));
    }

    @Test
    void daysFreedByARevocationCanBeGrantedAgain() {
        fixture.given(
                        registered(SUPPLIER_ID),
                        granted(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-03-31")),
                        granted(SUPPLIER_ID, SUPPLIER, openFrom("2026-04-01")),
                        new RoleRevoked(SUPPLIER_ID, SUPPLIER, period("2026-01-01", "2026-03-31"), day("2026-02-28")))
                .when(new GrantRole(SUPPLIER_ID, SUPPLIER, period("2026-03-01", "2026-03-31")))
                .expectEvents(new RoleGranted(SUPPLIER_ID, SUPPLIER, period("2026-03-01", "2026-03-31")));
    }
}
