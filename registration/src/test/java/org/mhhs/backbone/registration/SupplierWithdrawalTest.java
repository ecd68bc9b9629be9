package org.mhhs.backbone.registration;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.NOT_FOUND;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.PRECONDITION;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_C;
import static org.mhhs.backbone.kernel.testing.MarketFixture.day;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;
import static org.mhhs.backbone.registration.MeteringPointFixtures.MID_JUNE_2026;
import static org.mhhs.backbone.registration.MeteringPointFixtures.MPAN;
import static org.mhhs.backbone.registration.MeteringPointFixtures.aDataServiceAppointment;
import static org.mhhs.backbone.registration.MeteringPointFixtures.aMeteringPoint;
import static org.mhhs.backbone.registration.MeteringPointFixtures.firstWithdrawn;
import static org.mhhs.backbone.registration.MeteringPointFixtures.meteringPointFixture;
import static org.mhhs.backbone.registration.MeteringPointFixtures.registerSupplier;
import static org.mhhs.backbone.registration.MeteringPointFixtures.supplierChanged;
import static org.mhhs.backbone.registration.MeteringPointFixtures.supplierRegistered;
import static org.mhhs.backbone.registration.MeteringPointFixtures.theMarket;
import static org.mhhs.backbone.registration.MeteringPointFixtures.withdraw;
import static org.mhhs.backbone.registration.MeteringPointFixtures.withdrawn;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.registration.MeteringPointFixtures.AppointmentBuilder;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.SupplierRegistered;
import org.mhhs.backbone.registration.api.SupplierRegistrationWithdrawn;

/**
 * The gaining supplier withdraws its registration before it takes effect (today is 2026-06-15): the supplier it would
 * have replaced stays responsible, as if the registration had never been made.
 */
class SupplierWithdrawalTest {

    private static final MeteringPointRegistered REGISTERED =
            aMeteringPoint().from("2026-01-01").registered();
    private static final SupplierRegistered A_SINCE_JANUARY = supplierRegistered(SUPPLIER_A, "2026-01-01");
    /** SUPB takes over from SUPA on 1 July, which is still to come. */
    private static final SupplierRegistered B_FROM_JULY =
            supplierChanged(SUPPLIER_B, "2026-07-01", SUPPLIER_A, "2026-01-01");

    private static final SupplierRegistrationWithdrawn B_WITHDRAWN =
            withdrawn(SUPPLIER_B, "2026-07-01", SUPPLIER_A, "2026-01-01");

    private FixtureConfiguration<MeteringPoint> fixture;

    @BeforeEach
    void setUp() {
        fixture = meteringPointFixture(theMarket(), MID_JUNE_2026);
    }

    @Test
    void theGainingSupplierWithdrawsBeforeItsFirstDayAndTheLosingSupplierStaysUntilFurtherNotice() {
        fixture.given(REGISTERED, A_SINCE_JANUARY, B_FROM_JULY)
                .when(withdraw(SUPPLIER_B, "2026-07-01"))
                .expectEvents(B_WITHDRAWN);
    }

    @Test
    void theDayBeforeItsFirstDayIsTheLastDayToWithdraw() {
        fixture.given(REGISTERED, A_SINCE_JANUARY, supplierChanged(SUPPLIER_B, "2026-06-16", SUPPLIER_A, "2026-01-01"))
                .when(withdraw(SUPPLIER_B, "2026-06-16"))
                .expectEvents(withdrawn(SUPPLIER_B, "2026-06-16", SUPPLIER_A, "2026-01-01"));
    }

    @Test
    void afterAWithdrawalAnotherSupplierMayChangeFromTheSameDayAndReplacesTheRestoredSupplier() {
        fixture.given(REGISTERED, A_SINCE_JANUARY, B_FROM_JULY, B_WITHDRAWN)
                .when(registerSupplier(SUPPLIER_C, "2026-07-01"))
                .expectEvents(supplierChanged(SUPPLIER_C, "2026-07-01", SUPPLIER_A, "2026-01-01"));
    }

    @Test
    void afterAWithdrawalTheRestoredSupplierIsInForceAgainOnTheWithdrawnDays() {
        fixture.given(REGISTERED, A_SINCE_JANUARY, B_FROM_JULY, B_WITHDRAWN)
                .when(registerSupplier(SUPPLIER_A, "2026-07-01"))
                .expectNoEvents()
                .expectException(
                        aViolationOf(AlreadyTheSupplier.RULE, PRECONDITION).about(containsString("2026-01-01..open")));
    }

