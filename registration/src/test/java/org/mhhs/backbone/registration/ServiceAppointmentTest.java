package org.mhhs.backbone.registration;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.FORBIDDEN;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.NOT_FOUND;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.PRECONDITION;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.METERING_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.NOBODY_IN_PARTICULAR;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_B;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;
import static org.mhhs.backbone.registration.MeteringPointFixtures.MID_JUNE_2026;
import static org.mhhs.backbone.registration.MeteringPointFixtures.MPAN;
import static org.mhhs.backbone.registration.MeteringPointFixtures.NOW;
import static org.mhhs.backbone.registration.MeteringPointFixtures.aDataServiceAppointment;
import static org.mhhs.backbone.registration.MeteringPointFixtures.aMeteringPoint;
import static org.mhhs.backbone.registration.MeteringPointFixtures.aMeteringServiceAppointment;
import static org.mhhs.backbone.registration.MeteringPointFixtures.meteringPointFixture;
import static org.mhhs.backbone.registration.MeteringPointFixtures.supplierChanged;
import static org.mhhs.backbone.registration.MeteringPointFixtures.supplierRegistered;
import static org.mhhs.backbone.registration.MeteringPointFixtures.theMarket;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.isd.testing.FakeIsdQueries;
import org.mhhs.backbone.registration.api.AcceptServiceAppointment;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.SupplierRegistered;

class ServiceAppointmentTest {

    private static final MeteringPointRegistered REGISTERED =
            aMeteringPoint().from("2026-01-01").registered();
    private static final SupplierRegistered SUPPLIER_A_SINCE_JANUARY = supplierRegistered(SUPPLIER_A, "2026-01-01");
    private static final Instant TWO_DAYS_FROM_NOW = NOW.plus(Duration.ofDays(2));

    private final FakeIsdQueries isd = theMarket();
    private FixtureConfiguration<MeteringPoint> fixture;

    @BeforeEach
    void setUp() {
        fixture = meteringPointFixture(isd, MID_JUNE_2026);
    }

