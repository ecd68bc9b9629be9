package org.mhhs.backbone.registration;

import static org.hamcrest.Matchers.containsString;
import static org.mhhs.backbone.kernel.MarketRole.REGISTRATION_SERVICE;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.FORBIDDEN;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.PRECONDITION;
import static org.mhhs.backbone.kernel.testing.MarketFixture.EASTERN;
import static org.mhhs.backbone.kernel.testing.MarketFixture.EAST_MIDLANDS;
import static org.mhhs.backbone.kernel.testing.MarketFixture.REGISTRATION_SERVICE_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.openFrom;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;
import static org.mhhs.backbone.registration.MeteringPointFixtures.MID_JUNE_2026;
import static org.mhhs.backbone.registration.MeteringPointFixtures.aDetailsChange;
import static org.mhhs.backbone.registration.MeteringPointFixtures.aMeteringPoint;
import static org.mhhs.backbone.registration.MeteringPointFixtures.detailsChanged;
import static org.mhhs.backbone.registration.MeteringPointFixtures.meteringPointFixture;
import static org.mhhs.backbone.registration.MeteringPointFixtures.theMarket;
import static org.mhhs.backbone.registration.api.EnergisationStatus.DE_ENERGISED;
import static org.mhhs.backbone.registration.api.EnergisationStatus.ENERGISED;
import static org.mhhs.backbone.registration.api.MarketSegment.ADVANCED;
import static org.mhhs.backbone.registration.api.MarketSegment.SMART;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.isd.testing.FakeIsdQueries;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;

class MeteringPointRegistrationTest {

    private static final MeteringPointRegistered REGISTERED =
            aMeteringPoint().inGspGroup("_A").from("2026-01-01").registered();

    private final FakeIsdQueries isd = theMarket();
    private FixtureConfiguration<MeteringPoint> fixture;

    @BeforeEach
    void setUp() {
        fixture = meteringPointFixture(isd, MID_JUNE_2026);
    }

    @Test
    void registrationServiceRegistersAMeteringPointInAGspGroupWithADno() {
        var meteringPoint = aMeteringPoint()
                .inGspGroup("_A")
                .inSegment(SMART)
                .withEnergisation(ENERGISED)
                .from("2026-01-01");

        fixture.givenNoPriorActivity().when(meteringPoint.registration()).expectEvents(meteringPoint.registered());
    }

    @Test
    void aParticipantThatIsNotARegistrationServiceCannotRegisterAMeteringPoint() {
        var meteringPoint = aMeteringPoint().registeredBy(ParticipantId.of("SUPA"));

        fixture.givenNoPriorActivity()
                .when(meteringPoint.registration())
                .expectNoEvents()
                .expectException(aViolationOf(RegistrationServiceMustHoldRole.RULE, FORBIDDEN));
    }

    @Test
    void aRegistrationServiceCannotRegisterAMeteringPointFromBeforeItHeldTheRole() {
        ParticipantId newcomer = ParticipantId.of("RGSN");
        isd.holding(newcomer, REGISTRATION_SERVICE, openFrom("2026-03-01"));

        fixture.givenNoPriorActivity()
                .when(aMeteringPoint().registeredBy(newcomer).from("2026-02-28").registration())
                .expectNoEvents()
                .expectException(aViolationOf(RegistrationServiceMustHoldRole.RULE, FORBIDDEN))
                .expectExceptionMessage(containsString("2026-02-28"));
    }

    @Test
    void aMeteringPointCannotBeRegisteredInAGspGroupWithoutADno() {
        fixture.givenNoPriorActivity()
                .when(aMeteringPoint().inGspGroup("_C").registration())
                .expectNoEvents()
                .expectException(aViolationOf(GspGroupMustBeRegistered.RULE, PRECONDITION));
    }

    @Test
    void aMoveToAnotherGspGroupCarriesTheUnchangedSegmentAndEnergisation() {
        fixture.given(REGISTERED)
                .when(aDetailsChange().toGspGroup("_B").from("2026-07-01").command())
                .expectEvents(detailsChanged(EAST_MIDLANDS, SMART, ENERGISED, "2026-07-01"));
    }