    @Test
    void withdrawingARegistrationThatAnotherFollowsRestoresTheLosingSupplierUntilTheDayBeforeTheNextOne() {
        SupplierRegistered cFromMidJuly = supplierChanged(SUPPLIER_C, "2026-07-10", SUPPLIER_B, "2026-07-01");
        SupplierRegistrationWithdrawn bWithdrawn = new SupplierRegistrationWithdrawn(
                MPAN, SUPPLIER_B, day("2026-07-01"), SUPPLIER_A, day("2026-01-01"), day("2026-07-09"));

        fixture.given(REGISTERED, A_SINCE_JANUARY, B_FROM_JULY, cFromMidJuly)
                .when(withdraw(SUPPLIER_B, "2026-07-01"))
                .expectEvents(bWithdrawn);
        meteringPointFixture(theMarket(), MID_JUNE_2026)
                .given(REGISTERED, A_SINCE_JANUARY, B_FROM_JULY, cFromMidJuly, bWithdrawn)
                .when(withdraw(SUPPLIER_C, "2026-07-10"))
                .expectEvents(withdrawn(SUPPLIER_C, "2026-07-10", SUPPLIER_A, "2026-01-01"));
    }

    @Test
    void theFirstSupplierWithdrawsItsRegistrationAndTheMeteringPointHasNoSupplierAgain() {
        fixture.given(REGISTERED, supplierRegistered(SUPPLIER_A, "2026-07-01"))
                .when(withdraw(SUPPLIER_A, "2026-07-01"))
                .expectEvents(firstWithdrawn(SUPPLIER_A, "2026-07-01"));
        meteringPointFixture(theMarket(), MID_JUNE_2026)
                .given(
                        REGISTERED,
                        supplierRegistered(SUPPLIER_A, "2026-07-01"),
                        firstWithdrawn(SUPPLIER_A, "2026-07-01"))
                .when(registerSupplier(SUPPLIER_B, "2026-06-20"))
                .expectEvents(supplierRegistered(SUPPLIER_B, "2026-06-20"));
    }

    @Test
    void anotherSupplierCannotWithdrawItAndLearnsNoSupplierFromTheRefusal() {
        fixture.given(REGISTERED, A_SINCE_JANUARY, B_FROM_JULY)
                .when(withdraw(SUPPLIER_C, "2026-07-01"))
                .expectNoEvents()
                .expectException(aViolationOf(SupplierRegistrationMustExist.RULE, NOT_FOUND))
                .expectExceptionMessage(
                        allOf(not(containsString(SUPPLIER_A.value())), not(containsString(SUPPLIER_B.value()))));
    }

    @Test
    void aStrangerGetsTheSameAnswerWhetherOrNotAnotherSupplierRegisteredForThatDay() {
        String noRegistration = "SUPC has no supplier registration of " + MPAN + " taking effect on 2026-07-01";

        fixture.given(REGISTERED, A_SINCE_JANUARY, B_FROM_JULY)
                .when(withdraw(SUPPLIER_C, "2026-07-01"))
                .expectException(aViolationOf(SupplierRegistrationMustExist.RULE, NOT_FOUND)
                        .about(equalTo(MPAN + "/2026-07-01")))
                .expectExceptionMessage(equalTo(noRegistration));
        meteringPointFixture(theMarket(), MID_JUNE_2026)
                .given(REGISTERED, A_SINCE_JANUARY)
                .when(withdraw(SUPPLIER_C, "2026-07-01"))
                .expectException(aViolationOf(SupplierRegistrationMustExist.RULE, NOT_FOUND)
                        .about(equalTo(MPAN + "/2026-07-01")))
                .expectExceptionMessage(equalTo(noRegistration));
    }

    @Test
    void theLosingSupplierCannotWithdrawTheGainingSuppliersRegistration() {
        fixture.given(REGISTERED, A_SINCE_JANUARY, B_FROM_JULY)
                .when(withdraw(SUPPLIER_A, "2026-07-01"))
                .expectNoEvents()
                .expectException(aViolationOf(SupplierRegistrationMustExist.RULE, NOT_FOUND));
    }

    @Test
    void aRegistrationForAnotherDayThanTheOneNamedIsNotFound() {
        fixture.given(REGISTERED, A_SINCE_JANUARY, B_FROM_JULY)
                .when(withdraw(SUPPLIER_B, "2026-07-02"))
                .expectNoEvents()
                .expectException(aViolationOf(SupplierRegistrationMustExist.RULE, NOT_FOUND));
    }