    @Test
    void theSupplierInForceRequestsADataServiceWhichMustAnswerWithinTheIsdTimeout() {
        isd.withAppointmentResponseTimeout(Duration.ofHours(36));
        Instant respondBy = Instant.parse("2026-06-16T22:00:00Z");
        var appointment = aDataServiceAppointment()
                .of(DATA_SERVICE_A)
                .from("2026-07-01")
                .requestedBy(SUPPLIER_A)
                .respondingBy(respondBy);

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY)
                .andGivenCurrentTime(NOW)
                .when(appointment.request())
                .expectEvents(appointment.requested())
                .expectScheduledDeadlineWithName(respondBy, MeteringPoint.RESPONSE_DEADLINE)
                .expectScheduledDeadline(respondBy, appointment.id());
    }

    @Test
    void aRequestAnswersItsAppointmentId() {
        var appointment = aDataServiceAppointment().respondingBy(TWO_DAYS_FROM_NOW);

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY)
                .andGivenCurrentTime(NOW)
                .when(appointment.request())
                .expectResultMessagePayload(appointment.id());
    }

    @Test
    void aRequestOfAnAppointmentAlreadyRequestedRecordsNothingAndAnswersItsId() {
        var appointment = aDataServiceAppointment().respondingBy(TWO_DAYS_FROM_NOW);

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY, appointment.requested())
                .when(appointment.request())
                .expectNoEvents()
                .expectResultMessagePayload(appointment.id());
    }

    @Test
    void withoutAnIsdTimeoutTheRequestedServiceHasTwoDaysToAnswer() {
        var appointment = aDataServiceAppointment().respondingBy(TWO_DAYS_FROM_NOW);

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY)
                .andGivenCurrentTime(NOW)
                .when(appointment.request())
                .expectEvents(appointment.requested())
                .expectScheduledDeadlineWithName(
                        NOW.plus(MeteringPoint.DEFAULT_RESPONSE_TIMEOUT), MeteringPoint.RESPONSE_DEADLINE);
    }

    @Test
    void aSupplierThatIsNotInForceOnTheEffectiveDayCannotAppointAndIsNotToldWhoIs() {
        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY)
                .when(aDataServiceAppointment().requestedBy(SUPPLIER_B).request())
                .expectNoEvents()
                .expectNoScheduledDeadlines()
                .expectException(aViolationOf(OnlyTheSupplierInForceMayAppoint.RULE, FORBIDDEN))
                .expectExceptionMessage(allOf(containsString("SUPB is not the supplier"), not(containsString("SUPA"))));
    }

    @Test
    void noServiceCanBeAppointedForADayWithoutASupplier() {
        fixture.given(REGISTERED, supplierRegistered(SUPPLIER_A, "2026-08-01"))
                .when(aDataServiceAppointment()
                        .requestedBy(SUPPLIER_A)
                        .from("2026-07-01")
                        .request())
                .expectNoEvents()
                .expectException(aViolationOf(OnlyTheSupplierInForceMayAppoint.RULE, FORBIDDEN))
                .expectExceptionMessage(containsString("SUPA is not the supplier of " + MPAN + " on 2026-07-01"));
    }

    @Test
    void theLosingSupplierCannotAppointFromTheChangeOfSupplierDate() {
        fixture.given(
                        REGISTERED,
                        SUPPLIER_A_SINCE_JANUARY,
                        supplierChanged(SUPPLIER_B, "2026-07-01", SUPPLIER_A, "2026-01-01"))
                .when(aDataServiceAppointment()
                        .requestedBy(SUPPLIER_A)
                        .from("2026-07-01")
                        .request())
                .expectNoEvents()
                .expectException(aViolationOf(OnlyTheSupplierInForceMayAppoint.RULE, FORBIDDEN));
    }

    @Test
    void theLosingSupplierMayStillAppointForItsLastDays() {
        var appointment = aDataServiceAppointment().requestedBy(SUPPLIER_A).from("2026-06-30");

        fixture.given(
                        REGISTERED,
                        SUPPLIER_A_SINCE_JANUARY,
                        supplierChanged(SUPPLIER_B, "2026-07-01", SUPPLIER_A, "2026-01-01"))
                .when(appointment.request())
                .expectEvents(appointment.requested());
    }

    @Test
    void aServiceCannotAcceptARequestWhoseSupplierLostTheMeteringPointForThatDay() {
        var appointment = aDataServiceAppointment().requestedBy(SUPPLIER_A).from("2026-08-01");

        fixture.given(
                        REGISTERED,
                        SUPPLIER_A_SINCE_JANUARY,
                        appointment.requested(),
                        supplierChanged(SUPPLIER_B, "2026-07-15", SUPPLIER_A, "2026-01-01"))
                .when(appointment.accept())
                .expectNoEvents()
                .expectException(aViolationOf(RequestingSupplierMustStillBeInForce.RULE, PRECONDITION));
    }

    @Test
    void theGainingSupplierAppointsFromTheChangeOfSupplierDate() {
        var appointment = aDataServiceAppointment().requestedBy(SUPPLIER_B).from("2026-07-01");

        fixture.given(
                        REGISTERED,
                        SUPPLIER_A_SINCE_JANUARY,
                        supplierChanged(SUPPLIER_B, "2026-07-01", SUPPLIER_A, "2026-01-01"))
                .when(appointment.request())
                .expectEvents(appointment.requested());
    }

    @Test
    void aServiceCannotBeAppointedFromBeforeTheMeteringPointWasRegistered() {
        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY)
                .when(aDataServiceAppointment().from("2025-12-31").request())
                .expectNoEvents()
                .expectException(aViolationOf(NotBeforeMeteringPointRegistration.RULE, PRECONDITION));
    }

    @Test
    void aParticipantWithoutTheServiceRoleCannotBeAppointed() {
        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY)
                .when(aDataServiceAppointment().of(NOBODY_IN_PARTICULAR).request())
                .expectNoEvents()
                .expectException(aViolationOf(AppointedServiceMustHoldRole.RULE, PRECONDITION));
    }

    @Test
    void aMeteringServiceCannotBeAppointedAsDataService() {
        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY)
                .when(aDataServiceAppointment().of(METERING_SERVICE_A).request())
                .expectNoEvents()
                .expectException(aViolationOf(AppointedServiceMustHoldRole.RULE, PRECONDITION));
    }

    @Test
    void aSupplierCannotAskForASecondDataServiceWhileTheFirstHasNotAnswered() {
        var first = aDataServiceAppointment().of(DATA_SERVICE_A);

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY, first.requested())
                .when(aDataServiceAppointment()
                        .of(DATA_SERVICE_B)
                        .from("2026-08-01")
                        .request())
                .expectNoEvents()
                .expectException(aViolationOf(OneAppointmentRequestPendingPerRole.RULE, PRECONDITION)
                        .about(containsString(first.id().toString())));
    }

    @Test
    void aMeteringServiceMayBeRequestedWhileADataServiceHasNotAnswered() {
        var meteringService = aMeteringServiceAppointment().of(METERING_SERVICE_A);

        fixture.given(
                        REGISTERED,
                        SUPPLIER_A_SINCE_JANUARY,
                        aDataServiceAppointment().requested())
                .when(meteringService.request())
                .expectEvents(meteringService.requested());
    }

    @Test
    void aResentRequestIsNotRequestedTwice() {
        var appointment = aDataServiceAppointment();

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY, appointment.requested())
                .when(appointment.request())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aRequestResentAfterItWasAnsweredIsNotRequestedAgain() {
        var appointment = aDataServiceAppointment();

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY, appointment.requested(), appointment.rejected("busy"))
                .when(appointment.request())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theRequestedServiceAcceptsTheAppointment() {
        var appointment = aDataServiceAppointment()
                .of(DATA_SERVICE_A)
                .requestedBy(SUPPLIER_A)
                .from("2026-07-01");

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY, appointment.requested())
                .when(appointment.accept())
                .expectEvents(appointment.accepted());
    }

    @Test
    void anotherServiceCannotAcceptAnAppointmentRequestedOfSomeoneElse() {
        var appointment = aDataServiceAppointment().of(DATA_SERVICE_A);

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY, appointment.requested())
                .when(appointment.acceptBy(DATA_SERVICE_B))
                .expectNoEvents()
                .expectException(aViolationOf(OnlyTheRequestedServiceMayAnswer.RULE, FORBIDDEN));
    }

    @Test
    void theSupplierCannotAnswerItsOwnRequest() {
        var appointment = aDataServiceAppointment().requestedBy(SUPPLIER_A);

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY, appointment.requested())
                .when(appointment.rejectBy(SUPPLIER_A, "changed my mind"))
                .expectNoEvents()
                .expectException(aViolationOf(OnlyTheRequestedServiceMayAnswer.RULE, FORBIDDEN));
    }

    @Test
    void theRequestedServiceRejectsTheAppointmentGivingItsReason() {
        var appointment = aDataServiceAppointment();

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY, appointment.requested())
                .when(appointment.reject("no capacity in this GSP group"))
                .expectEvents(appointment.rejected("no capacity in this GSP group"));
    }

    @Test
    void anAcceptedAppointmentCannotBeAcceptedAgain() {
        var appointment = aDataServiceAppointment();

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY, appointment.requested(), appointment.accepted())
                .when(appointment.accept())
                .expectNoEvents()
                .expectException(aViolationOf(AppointmentMustBePending.RULE, PRECONDITION));
    }

    @Test
    void aRejectedAppointmentCannotBeAcceptedAfterwards() {
        var appointment = aDataServiceAppointment();

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY, appointment.requested(), appointment.rejected("busy"))
                .when(appointment.accept())
                .expectNoEvents()
                .expectException(aViolationOf(AppointmentMustBePending.RULE, PRECONDITION));
    }

    @Test
    void anAppointmentThatWasNeverRequestedCannotBeAnswered() {
        fixture.given(
                        REGISTERED,
                        SUPPLIER_A_SINCE_JANUARY,
                        aDataServiceAppointment().requested())
                .when(new AcceptServiceAppointment(MPAN, UUID.randomUUID(), DATA_SERVICE_A))
                .expectNoEvents()
                .expectException(aViolationOf(AppointmentMustExist.RULE, NOT_FOUND));
    }

    @Test
    void aRequestNotAnsweredByTheDeadlineTimesOut() {
        var appointment = aDataServiceAppointment();

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY)
                .andGivenCurrentTime(NOW)
                .andGivenCommands(appointment.request())
                .whenThenTimeElapses(MeteringPoint.DEFAULT_RESPONSE_TIMEOUT)
                .expectTriggeredDeadlinesWithName(MeteringPoint.RESPONSE_DEADLINE)
                .expectEvents(appointment.timedOut());
    }

    @Test
    void aRequestDoesNotTimeOutBeforeItsDeadline() {
        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY)
                .andGivenCurrentTime(NOW)
                .andGivenCommands(aDataServiceAppointment().request())
                .whenThenTimeElapses(MeteringPoint.DEFAULT_RESPONSE_TIMEOUT.minusMinutes(1))
                .expectTriggeredDeadlines()
                .expectNoEvents();
    }

    @Test
    void aTimedOutAppointmentCannotBeAcceptedAnyMore() {
        var appointment = aDataServiceAppointment();

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY, appointment.requested(), appointment.timedOut())
                .when(appointment.accept())
                .expectNoEvents()
                .expectException(aViolationOf(AppointmentMustBePending.RULE, PRECONDITION));
    }

    @Test
    void theDeadlineOfAnAcceptedAppointmentPassesUnnoticed() {
        var appointment = aDataServiceAppointment();

        fixture.given(REGISTERED, SUPPLIER_A_SINCE_JANUARY)
                .andGivenCurrentTime(NOW)
                .andGivenCommands(appointment.request(), appointment.accept())
                .whenThenTimeElapses(MeteringPoint.DEFAULT_RESPONSE_TIMEOUT)
                .expectTriggeredDeadlinesWithName(MeteringPoint.RESPONSE_DEADLINE)
                .expectNoEvents();
    }
}
