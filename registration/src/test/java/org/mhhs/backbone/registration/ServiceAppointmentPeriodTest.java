package org.mhhs.backbone.registration;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.FORBIDDEN;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.PRECONDITION;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.METERING_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_B;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;
import static org.mhhs.backbone.registration.MeteringPointFixtures.MID_JUNE_2026;
import static org.mhhs.backbone.registration.MeteringPointFixtures.aDataServiceAppointment;
import static org.mhhs.backbone.registration.MeteringPointFixtures.aMeteringPoint;
import static org.mhhs.backbone.registration.MeteringPointFixtures.aMeteringServiceAppointment;
import static org.mhhs.backbone.registration.MeteringPointFixtures.endOf;
import static org.mhhs.backbone.registration.MeteringPointFixtures.meteringPointFixture;
import static org.mhhs.backbone.registration.MeteringPointFixtures.supplierChanged;
import static org.mhhs.backbone.registration.MeteringPointFixtures.supplierRegistered;
import static org.mhhs.backbone.registration.MeteringPointFixtures.theMarket;
import static org.mhhs.backbone.registration.api.ServiceRole.DATA_SERVICE;
import static org.mhhs.backbone.registration.api.ServiceRole.METERING_SERVICE;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.isd.testing.FakeIsdQueries;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.SupplierRegistered;

/** Who is appointed when: one service per role and day, replaced by a later appointment or ended by the supplier. */
class ServiceAppointmentPeriodTest {

    private static final MeteringPointRegistered REGISTERED =
            aMeteringPoint().from("2026-01-01").registered();
    private static final SupplierRegistered SUPPLIER_A_SINCE_JANUARY = supplierRegistered(SUPPLIER_A, "2026-01-01");

    private final FakeIsdQueries isd = theMarket();
    private final MeteringPointFixtures.AppointmentBuilder dataServiceA =
            aDataServiceAppointment().of(DATA_SERVICE_A).from("2026-07-01").requestedBy(SUPPLIER_A);
    private FixtureConfiguration<MeteringPoint> fixture;

    @BeforeEach
    void setUp() {
        fixture = meteringPointFixture(isd, MID_JUNE_2026);
    }

    private Object[] dataServiceAAppointedFromJuly() {
        return new Object[] {REGISTERED, SUPPLIER_A_SINCE_JANUARY, dataServiceA.requested(), dataServiceA.accepted()};
    }

    @Test
    void aNewDataServiceAcceptingFromADayEndsTheOneInForceTheDayBefore() {
        var dataServiceB =
                aDataServiceAppointment().of(DATA_SERVICE_B).from("2026-08-01").requestedBy(SUPPLIER_A);

        fixture.given(dataServiceAAppointedFromJuly())
                .andGiven(dataServiceB.requested())
                .when(dataServiceB.accept())
                .expectEvents(dataServiceA.endedOn("2026-07-31"), dataServiceB.accepted());
    }

    @Test
    void theGainingSuppliersNewDataServiceEndsTheLosingSuppliersOneAndSaysWhoEndedIt() {
        var dataServiceB =
                aDataServiceAppointment().of(DATA_SERVICE_B).from("2026-08-01").requestedBy(SUPPLIER_B);

        fixture.given(dataServiceAAppointedFromJuly())
                .andGiven(supplierChanged(SUPPLIER_B, "2026-08-01", SUPPLIER_A, "2026-01-01"), dataServiceB.requested())
                .when(dataServiceB.accept())
                .expectEvents(dataServiceA.endedOn("2026-07-31", SUPPLIER_B), dataServiceB.accepted());
    }

    @Test
    void aNewDataServiceFromAfterTheLastDayOfTheOldOneEndsNothing() {
        var dataServiceB = aDataServiceAppointment().of(DATA_SERVICE_B).from("2026-09-01");

        fixture.given(dataServiceAAppointedFromJuly())
                .andGiven(dataServiceA.endedOn("2026-07-31"), dataServiceB.requested())
                .when(dataServiceB.accept())
                .expectEvents(dataServiceB.accepted());
    }

    @Test
    void aNewMeteringServiceDoesNotEndTheDataService() {
        var meteringService =
                aMeteringServiceAppointment().of(METERING_SERVICE_A).from("2026-08-01");

        fixture.given(dataServiceAAppointedFromJuly())
                .andGiven(meteringService.requested())
                .when(meteringService.accept())
                .expectEvents(meteringService.accepted());
    }

    @Test
    void anAppointmentCannotStartOnTheDayTheLatestOneStarts() {
        fixture.given(dataServiceAAppointedFromJuly())
                .when(aDataServiceAppointment()
                        .of(DATA_SERVICE_B)
                        .from("2026-07-01")
                        .request())
                .expectNoEvents()
                .expectException(aViolationOf(AppointmentPeriodsMustNotOverlap.RULE, PRECONDITION)
                        .about(allOf(containsString("DATA_SERVICE/2026-07-01..open"), not(containsString("DSVA")))));
    }