    @Test
    void aWithdrawnRegistrationCannotBeWithdrawnAgain() {
        fixture.given(REGISTERED, A_SINCE_JANUARY, B_FROM_JULY, B_WITHDRAWN)
                .when(withdraw(SUPPLIER_B, "2026-07-01"))
                .expectNoEvents()
                .expectException(aViolationOf(SupplierRegistrationMustExist.RULE, NOT_FOUND));
    }

    @Test
    void onItsFirstDayARegistrationCanNoLongerBeWithdrawn() {
        fixture.given(REGISTERED, A_SINCE_JANUARY, supplierChanged(SUPPLIER_B, "2026-06-15", SUPPLIER_A, "2026-01-01"))
                .when(withdraw(SUPPLIER_B, "2026-06-15"))
                .expectNoEvents()
                .expectException(aViolationOf(WithdrawalBeforeTheChangeTakesEffect.RULE, PRECONDITION))
                .expectExceptionMessage(
                        allOf(containsString("today is 2026-06-15"), not(containsString(SUPPLIER_A.value()))));
    }

    @Test
    void aRegistrationInForceSinceEarlierCannotBeWithdrawn() {
        fixture.given(REGISTERED, A_SINCE_JANUARY, supplierChanged(SUPPLIER_B, "2026-06-01", SUPPLIER_A, "2026-01-01"))
                .when(withdraw(SUPPLIER_B, "2026-06-01"))
                .expectNoEvents()
                .expectException(aViolationOf(WithdrawalBeforeTheChangeTakesEffect.RULE, PRECONDITION));
    }

    @Test
    void onceAnAppointmentTheGainingSupplierRequestedForItsPeriodIsAcceptedItCanNoLongerWithdraw() {
        AppointmentBuilder appointment =
                aDataServiceAppointment().requestedBy(SUPPLIER_B).from("2026-07-01");

        fixture.given(REGISTERED, A_SINCE_JANUARY, B_FROM_JULY, appointment.requested(), appointment.accepted())
                .when(withdraw(SUPPLIER_B, "2026-07-01"))
                .expectNoEvents()
                .expectException(aViolationOf(WithdrawalBeforeServicesAreAppointed.RULE, PRECONDITION))
                .expectExceptionMessage(allOf(
                        containsString("DATA_SERVICE appointed from 2026-07-01"),
                        not(containsString(SUPPLIER_A.value()))));
    }

    @Test
    void onceTheGainingSupplierEndedAnAppointmentOnADayOfItsPeriodItCanNoLongerWithdraw() {
        AppointmentBuilder losingSuppliers =
                aDataServiceAppointment().requestedBy(SUPPLIER_A).from("2026-02-01");

        fixture.given(
                        REGISTERED,
                        A_SINCE_JANUARY,
                        losingSuppliers.requested(),
                        losingSuppliers.accepted(),
                        B_FROM_JULY,
                        losingSuppliers.endedOn("2026-07-03", SUPPLIER_B))
                .when(withdraw(SUPPLIER_B, "2026-07-01"))
                .expectNoEvents()
                .expectException(aViolationOf(WithdrawalBeforeServicesAreAppointed.RULE, PRECONDITION));
    }

    @Test
    void anAppointmentRequestStillAwaitingItsAnswerDoesNotStopTheWithdrawalAndCanNoLongerBeAccepted() {
        AppointmentBuilder appointment =
                aDataServiceAppointment().requestedBy(SUPPLIER_B).from("2026-07-01");

        fixture.given(REGISTERED, A_SINCE_JANUARY, B_FROM_JULY, appointment.requested())
                .when(withdraw(SUPPLIER_B, "2026-07-01"))
                .expectEvents(B_WITHDRAWN);
        meteringPointFixture(theMarket(), MID_JUNE_2026)
                .given(REGISTERED, A_SINCE_JANUARY, B_FROM_JULY, appointment.requested(), B_WITHDRAWN)
                .when(appointment.accept())
                .expectNoEvents()
                .expectException(aViolationOf(RequestingSupplierMustStillBeInForce.RULE, PRECONDITION));
    }

    @Test
    void theLosingSuppliersOwnAppointmentWithinTheWithdrawnPeriodDoesNotStopTheWithdrawal() {
        AppointmentBuilder losingSuppliers =
                aDataServiceAppointment().requestedBy(SUPPLIER_A).from("2026-07-05");

        fixture.given(REGISTERED, A_SINCE_JANUARY, losingSuppliers.requested(), losingSuppliers.accepted(), B_FROM_JULY)
                .when(withdraw(SUPPLIER_B, "2026-07-01"))
                .expectEvents(B_WITHDRAWN);
    }
}
