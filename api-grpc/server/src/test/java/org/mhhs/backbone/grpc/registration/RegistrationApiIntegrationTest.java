package org.mhhs.backbone.grpc.registration;

import static java.time.Month.APRIL;
import static java.time.Month.AUGUST;
import static java.time.Month.FEBRUARY;
import static java.time.Month.JANUARY;
import static java.time.Month.JULY;
import static java.time.Month.JUNE;
import static java.time.Month.MARCH;
import static java.time.Month.MAY;
import static java.time.Month.SEPTEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.preconditionViolations;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.HubClient.violatedFields;
import static org.mhhs.backbone.testing.MarketDays.lastYear;

import io.grpc.Status;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.DataEntitlement;
import org.mhhs.backbone.grpc.v1.AnswerServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.AppointmentState;
import org.mhhs.backbone.grpc.v1.ChangeMeteringPointDetailsRequest;
import org.mhhs.backbone.grpc.v1.EndServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.EnergisationStatus;
import org.mhhs.backbone.grpc.v1.GetAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetMeteringPointRequest;
import org.mhhs.backbone.grpc.v1.GetResponsibilityRequest;
import org.mhhs.backbone.grpc.v1.GetTimelineRequest;
import org.mhhs.backbone.grpc.v1.ListServedMeteringPointsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MarketSegment;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.Responsibility;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.backbone.grpc.v1.TimelineEntry;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.Registrations;
import org.springframework.beans.factory.annotation.Autowired;

/** Registration end to end: metering points, suppliers and the appointment process, through gRPC, on PostgreSQL. */
@HubIntegrationTest
class RegistrationApiIntegrationTest {

    @Autowired
    HubClient hub;

    Market market;
    String registrationService;
    String supplier;
    String dataService;
    String otherDataService;
    String meteringService;
    String mpan;

    @BeforeEach
    void aMeteringPointWithItsSupplier() {
        market = new Market(hub);
        market.gspGroup("_A");
        registrationService = market.participant('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        dataService = market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE);
        otherDataService = market.participant('B', MarketRole.MARKET_ROLE_DATA_SERVICE);
        meteringService = market.participant('M', MarketRole.MARKET_ROLE_METERING_SERVICE);
        mpan = Market.newMpan();
        market.registration(registrationService)
                .registerMeteringPoint(Registrations.meteringPoint(
                        mpan, "_A", lastYear(JANUARY, 1).toString()));
        market.registration(supplier)
                .registerSupplier(
                        Registrations.supplier(mpan, lastYear(JANUARY, 1).toString()));
        await().ignoreExceptions()
                .until(() -> !responsibility(supplier, lastYear(JANUARY, 15))
                        .getSupplierId()
                        .isEmpty());
    }

    @Test
    void theSupplierAppointsADataServiceThatAcceptsAndTheTimelineAnswersWhoWasResponsibleOnADay() {
        String first =
                requestAppointment(supplier, ServiceRole.SERVICE_ROLE_DATA_SERVICE, dataService, lastYear(FEBRUARY, 1));
        answer(dataService, first, true, "");
        String second =
                requestAppointment(supplier, ServiceRole.SERVICE_ROLE_DATA_SERVICE, otherDataService, lastYear(MAY, 1));
        answer(otherDataService, second, true, "");

        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(appointment(supplier, second).getState())
                        .isEqualTo(AppointmentState.APPOINTMENT_STATE_ACCEPTED));
        assertThat(responsibility(supplier, lastYear(JANUARY, 31)).getDataServiceId())
                .isEmpty();
        assertThat(responsibility(supplier, lastYear(MARCH, 1)).getDataServiceId())
                .isEqualTo(dataService);
        assertThat(responsibility(supplier, lastYear(APRIL, 30)).getDataServiceId())
                .isEqualTo(dataService);
        assertThat(responsibility(supplier, lastYear(MAY, 1)).getDataServiceId())
                .isEqualTo(otherDataService);
        assertThat(responsibility(supplier, lastYear(MAY, 1)).getSupplierId()).isEqualTo(supplier);
        assertThat(appointment(supplier, first).getState()).isEqualTo(AppointmentState.APPOINTMENT_STATE_ENDED);
        assertThat(timeline(dataService))
                .contains(entry(
                        MarketRole.MARKET_ROLE_DATA_SERVICE,
                        dataService,
                        lastYear(FEBRUARY, 1).toString(),
                        lastYear(APRIL, 30).toString()));
        var served = market.registration(otherDataService)
                .listServedMeteringPoints(ListServedMeteringPointsRequest.newBuilder()
                        .setParticipantId(otherDataService)
                        .setRole(MarketRole.MARKET_ROLE_DATA_SERVICE)
                        .setDate(lastYear(JUNE, 1).toString())
                        .build());
        assertThat(served.getMpansList()).containsExactly(mpan);
    }