    @Test
    void anAppointmentCannotStartBeforeTheLatestOneStarts() {
        fixture.given(dataServiceAAppointedFromJuly())
                .when(aDataServiceAppointment()
                        .of(DATA_SERVICE_B)
                        .from("2026-06-20")
                        .request())
                .expectNoEvents()
                .expectException(aViolationOf(AppointmentPeriodsMustNotOverlap.RULE, PRECONDITION));
    }

    @Test
    void theDataServiceInForceCannotBeAppointedAgain() {
        fixture.given(dataServiceAAppointedFromJuly())
                .when(aDataServiceAppointment()
                        .of(DATA_SERVICE_A)
                        .from("2026-08-01")
                        .request())
                .expectNoEvents()
                .expectException(aViolationOf(AlreadyAppointed.RULE, PRECONDITION));
    }

    @Test
    void aDataServiceMayBeAppointedAgainAfterItsAppointmentEnded() {
        var again = aDataServiceAppointment().of(DATA_SERVICE_A).from("2026-09-01");

        fixture.given(dataServiceAAppointedFromJuly())
                .andGiven(dataServiceA.endedOn("2026-07-31"))
                .when(again.request())
                .expectEvents(again.requested());
    }

    @Test
    void theSupplierInForceEndsTheDataServiceAppointment() {
        fixture.given(dataServiceAAppointedFromJuly())
                .when(endOf(DATA_SERVICE, "2026-09-30", SUPPLIER_A))
                .expectEvents(dataServiceA.endedOn("2026-09-30", SUPPLIER_A));
    }

    @Test
    void aSupplierNotInForceOnTheLastDayCannotEndTheAppointment() {
        fixture.given(dataServiceAAppointedFromJuly())
                .when(endOf(DATA_SERVICE, "2026-09-30", SUPPLIER_B))
                .expectNoEvents()
                .expectException(aViolationOf(OnlyTheSupplierInForceMayEndAnAppointment.RULE, FORBIDDEN));
    }

    @Test
    void theLosingSupplierCannotEndAnAppointmentAfterTheChangeOfSupplierDate() {
        fixture.given(dataServiceAAppointedFromJuly())
                .andGiven(supplierChanged(SUPPLIER_B, "2026-08-01", SUPPLIER_A, "2026-01-01"))
                .when(endOf(DATA_SERVICE, "2026-09-30", SUPPLIER_A))
                .expectNoEvents()
                .expectException(aViolationOf(OnlyTheSupplierInForceMayEndAnAppointment.RULE, FORBIDDEN));
    }

    @Test
    void theServiceItselfCannotEndItsAppointment() {
        fixture.given(dataServiceAAppointedFromJuly())
                .when(endOf(DATA_SERVICE, "2026-09-30", DATA_SERVICE_A))
                .expectNoEvents()
                .expectException(aViolationOf(OnlyTheSupplierInForceMayEndAnAppointment.RULE, FORBIDDEN));
    }

    @Test
    void anAppointmentCannotEndOnADayBeforeItStarts() {
        fixture.given(dataServiceAAppointedFromJuly())
                .when(endOf(DATA_SERVICE, "2026-06-30", SUPPLIER_A))
                .expectNoEvents()
                .expectException(aViolationOf(AppointmentMustBeInForceOnLastDay.RULE, PRECONDITION));
    }

    @Test
    void noMeteringServiceCanBeEndedWhenNoneIsAppointed() {
        fixture.given(dataServiceAAppointedFromJuly())
                .when(endOf(METERING_SERVICE, "2026-09-30", SUPPLIER_A))
                .expectNoEvents()
                .expectException(aViolationOf(AppointmentMustBeInForceOnLastDay.RULE, PRECONDITION));
    }

    @Test
    void anAppointmentCannotBeEndedAfterItHasAlreadyEnded() {
        fixture.given(dataServiceAAppointedFromJuly())
                .andGiven(dataServiceA.endedOn("2026-07-31"))
                .when(endOf(DATA_SERVICE, "2026-08-15", SUPPLIER_A))
                .expectNoEvents()
                .expectException(aViolationOf(AppointmentMustBeInForceOnLastDay.RULE, PRECONDITION));
    }

    @Test
    void endingAnAppointmentOnTheDayItAlreadyEndsChangesNothing() {
        fixture.given(dataServiceAAppointedFromJuly())
                .andGiven(dataServiceA.endedOn("2026-07-31"))
                .when(endOf(DATA_SERVICE, "2026-07-31", SUPPLIER_A))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anAppointmentMayBeEndedEarlierThanItAlreadyEnds() {
        fixture.given(dataServiceAAppointedFromJuly())
                .andGiven(dataServiceA.endedOn("2026-07-31"))
                .when(endOf(DATA_SERVICE, "2026-07-15", SUPPLIER_A))
                .expectEvents(dataServiceA.endedOn("2026-07-15"));
    }
}
