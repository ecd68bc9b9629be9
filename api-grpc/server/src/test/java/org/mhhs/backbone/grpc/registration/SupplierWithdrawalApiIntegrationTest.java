package org.mhhs.backbone.grpc.registration;

import static java.time.Month.JANUARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.HubClient.violatedFields;
import static org.mhhs.backbone.testing.MarketDays.lastYear;
import static org.mhhs.backbone.testing.TestSubscriber.from;
import static org.mhhs.backbone.testing.TestSubscriber.registered;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.AnswerServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.CommandAck;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.GetResponsibilityRequest;
import org.mhhs.backbone.grpc.v1.GetTimelineRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.OpenSubscription;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.grpc.v1.SupplierRegistrationWithdrawn;
import org.mhhs.backbone.grpc.v1.TimelineEntry;
import org.mhhs.backbone.grpc.v1.WithdrawSupplierRegistrationRequest;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.Registrations;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A gaining supplier withdraws its registration before it takes effect, through gRPC: the losing supplier stays
 * responsible, the parties concerned are told, and a switch the registration held up becomes possible. Nobody else
 * can withdraw it, nor learn from a refusal who serves the metering point.
 */
@HubIntegrationTest
class SupplierWithdrawalApiIntegrationTest {

    private static final String OPERATOR = "OPER";

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    Market market;
    String registrationService;
    String dno;
    String losing;
    String gaining;
    String mpan;
    /** The gaining supplier's first day, two weeks ahead. */
    LocalDate switchDay;

    @BeforeEach
    void aMeteringPointOfTheLosingSupplier() {
        market = new Market(hub);
        dno = market.gspGroup("_A").getDnoId();
        registrationService = market.participant('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        losing = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        gaining = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        mpan = Market.newMpan();
        switchDay = MarketDays.daysAhead(14);
        market.registration(registrationService)
                .registerMeteringPoint(Registrations.meteringPoint(
                        mpan, "_A", lastYear(JANUARY, 1).toString()));
        market.registration(losing)
                .registerSupplier(
                        Registrations.supplier(mpan, lastYear(JANUARY, 1).toString()));
    }

    @Test
    void theGainingSupplierWithdrawsAndTheTimelineShowsTheLosingSupplierContinuing() {
        registerGaining();

        CommandAck ack = withdraw(gaining, switchDay.toString());

        assertThat(ack.getDuplicate()).isFalse();
        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(timeline(losing))
                        .containsExactly(entry(losing, lastYear(JANUARY, 1).toString(), "")));
        assertThat(supplierOn(losing, switchDay)).isEqualTo(losing);
        assertThat(supplierOn(OPERATOR, switchDay.plusDays(100))).isEqualTo(losing);
    }

    @Test
    void theLosingSupplierTheRegistrationServiceAndTheDnoAreToldAndNoStranger() {
        String stranger = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        registerGaining();
        OpenSubscription fromNow = from("withdrawal", StartFrom.START_FROM_POSITION)
                .setPosition(feedHead())
                .build();
        try (TestSubscriber losingSupplier = subscribe(losing, fromNow);
                TestSubscriber service = subscribe(registrationService, fromNow);
                TestSubscriber distributor = subscribe(dno, fromNow);
                TestSubscriber withdrawing = subscribe(gaining, fromNow);
                TestSubscriber strange = subscribe(stranger, fromNow)) {

            withdraw(gaining, switchDay.toString());
            String sentinel = broadcastSentinel();

            SupplierRegistrationWithdrawn expected = SupplierRegistrationWithdrawn.newBuilder()
                    .setMpan(mpan)
                    .setSupplier(gaining)
                    .setEffectiveFrom(switchDay.toString())
                    .setRestoredSupplier(losing)
                    .setRestoredSupplierFrom(lastYear(JANUARY, 1).toString())
                    .build();
            for (TestSubscriber told : List.of(losingSupplier, service, distributor, withdrawing)) {
                EventEnvelope event = told.awaitEvent(EventEnvelope::hasSupplierRegistrationWithdrawn);
                assertThat(event.getType()).isEqualTo("SupplierRegistrationWithdrawn");
                assertThat(event.getProducer()).isEqualTo(gaining);
                assertThat(event.getSupplierRegistrationWithdrawn()).isEqualTo(expected);
            }
            strange.awaitEvent(e -> registered(e, sentinel));
            assertThat(strange.events()).noneMatch(EventEnvelope::hasSupplierRegistrationWithdrawn);
        }
    }