    @Test
    void aRequestedServiceRejectsWithAReason() {
        String appointment = requestAppointment(
                supplier, ServiceRole.SERVICE_ROLE_METERING_SERVICE, meteringService, lastYear(FEBRUARY, 1));

        answer(meteringService, appointment, false, "no engineers in that area");

        await().ignoreExceptions().untilAsserted(() -> {
            var rejected = appointment(meteringService, appointment);
            assertThat(rejected.getState()).isEqualTo(AppointmentState.APPOINTMENT_STATE_REJECTED);
            assertThat(rejected.getReason()).isEqualTo("no engineers in that area");
        });
        assertThat(responsibility(supplier, lastYear(MARCH, 1)).getMeteringServiceId())
                .isEmpty();
    }

    @Test
    void theSupplierEndsAnAppointment() {
        String appointment = requestAppointment(
                supplier, ServiceRole.SERVICE_ROLE_METERING_SERVICE, meteringService, lastYear(FEBRUARY, 1));
        answer(meteringService, appointment, true, "");
        await().ignoreExceptions()
                .until(() ->
                        appointment(supplier, appointment).getState() == AppointmentState.APPOINTMENT_STATE_ACCEPTED);

        market.registration(supplier)
                .endServiceAppointment(EndServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setRole(ServiceRole.SERVICE_ROLE_METERING_SERVICE)
                        .setLastDay(lastYear(JUNE, 30).toString())
                        .build());

        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(
                                responsibility(supplier, lastYear(JULY, 1)).getMeteringServiceId())
                        .isEmpty());
        assertThat(responsibility(supplier, lastYear(JUNE, 30)).getMeteringServiceId())
                .isEqualTo(meteringService);
    }

    @Test
    void aChangeOfSupplierEndsTheLosingSuppliersPeriodTheDayBeforeAndEachSeesOnlyItsOwnDays() {
        String gaining = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        LocalDate from = MarketDays.daysAhead(14);

        market.registration(gaining).registerSupplier(Registrations.supplier(mpan, from.toString()));

        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(responsibility(gaining, from).getSupplierId())
                        .isEqualTo(gaining));
        assertThat(responsibility(supplier, from.minusDays(1)).getSupplierId()).isEqualTo(supplier);
        assertThat(timeline(supplier))
                .containsExactly(entry(
                        MarketRole.MARKET_ROLE_SUPPLIER,
                        supplier,
                        lastYear(JANUARY, 1).toString(),
                        from.minusDays(1).toString()));
        assertThat(timeline(gaining))
                .containsExactly(entry(MarketRole.MARKET_ROLE_SUPPLIER, gaining, from.toString(), ""));
    }

    @Test
    void theRegistrationServiceChangesTheDetailsFromADate() {
        market.registration(registrationService)
                .changeMeteringPointDetails(ChangeMeteringPointDetailsRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setEnergisation(EnergisationStatus.ENERGISATION_STATUS_DE_ENERGISED)
                        .setEffectiveFrom(lastYear(SEPTEMBER, 1).toString())
                        .build());

        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(market.registration(registrationService)
                                .getMeteringPoint(GetMeteringPointRequest.newBuilder()
                                        .setMpan(mpan)
                                        .build())
                                .getDetailsCount())
                        .isEqualTo(2));
        assertThat(responsibility(supplier, lastYear(AUGUST, 31)).getEnergisation())
                .isEqualTo(EnergisationStatus.ENERGISATION_STATUS_ENERGISED);
        assertThat(responsibility(supplier, lastYear(SEPTEMBER, 1)).getEnergisation())
                .isEqualTo(EnergisationStatus.ENERGISATION_STATUS_DE_ENERGISED);
        assertThat(responsibility(supplier, lastYear(SEPTEMBER, 1)).getSegment())
                .isEqualTo(MarketSegment.MARKET_SEGMENT_SMART);
    }

    @Test
    void onlyTheSupplierInForceMayRequestAnAppointment() {
        String stranger = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        long before = hub.storedEvents();

        var refused = refused(() -> requestAppointment(
                stranger, ServiceRole.SERVICE_ROLE_DATA_SERVICE, dataService, lastYear(FEBRUARY, 1)));

        assertThat(code(refused)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refused)).isEqualTo("OnlyTheSupplierInForceMayAppoint");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void onlyTheRequestedServiceMayAnswer() {
        String appointment =
                requestAppointment(supplier, ServiceRole.SERVICE_ROLE_DATA_SERVICE, dataService, lastYear(FEBRUARY, 1));
        long before = hub.storedEvents();

        var refused = refused(() -> answer(otherDataService, appointment, true, ""));

        assertThat(code(refused)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refused)).isEqualTo("OnlyTheRequestedServiceMayAnswer");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void aParticipantWithoutTheRoleMayNotRegisterMeteringPoints() {
        var refused = refused(() -> market.registration(supplier)
                .registerMeteringPoint(Registrations.meteringPoint(
                        Market.newMpan(), "_A", lastYear(JANUARY, 1).toString())));

        assertThat(code(refused)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refused)).isEqualTo("RoleRequired");
    }

    @Test
    void aSupplierRegistrationOverlappingTheCurrentOneIsAFailedPreconditionNamingIt() {
        String rival = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        long before = hub.storedEvents();

        var refused = refused(() -> market.registration(rival)
                .registerSupplier(
                        Registrations.supplier(mpan, lastYear(JANUARY, 1).toString())));

        assertThat(code(refused)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refused)).isEqualTo("SupplierPeriodsMustNotOverlap");
        assertThat(preconditionViolations(refused))
                .singleElement()
                .satisfies(v -> assertThat(v.getSubject())
                        .contains(lastYear(JANUARY, 1) + "..open")
                        .doesNotContain(supplier));
        assertThat(refused.getStatus().getDescription()).doesNotContain(supplier);
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void aChangeOfSupplierMustBeForAFutureDate() {
        String rival = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);

        var refused = refused(() -> market.registration(rival)
                .registerSupplier(
                        Registrations.supplier(mpan, MarketDays.today().toString())));

        assertThat(code(refused)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refused)).isEqualTo("ChangeOfSupplierMustBeInTheFuture");
    }

    @Test
    void aMalformedMpanIsAFieldViolation() {
        String wrongCheckDigit = mpan.substring(0, 12) + ((mpan.charAt(12) - '0' + 1) % 10);

        var refused = refused(() ->
                market.registration(supplier).registerSupplier(Registrations.supplier(wrongCheckDigit, "not-a-date")));

        assertThat(code(refused)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(refused)).containsExactlyInAnyOrder("mpan", "effective_from");
    }

    @Test
    void anUnregisteredMeteringPointIsNotFound() {
        var refused = refused(() -> market.registration(supplier)
                .registerSupplier(Registrations.supplier(
                        Market.newMpan(), lastYear(JANUARY, 1).toString())));

        assertThat(code(refused)).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void aResentAppointmentRequestNamesTheSameAppointmentAndStoresNothing() {
        var request = RequestServiceAppointmentRequest.newBuilder()
                .setHeader(newCommand())
                .setMpan(mpan)
                .setRole(ServiceRole.SERVICE_ROLE_DATA_SERVICE)
                .setServiceId(dataService)
                .setEffectiveFrom(lastYear(FEBRUARY, 1).toString())
                .build();
        var first = market.registration(supplier).requestServiceAppointment(request);
        long after = hub.storedEvents();

        var again = market.registration(supplier).requestServiceAppointment(request);

        assertThat(again.getDuplicate()).isTrue();
        assertThat(again.getAppointmentId()).isEqualTo(first.getAppointmentId());
        assertThat(hub.storedEvents()).isEqualTo(after);
    }

    @Test
    void aParticipantNotInvolvedWithAMeteringPointCannotReadItsTimeline() {
        String stranger = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);

        var refused = refused(() -> market.registration(stranger)
                .getTimeline(GetTimelineRequest.newBuilder().setMpan(mpan).build()));
        var listing = refused(() -> market.registration(stranger)
                .listServedMeteringPoints(ListServedMeteringPointsRequest.newBuilder()
                        .setParticipantId(supplier)
                        .setRole(MarketRole.MARKET_ROLE_SUPPLIER)
                        .setDate(lastYear(FEBRUARY, 1).toString())
                        .build()));

        assertThat(code(refused)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refused)).isEqualTo(DataEntitlement.RULE);
        assertThat(code(listing)).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void theDnoOfTheGspGroupReadsTheTimeline() {
        String dno = market.gspGroup("_A").getDnoId();

        var timeline = market.registration(dno)
                .getTimeline(GetTimelineRequest.newBuilder().setMpan(mpan).build());

        assertThat(timeline.getEntriesList())
                .extracting(TimelineEntry::getParticipantId)
                .contains(supplier);
    }

    private String requestAppointment(String by, ServiceRole role, String service, LocalDate from) {
        return market.registration(by)
                .requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setRole(role)
                        .setServiceId(service)
                        .setEffectiveFrom(from.toString())
                        .build())
                .getAppointmentId();
    }

    private void answer(String by, String appointmentId, boolean accept, String reason) {
        var request = AnswerServiceAppointmentRequest.newBuilder()
                .setHeader(newCommand())
                .setMpan(mpan)
                .setAppointmentId(appointmentId)
                .setReason(reason)
                .build();
        if (accept) {
            market.registration(by).acceptServiceAppointment(request);
        } else {
            market.registration(by).rejectServiceAppointment(request);
        }
    }

    private Responsibility responsibility(String by, LocalDate date) {
        return market.registration(by)
                .getResponsibility(GetResponsibilityRequest.newBuilder()
                        .setMpan(mpan)
                        .setDate(date.toString())
                        .build());
    }

    private org.mhhs.backbone.grpc.v1.Appointment appointment(String by, String appointmentId) {
        return market.registration(by)
                .getAppointment(GetAppointmentRequest.newBuilder()
                        .setAppointmentId(appointmentId)
                        .build());
    }

    private java.util.List<TimelineEntry> timeline(String by) {
        return market.registration(by)
                .getTimeline(GetTimelineRequest.newBuilder().setMpan(mpan).build())
                .getEntriesList();
    }

    private static TimelineEntry entry(MarketRole role, String participant, String from, String to) {
        return TimelineEntry.newBuilder()
                .setRole(role)
                .setParticipantId(participant)
                .setEffectiveFrom(from)
                .setEffectiveTo(to)
                .build();
    }
}
