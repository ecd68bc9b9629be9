package org.mhhs.backbone.isd;

import static org.hamcrest.Matchers.containsString;
import static org.mhhs.backbone.isd.IsdFixtures.MID_JUNE_2026;
import static org.mhhs.backbone.isd.IsdFixtures.gspGroupRegistered;
import static org.mhhs.backbone.isd.IsdFixtures.nameOfLength;
import static org.mhhs.backbone.kernel.MarketRole.DNO;
import static org.mhhs.backbone.kernel.MarketRole.SUPPLIER;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.INVALID;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.PRECONDITION;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DNO_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DNO_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.EAST_MIDLANDS;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.openFrom;
import static org.mhhs.backbone.kernel.testing.MarketFixture.period;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.isd.api.ChangeGspGroupDno;
import org.mhhs.backbone.isd.api.GspGroupDnoChanged;
import org.mhhs.backbone.isd.api.GspGroupRegistered;
import org.mhhs.backbone.isd.api.RegisterGspGroup;
import org.mhhs.backbone.isd.testing.FakeIsdQueries;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

class GspGroupTest {

    private static final GspGroupId GSP_GROUP = EAST_MIDLANDS;
    private static final ParticipantId DNO_ID = DNO_A;
    private static final ParticipantId OTHER_DNO_ID = DNO_B;
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    private static final LocalDate LAST_WEEK = TODAY.minusDays(7);

