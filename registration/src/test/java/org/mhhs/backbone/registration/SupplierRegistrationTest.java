package org.mhhs.backbone.registration;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.FORBIDDEN;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.PRECONDITION;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_C;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;
import static org.mhhs.backbone.registration.MeteringPointFixtures.MID_JUNE_2026;
import static org.mhhs.backbone.registration.MeteringPointFixtures.aMeteringPoint;
import static org.mhhs.backbone.registration.MeteringPointFixtures.meteringPointFixture;
import static org.mhhs.backbone.registration.MeteringPointFixtures.registerSupplier;
import static org.mhhs.backbone.registration.MeteringPointFixtures.supplierChanged;
import static org.mhhs.backbone.registration.MeteringPointFixtures.supplierRegistered;
import static org.mhhs.backbone.registration.MeteringPointFixtures.theMarket;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.isd.testing.FakeIsdQueries;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;

class SupplierRegistrationTest {

    private static final MeteringPointRegistered REGISTERED =
            aMeteringPoint().from("2026-01-01").registered();
    /** 00:30 on 2026-06-16 in London, still 2026-06-15 in UTC. */
    private static final Clock HALF_PAST_MIDNIGHT_IN_LONDON =
            Clock.fixed(Instant.parse("2026-06-15T23:30:00Z"), ZoneOffset.UTC);

    private final FakeIsdQueries isd = theMarket();
    private FixtureConfiguration<MeteringPoint> fixture;

    @BeforeEach
    void setUp() {
        fixture = meteringPointFixture(isd, MID_JUNE_2026);
    }

    @Test
    void theFirstSupplierIsRegisteredWithNoLosingSupplier() {
        fixture.given(REGISTERED)
                .when(registerSupplier(SUPPLIER_A, "2026-01-01"))
                .expectEvents(supplierRegistered(SUPPLIER_A, "2026-01-01"));
    }

    @Test
    void aSupplierCannotBeRegisteredFromBeforeTheMeteringPointWasRegistered() {
        fixture.given(REGISTERED)
                .when(registerSupplier(SUPPLIER_A, "2025-12-31"))
                .expectNoEvents()
                .expectException(aViolationOf(NotBeforeMeteringPointRegistration.RULE, PRECONDITION));
    }

    @Test
    void aParticipantWithoutTheSupplierRoleCannotBeRegisteredAsSupplier() {
        fixture.given(REGISTERED)
                .when(registerSupplier(DATA_SERVICE_A, "2026-07-01"))
                .expectNoEvents()
                .expectException(aViolationOf(SupplierMustHoldRole.RULE, FORBIDDEN));
    }

    @Test
    void aChangeOfSupplierFromAFutureDayEndsTheLosingSupplier() {
        fixture.given(REGISTERED, supplierRegistered(SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_B, "2026-07-01"))
                .expectEvents(supplierChanged(SUPPLIER_B, "2026-07-01", SUPPLIER_A, "2026-01-01"));
    }

    @Test
    void aSecondChangeOfSupplierNamesTheGainingSupplierOfTheFirstAsLosing() {
        fixture.given(
                        REGISTERED,
                        supplierRegistered(SUPPLIER_A, "2026-01-01"),
                        supplierChanged(SUPPLIER_B, "2026-07-01", SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_C, "2026-07-10"))
                .expectEvents(supplierChanged(SUPPLIER_C, "2026-07-10", SUPPLIER_B, "2026-07-01"));
    }

    @Test
    void aChangeOfSupplierCannotTakeEffectToday() {
        fixture.given(REGISTERED, supplierRegistered(SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_B, "2026-06-15"))
                .expectNoEvents()
                .expectException(aViolationOf(ChangeOfSupplierMustBeInTheFuture.RULE, PRECONDITION));
    }

    @Test
    void aChangeOfSupplierCannotBeBackdated() {
        fixture.given(REGISTERED, supplierRegistered(SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_B, "2026-03-01"))
                .expectNoEvents()
                .expectException(aViolationOf(ChangeOfSupplierMustBeInTheFuture.RULE, PRECONDITION));
    }

    @Test
    void todayForAChangeOfSupplierIsTheDayInLondon() {
        meteringPointFixture(isd, HALF_PAST_MIDNIGHT_IN_LONDON)
                .given(REGISTERED, supplierRegistered(SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_B, "2026-06-16"))
                .expectNoEvents()
                .expectException(aViolationOf(ChangeOfSupplierMustBeInTheFuture.RULE, PRECONDITION))
                .expectExceptionMessage(containsString("today (2026-06-16)"));
    }