    @Test
    void aChangeOfSegmentCarriesTheUnchangedGspGroupAndEnergisation() {
        fixture.given(REGISTERED)
                .when(aDetailsChange().toSegment(ADVANCED).from("2026-07-01").command())
                .expectEvents(detailsChanged(EASTERN, ADVANCED, ENERGISED, "2026-07-01"));
    }

    @Test
    void aDeEnergisationCarriesTheUnchangedGspGroupAndSegment() {
        fixture.given(REGISTERED)
                .when(aDetailsChange()
                        .toEnergisation(DE_ENERGISED)
                        .from("2026-07-01")
                        .command())
                .expectEvents(detailsChanged(EASTERN, SMART, DE_ENERGISED, "2026-07-01"));
    }

    @Test
    void detailsLeftOutOfAChangeKeepTheValuesOfTheLatestChange() {
        fixture.given(REGISTERED, detailsChanged(EAST_MIDLANDS, SMART, ENERGISED, "2026-07-01"))
                .when(aDetailsChange().toSegment(ADVANCED).from("2026-08-01").command())
                .expectEvents(detailsChanged(EAST_MIDLANDS, ADVANCED, ENERGISED, "2026-08-01"));
    }

    @Test
    void aChangeToTheDetailsAlreadyInForceChangesNothing() {
        fixture.given(REGISTERED)
                .when(aDetailsChange()
                        .toGspGroup("_A")
                        .toSegment(SMART)
                        .toEnergisation(ENERGISED)
                        .from("2026-07-01")
                        .command())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aChangeNamingNoDetailsChangesNothing() {
        fixture.given(REGISTERED)
                .when(aDetailsChange().from("2026-07-01").command())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void onlyTheRegistrationServiceOfAMeteringPointMayChangeItsDetails() {
        fixture.given(REGISTERED)
                .when(aDetailsChange()
                        .toSegment(ADVANCED)
                        .by(REGISTRATION_SERVICE_B)
                        .command())
                .expectNoEvents()
                .expectException(aViolationOf(OnlyItsRegistrationServiceMayChangeIt.RULE, FORBIDDEN));
    }

    @Test
    void detailsCannotChangeOnTheDayOfTheLatestChange() {
        fixture.given(REGISTERED, detailsChanged(EAST_MIDLANDS, SMART, ENERGISED, "2026-07-01"))
                .when(aDetailsChange().toSegment(ADVANCED).from("2026-07-01").command())
                .expectNoEvents()
                .expectException(aViolationOf(DetailsChangesInOrder.RULE, PRECONDITION));
    }

    @Test
    void detailsCannotChangeBeforeTheLatestChange() {
        fixture.given(REGISTERED, detailsChanged(EAST_MIDLANDS, SMART, ENERGISED, "2026-07-01"))
                .when(aDetailsChange().toSegment(ADVANCED).from("2026-06-30").command())
                .expectNoEvents()
                .expectException(aViolationOf(DetailsChangesInOrder.RULE, PRECONDITION))
                .expectExceptionMessage(containsString("2026-07-01"));
    }

    @Test
    void detailsCannotChangeOnTheDayTheMeteringPointWasRegistered() {
        fixture.given(REGISTERED)
                .when(aDetailsChange().toSegment(ADVANCED).from("2026-01-01").command())
                .expectNoEvents()
                .expectException(aViolationOf(DetailsChangesInOrder.RULE, PRECONDITION));
    }

    @Test
    void aMeteringPointCannotMoveToAGspGroupWithoutADno() {
        fixture.given(REGISTERED)
                .when(aDetailsChange().toGspGroup("_C").from("2026-07-01").command())
                .expectNoEvents()
                .expectException(aViolationOf(GspGroupMustBeRegistered.RULE, PRECONDITION));
    }
}