    private final FakeIsdQueries isd = new FakeIsdQueries();
    private FixtureConfiguration<GspGroup> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureAt(MID_JUNE_2026);
    }

    private FixtureConfiguration<GspGroup> fixtureAt(Clock clock) {
        return new AggregateTestFixture<>(GspGroup.class).registerInjectableResources(isd, clock);
    }

    @Test
    void operatorRegistersAGspGroupOperatedByADnoHoldingTheDnoRoleToday() {
        isd.holding(DNO_ID, DNO, openFrom("2020-01-01"));

        fixture.givenNoPriorActivity()
                .when(new RegisterGspGroup(GSP_GROUP, " East Midlands ", DNO_ID))
                .expectEvents(new GspGroupRegistered(GSP_GROUP, "East Midlands", DNO_ID));
    }

    @Test
    void aDnoWhoseRolePeriodEndsTodayMayStillOperateAGspGroup() {
        isd.holding(DNO_ID, DNO, period("2020-01-01", "2026-06-15"));

        fixture.givenNoPriorActivity()
                .when(new RegisterGspGroup(GSP_GROUP, "East Midlands", DNO_ID))
                .expectEvents(new GspGroupRegistered(GSP_GROUP, "East Midlands", DNO_ID));
    }

    @Test
    void todayIsTheSettlementDayInLondonNotInUtc() {
        isd.holding(DNO_ID, DNO, openFrom("2026-06-15"));
        Clock halfPastMidnightInLondon = Clock.fixed(Instant.parse("2026-06-14T23:30:00Z"), ZoneOffset.UTC);

        fixtureAt(halfPastMidnightInLondon)
                .givenNoPriorActivity()
                .when(new RegisterGspGroup(GSP_GROUP, "East Midlands", DNO_ID))
                .expectEvents(new GspGroupRegistered(GSP_GROUP, "East Midlands", DNO_ID));
    }

    @Test
    void aGspGroupCannotBeOperatedByAParticipantThatIsNotADno() {
        isd.holding(DNO_ID, SUPPLIER, openFrom("2020-01-01"));

        fixture.givenNoPriorActivity()
                .when(new RegisterGspGroup(GSP_GROUP, "East Midlands", DNO_ID))
                .expectNoEvents()
                .expectException(aViolationOf(GspGroupDnoMustHoldDnoRole.RULE, PRECONDITION))
                .expectExceptionMessage(containsString("2026-06-15"));
    }

    @Test
    void aGspGroupCannotBeOperatedByADnoWhoseRoleEndedYesterday() {
        isd.holding(DNO_ID, DNO, period("2020-01-01", "2026-06-14"));

        fixture.givenNoPriorActivity()
                .when(new RegisterGspGroup(GSP_GROUP, "East Midlands", DNO_ID))
                .expectNoEvents()
                .expectException(aViolationOf(GspGroupDnoMustHoldDnoRole.RULE, PRECONDITION));
    }

    @Test
    void aGspGroupCannotBeOperatedByADnoWhoseRoleStartsTomorrow() {
        isd.holding(DNO_ID, DNO, openFrom("2026-06-16"));

        fixture.givenNoPriorActivity()
                .when(new RegisterGspGroup(GSP_GROUP, "East Midlands", DNO_ID))
                .expectNoEvents()
                .expectException(aViolationOf(GspGroupDnoMustHoldDnoRole.RULE, PRECONDITION));
    }

    @Test
    void aGspGroupCannotBeRegisteredWithABlankName() {
        isd.holding(DNO_ID, DNO, openFrom("2020-01-01"));

        fixture.givenNoPriorActivity()
                .when(new RegisterGspGroup(GSP_GROUP, "  ", DNO_ID))
                .expectNoEvents()
                .expectException(aViolationOf(GspGroupName.RULE, INVALID));
    }

    @Test
    void aGspGroupCannotBeRegisteredWithANameLongerThanAHundredCharacters() {
        isd.holding(DNO_ID, DNO, openFrom("2020-01-01"));

        fixture.givenNoPriorActivity()
                .when(new RegisterGspGroup(GSP_GROUP, nameOfLength(101), DNO_ID))
                .expectNoEvents()
                .expectException(aViolationOf(GspGroupName.RULE, INVALID));
    }

    @Test
    void changingAGspGroupToTheDnoAlreadyOperatingItChangesNothing() {
        fixture.given(gspGroupRegistered(GSP_GROUP, DNO_ID))
                .when(new ChangeGspGroupDno(GSP_GROUP, DNO_ID, TODAY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void operatorHandsAGspGroupToAnotherDnoAndTheEventNamesThePreviousOne() {
        isd.holding(OTHER_DNO_ID, DNO, openFrom("2026-06-01"));

        fixture.given(gspGroupRegistered(GSP_GROUP, DNO_ID))
                .when(new ChangeGspGroupDno(GSP_GROUP, OTHER_DNO_ID, TODAY))
                .expectEvents(new GspGroupDnoChanged(GSP_GROUP, DNO_ID, OTHER_DNO_ID, TODAY));
    }

    @Test
    void aSecondHandOverNamesTheDnoOfTheFirstAsPrevious() {
        ParticipantId thirdDno = ParticipantId.of("DNOC");
        isd.holding(thirdDno, DNO, openFrom("2026-06-01"));

        fixture.given(
                        gspGroupRegistered(GSP_GROUP, DNO_ID),
                        new GspGroupDnoChanged(GSP_GROUP, DNO_ID, OTHER_DNO_ID, LAST_WEEK))
                .when(new ChangeGspGroupDno(GSP_GROUP, thirdDno, TODAY))
                .expectEvents(new GspGroupDnoChanged(GSP_GROUP, OTHER_DNO_ID, thirdDno, TODAY));
    }

    @Test
    void aGspGroupCannotBeHandedToAParticipantThatIsNotADno() {
        isd.holding(SUPPLIER_A, SUPPLIER, openFrom("2020-01-01"));

        fixture.given(gspGroupRegistered(GSP_GROUP, DNO_ID))
                .when(new ChangeGspGroupDno(GSP_GROUP, SUPPLIER_A, TODAY))
                .expectNoEvents()
                .expectException(aViolationOf(GspGroupDnoMustHoldDnoRole.RULE, PRECONDITION));
    }

    @Test
    void aChangeOfDnoMayBeScheduledForALaterDayWhenTheNewDnoHoldsTheRoleFromThen() {
        isd.holding(OTHER_DNO_ID, DNO, openFrom("2026-07-01"));

        fixture.given(gspGroupRegistered(GSP_GROUP, DNO_ID))
                .when(new ChangeGspGroupDno(GSP_GROUP, OTHER_DNO_ID, LocalDate.of(2026, 7, 1)))
                .expectEvents(new GspGroupDnoChanged(GSP_GROUP, DNO_ID, OTHER_DNO_ID, LocalDate.of(2026, 7, 1)));
    }

    @Test
    void aChangeOfDnoCannotRewriteWhoWasTheDnoOnAPastDay() {
        isd.holding(OTHER_DNO_ID, DNO, openFrom("2020-01-01"));

        fixture.given(gspGroupRegistered(GSP_GROUP, DNO_ID))
                .when(new ChangeGspGroupDno(GSP_GROUP, OTHER_DNO_ID, TODAY.minusDays(1)))
                .expectNoEvents()
                .expectException(aViolationOf(DnoChangeNotInThePast.RULE, PRECONDITION));
    }

    @Test
    void aChangeOfDnoMustStartAfterTheChangeAlreadyScheduled() {
        ParticipantId thirdDno = ParticipantId.of("DNOC");
        isd.holding(thirdDno, DNO, openFrom("2020-01-01"));

        fixture.given(
                        gspGroupRegistered(GSP_GROUP, DNO_ID),
                        new GspGroupDnoChanged(GSP_GROUP, DNO_ID, OTHER_DNO_ID, TODAY.plusDays(10)))
                .when(new ChangeGspGroupDno(GSP_GROUP, thirdDno, TODAY.plusDays(10)))
                .expectNoEvents()
                .expectException(aViolationOf(DnoChangesInOrder.RULE, PRECONDITION));
    }

    @Test
    void theNewDnoMustHoldTheDnoRoleOnItsFirstDayNotMerelyToday() {
        isd.holding(OTHER_DNO_ID, DNO, period("2020-01-01", "2026-06-30"));

        fixture.given(gspGroupRegistered(GSP_GROUP, DNO_ID))
                .when(new ChangeGspGroupDno(GSP_GROUP, OTHER_DNO_ID, LocalDate.of(2026, 7, 1)))
                .expectNoEvents()
                .expectException(aViolationOf(GspGroupDnoMustHoldDnoRole.RULE, PRECONDITION));
    }
}
