package org.mhhs.backbone.grpc.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;

import io.grpc.Status;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mhhs.backbone.grpc.v1.AnswerServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.EndServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetResponsibilityRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.Registrations;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rules of the appointment process (requesting, answering and ending a data or metering service's appointment),
 * broken through gRPC: each answers its status and rule as the ErrorInfo reason, and stores nothing.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppointmentRulesApiIntegrationTest {

    private static final String OPERATOR = "OPER";
    private static final LocalDate TODAY = MarketDays.today();
    /** When the metering point of each test was registered and its supplier took it on. */
    private static final LocalDate REGISTERED = TODAY.minusDays(200);

    private static final ServiceRole DATA = ServiceRole.SERVICE_ROLE_DATA_SERVICE;
    private static final ServiceRole METERING = ServiceRole.SERVICE_ROLE_METERING_SERVICE;

    @Autowired
    HubClient hub;

    Market market;
    String registrationService;
    String supplier;
    String dataService;
    String otherDataService;
    String mpan;

    @BeforeAll
    void aSupplierAndTwoDataServices() {
        market = new Market(hub);
        market.gspGroup("_A");
        registrationService = market.participant('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        dataService = market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE);
        otherDataService = market.participant('B', MarketRole.MARKET_ROLE_DATA_SERVICE);
    }

    @BeforeEach
    void aMeteringPointOfTheSupplier() {
        mpan = Market.newMpan();
        market.registration(registrationService)
                .registerMeteringPoint(Registrations.meteringPoint(mpan, "_A", REGISTERED.toString()));
        registerSupplier(supplier, REGISTERED);
    }

    @Test
    void appointingAParticipantThatDoesNotHoldTheServicesRoleIsAFailedPrecondition() {
        String meteringService = market.participant('M', MarketRole.MARKET_ROLE_METERING_SERVICE);
        long before = hub.storedEvents();

        var refusal = refused(() -> request(DATA, meteringService, REGISTERED.plusDays(1)));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("AppointedServiceMustHoldRole");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void aSecondRequestForARoleWhileTheFirstAwaitsItsAnswerIsAFailedPrecondition() {
        request(DATA, dataService, REGISTERED.plusDays(1));
        long before = hub.storedEvents();

        var refusal = refused(() -> request(DATA, otherDataService, REGISTERED.plusDays(2)));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("OneAppointmentRequestPendingPerRole");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void anAppointmentStartingNoLaterThanTheOneInForceOverlapsIt() {
        accept(dataService, request(DATA, dataService, REGISTERED.plusDays(10)));
        long before = hub.storedEvents();

        var refusal = refused(() -> request(DATA, otherDataService, REGISTERED.plusDays(10)));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("AppointmentPeriodsMustNotOverlap");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void appointingTheServiceAlreadyAppointedOnThatDayIsAFailedPrecondition() {
        accept(dataService, request(DATA, dataService, REGISTERED.plusDays(10)));
        long before = hub.storedEvents();

        var refusal = refused(() -> request(DATA, dataService, REGISTERED.plusDays(20)));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("AlreadyAppointed");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void answeringOrReadingAnAppointmentThatWasNeverRequestedIsNotFound() {
        String unknown = UUID.randomUUID().toString();
        long before = hub.storedEvents();

        var answered = refused(() -> accept(dataService, unknown));
        var read = refused(() -> market.registration(OPERATOR)
                .getAppointment(GetAppointmentRequest.newBuilder()
                        .setAppointmentId(unknown)
                        .build()));

        for (var refusal : java.util.List.of(answered, read)) {
            assertThat(code(refusal)).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(reason(refusal)).isEqualTo("AppointmentMustExist");
        }
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void answeringAnAppointmentAlreadyAnsweredIsAFailedPrecondition() {
        String appointment = request(DATA, dataService, REGISTERED.plusDays(1));
        accept(dataService, appointment);
        long before = hub.storedEvents();

        var refusal = refused(() -> market.registration(dataService)
                .rejectServiceAppointment(AnswerServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setAppointmentId(appointment)
                        .setReason("changed our mind")
                        .build()));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("AppointmentMustBePending");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void anAppointmentCannotBeAcceptedOnceItsSupplierIsNoLongerTheSupplierOnItsFirstDay() {
        String appointment = request(DATA, dataService, TODAY.plusDays(20));
        registerSupplier(market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER), TODAY.plusDays(10));
        long before = hub.storedEvents();

        var refusal = refused(() -> accept(dataService, appointment));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("RequestingSupplierMustStillBeInForce");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void onlyTheSupplierInForceOnTheLastDayMayEndAnAppointment() {
        accept(dataService, request(DATA, dataService, REGISTERED.plusDays(1)));
        String otherSupplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        long before = hub.storedEvents();

        var refusal = refused(() -> end(otherSupplier, DATA, TODAY));

        assertThat(code(refusal)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refusal)).isEqualTo("OnlyTheSupplierInForceMayEndAnAppointment");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void endingAnAppointmentNoServiceHoldsOnTheLastDayIsAFailedPrecondition() {
        long before = hub.storedEvents();

        var refusal = refused(() -> end(supplier, METERING, TODAY));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("AppointmentMustBeInForceOnLastDay");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    private void registerSupplier(String who, LocalDate from) {
        market.registration(who).registerSupplier(Registrations.supplier(mpan, from.toString()));
        await().ignoreExceptions()
                .until(() -> market.registration(OPERATOR)
                        .getResponsibility(GetResponsibilityRequest.newBuilder()
                                .setMpan(mpan)
                                .setDate(from.toString())
                                .build())
                        .getSupplierId()
                        .equals(who));
    }

    /** The supplier's request: answers the appointment id. */
    private String request(ServiceRole role, String service, LocalDate from) {
        return market.registration(supplier)
                .requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setRole(role)
                        .setServiceId(service)
                        .setEffectiveFrom(from.toString())
                        .build())
                .getAppointmentId();
    }

    private void accept(String service, String appointment) {
        market.registration(service)
                .acceptServiceAppointment(AnswerServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setAppointmentId(appointment)
                        .build());
    }

    private void end(String who, ServiceRole role, LocalDate lastDay) {
        market.registration(who)
                .endServiceAppointment(EndServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setRole(role)
                        .setLastDay(lastDay.toString())
                        .build());
    }
}