    @Test
    void aSwitchThePendingRegistrationHeldUpIsAcceptedOnceItIsWithdrawn() {
        String blocked = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        registerGaining();
        var heldUp = refused(() ->
                market.registration(blocked).registerSupplier(Registrations.supplier(mpan, switchDay.toString())));
        assertThat(reason(heldUp)).isEqualTo("SupplierPeriodsMustNotOverlap");

        withdraw(gaining, switchDay.toString());
        market.registration(blocked).registerSupplier(Registrations.supplier(mpan, switchDay.toString()));

        // the registration service reads every day of the MPAN (each supplier only its own)
        await().ignoreExceptions()
                .untilAsserted(() -> assertThat(timeline(registrationService))
                        .containsExactly(
                                entry(
                                        losing,
                                        lastYear(JANUARY, 1).toString(),
                                        switchDay.minusDays(1).toString()),
                                entry(blocked, switchDay.toString(), "")));
        assertThat(supplierOn(blocked, switchDay)).isEqualTo(blocked);
    }

    @Test
    void aStrangerGetsTheSameNotFoundWhetherOrNotARegistrationTakesEffectThatDayAndLearnsNoSupplier() {
        String stranger = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        long before = hub.storedEvents();
        var beforeAnyRegistration = refused(() -> withdraw(stranger, switchDay.toString()));
        assertThat(hub.storedEvents()).isEqualTo(before);
        registerGaining();
        long after = hub.storedEvents();

        var whileOneIsPending = refused(() -> withdraw(stranger, switchDay.toString()));
        var byTheLosingSupplier = refused(() -> withdraw(losing, switchDay.toString()));

        for (StatusRuntimeException refusal : List.of(beforeAnyRegistration, whileOneIsPending)) {
            assertThat(code(refusal)).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(reason(refusal)).isEqualTo("SupplierRegistrationMustExist");
            assertThat(refusal.getStatus().getDescription())
                    .isEqualTo(stranger + " has no supplier registration of " + mpan + " taking effect on " + switchDay)
                    .doesNotContain(gaining)
                    .doesNotContain(losing);
        }
        assertThat(StatusProto.fromThrowable(whileOneIsPending))
                .as("the whole status with its details")
                .isEqualTo(StatusProto.fromThrowable(beforeAnyRegistration));
        assertThat(reason(byTheLosingSupplier)).isEqualTo("SupplierRegistrationMustExist");
        assertThat(byTheLosingSupplier.getStatus().getDescription()).doesNotContain(gaining);
        assertThat(hub.storedEvents()).isEqualTo(after);
    }

    @Test
    void aRegistrationAlreadyInForceCannotBeWithdrawn() {
        long before = hub.storedEvents();

        var refusal = refused(() -> withdraw(losing, lastYear(JANUARY, 1).toString()));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("WithdrawalBeforeTheChangeTakesEffect");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void onceAnAppointmentItRequestedForItsPeriodIsAcceptedTheGainingSupplierCanNoLongerWithdraw() {
        String dataService = market.participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE);
        registerGaining();
        String appointment = market.registration(gaining)
                .requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setRole(ServiceRole.SERVICE_ROLE_DATA_SERVICE)
                        .setServiceId(dataService)
                        .setEffectiveFrom(switchDay.toString())
                        .build())
                .getAppointmentId();
        market.registration(dataService)
                .acceptServiceAppointment(AnswerServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setAppointmentId(appointment)
                        .build());
        long before = hub.storedEvents();