    @Test
    void justAfterMidnightInLondonAChangeFromTheNextLondonDayIsInTheFuture() {
        meteringPointFixture(isd, HALF_PAST_MIDNIGHT_IN_LONDON)
                .given(REGISTERED, supplierRegistered(SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_B, "2026-06-17"))
                .expectEvents(supplierChanged(SUPPLIER_B, "2026-06-17", SUPPLIER_A, "2026-01-01"));
    }

    @Test
    void aRegistrationCannotStartOnTheDayTheLatestSupplierStarts() {
        fixture.given(
                        REGISTERED,
                        supplierRegistered(SUPPLIER_A, "2026-01-01"),
                        supplierChanged(SUPPLIER_B, "2026-07-01", SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_C, "2026-07-01"))
                .expectNoEvents()
                .expectException(aViolationOf(SupplierPeriodsMustNotOverlap.RULE, PRECONDITION)
                        .about(containsString("/2026-07-01..open")))
                .expectExceptionMessage(allOf(containsString("2026-07-01..open"), not(containsString("SUPB"))));
    }

    @Test
    void aRegistrationCannotStartBeforeTheLatestSupplierStarts() {
        fixture.given(
                        REGISTERED,
                        supplierRegistered(SUPPLIER_A, "2026-01-01"),
                        supplierChanged(SUPPLIER_B, "2026-07-10", SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_C, "2026-07-01"))
                .expectNoEvents()
                .expectException(aViolationOf(SupplierPeriodsMustNotOverlap.RULE, PRECONDITION)
                        .about(allOf(containsString("/2026-07-10..open"), not(containsString("SUPB")))))
                .expectExceptionMessage(containsString("is for 2026-07-10..open"));
    }

    @Test
    void theSupplierAlreadyInForceCannotBeRegisteredAgain() {
        fixture.given(REGISTERED, supplierRegistered(SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_A, "2026-07-01"))
                .expectNoEvents()
                .expectException(aViolationOf(AlreadyTheSupplier.RULE, PRECONDITION));
    }

    @Test
    void aChangeOfSupplierMayTakeEffectOnTheLastDayOfTheHorizon() {
        fixture.given(REGISTERED, supplierRegistered(SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_B, "2026-07-13"))
                .expectEvents(supplierChanged(SUPPLIER_B, "2026-07-13", SUPPLIER_A, "2026-01-01"));
    }

    @Test
    void aChangeOfSupplierOneDayBeyondTheHorizonIsRefusedNamingTheLatestDayAndNoSupplier() {
        fixture.given(REGISTERED, supplierRegistered(SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_B, "2026-07-14"))
                .expectNoEvents()
                .expectException(aViolationOf(ChangeOfSupplierWithinHorizon.RULE, PRECONDITION))
                .expectExceptionMessage(allOf(
                        containsString("28 days after today (2026-06-15)"),
                        containsString("on 2026-07-13 at the latest"),
                        not(containsString(SUPPLIER_A.value())),
                        not(containsString(SUPPLIER_B.value()))));
    }

    @Test
    void theFirstSupplierIsHeldToTheHorizonToo() {
        fixture.given(REGISTERED)
                .when(registerSupplier(SUPPLIER_A, "2026-07-14"))
                .expectNoEvents()
                .expectException(aViolationOf(ChangeOfSupplierWithinHorizon.RULE, PRECONDITION));
    }

    @Test
    void theHorizonIsTheOneIsdSets() {
        isd.withChangeOfSupplierHorizon(7);

        fixture.given(REGISTERED, supplierRegistered(SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_B, "2026-06-23"))
                .expectNoEvents()
                .expectException(aViolationOf(ChangeOfSupplierWithinHorizon.RULE, PRECONDITION))
                .expectExceptionMessage(containsString("7 days after today"));
        meteringPointFixture(isd, MID_JUNE_2026)
                .given(REGISTERED, supplierRegistered(SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_B, "2026-06-22"))
                .expectEvents(supplierChanged(SUPPLIER_B, "2026-06-22", SUPPLIER_A, "2026-01-01"));
    }

    @Test
    void theHorizonCountsFromTodayInLondon() {
        meteringPointFixture(isd, HALF_PAST_MIDNIGHT_IN_LONDON)
                .given(REGISTERED, supplierRegistered(SUPPLIER_A, "2026-01-01"))
                .when(registerSupplier(SUPPLIER_B, "2026-07-14"))
                .expectEvents(supplierChanged(SUPPLIER_B, "2026-07-14", SUPPLIER_A, "2026-01-01"));
    }
}