        var refusal = refused(() -> withdraw(gaining, switchDay.toString()));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("WithdrawalBeforeServicesAreAppointed");
        assertThat(refusal.getStatus().getDescription()).doesNotContain(losing);
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void aResentWithdrawalAnswersAsTheFirstAndStoresNothing() {
        registerGaining();
        WithdrawSupplierRegistrationRequest request = request(switchDay.toString());
        market.registration(gaining).withdrawSupplierRegistration(request);
        long after = hub.storedEvents();

        CommandAck again = market.registration(gaining).withdrawSupplierRegistration(request);

        assertThat(again.getDuplicate()).isTrue();
        assertThat(hub.storedEvents()).isEqualTo(after);
    }

    @Test
    void aMalformedMpanAndDateAndAMissingCommandIdAreInvalidArgumentsNamingEachField() {
        String wrongCheckDigit = mpan.substring(0, 12) + ((mpan.charAt(12) - '0' + 1) % 10);
        long before = hub.storedEvents();

        var refusal = refused(() -> market.registration(gaining)
                .withdrawSupplierRegistration(WithdrawSupplierRegistrationRequest.newBuilder()
                        .setMpan(wrongCheckDigit)
                        .setEffectiveFrom(switchDay + "T00:00")
                        .build()));

        assertThat(code(refusal)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(refusal)).containsExactlyInAnyOrder("header.command_id", "mpan", "effective_from");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    private void registerGaining() {
        market.registration(gaining).registerSupplier(Registrations.supplier(mpan, switchDay.toString()));
        await().ignoreExceptions().until(() -> supplierOn(OPERATOR, switchDay).equals(gaining));
    }

    private CommandAck withdraw(String by, String effectiveFrom) {
        return market.registration(by).withdrawSupplierRegistration(request(effectiveFrom));
    }

    private WithdrawSupplierRegistrationRequest request(String effectiveFrom) {
        return WithdrawSupplierRegistrationRequest.newBuilder()
                .setHeader(newCommand())
                .setMpan(mpan)
                .setEffectiveFrom(effectiveFrom)
                .build();
    }

    private String supplierOn(String by, LocalDate date) {
        return market.registration(by)
                .getResponsibility(GetResponsibilityRequest.newBuilder()
                        .setMpan(mpan)
                        .setDate(date.toString())
                        .build())
                .getSupplierId();
    }

    private List<TimelineEntry> timeline(String by) {
        return market
                .registration(by)
                .getTimeline(GetTimelineRequest.newBuilder().setMpan(mpan).build())
                .getEntriesList()
                .stream()
                .filter(entry -> entry.getRole() == MarketRole.MARKET_ROLE_SUPPLIER)
                .toList();
    }

    private static TimelineEntry entry(String participant, String from, String to) {
        return TimelineEntry.newBuilder()
                .setRole(MarketRole.MARKET_ROLE_SUPPLIER)
                .setParticipantId(participant)
                .setEffectiveFrom(from)
                .setEffectiveTo(to)
                .build();
    }

    private TestSubscriber subscribe(String participant, OpenSubscription open) {
        TestSubscriber subscriber = TestSubscriber.open(hub.channel(), market.token(participant), open);
        subscriber.opened();
        return subscriber;
    }

    private long feedHead() {
        return jdbc.sql("SELECT coalesce(max(position), 0) FROM notification.feed")
                .query(Long.class)
                .single();
    }

    /** A broadcast event after the withdrawal: once a subscriber has it, it has had everything before it. */
    private String broadcastSentinel() {
        String id = MarketIds.mpid('Z');
        hub.operatorIsd()
                .registerParticipant(RegisterParticipantRequest.newBuilder()
                        .setHeader(newCommand())
                        .setParticipantId(id)
                        .setName("Sentinel")
                        .build());
        return id;
    }
}
