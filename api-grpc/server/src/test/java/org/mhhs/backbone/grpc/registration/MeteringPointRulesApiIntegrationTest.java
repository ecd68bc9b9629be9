package org.mhhs.backbone.grpc.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;

import io.grpc.Status;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mhhs.backbone.grpc.v1.ChangeMeteringPointDetailsRequest;
import org.mhhs.backbone.grpc.v1.EnergisationStatus;
import org.mhhs.backbone.grpc.v1.GetMeteringPointRequest;
import org.mhhs.backbone.grpc.v1.GetResponsibilityRequest;
import org.mhhs.backbone.grpc.v1.GspGroup;
import org.mhhs.backbone.grpc.v1.ListGspGroupsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.Registrations;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rules of registering a metering point, changing its details and registering its supplier, broken through
 * gRPC: each answers its status and rule as the ErrorInfo reason, and stores nothing.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeteringPointRulesApiIntegrationTest {

    private static final String OPERATOR = "OPER";
    private static final LocalDate TODAY = MarketDays.today();
    /** When the metering point of each test was registered and its supplier took it on. */
    private static final LocalDate REGISTERED = TODAY.minusDays(200);

    @Autowired
    HubClient hub;

    Market market;
    String registrationService;
    String supplier;
    String mpan;

    @BeforeAll
    void aRegistrationServiceAndASupplier() {
        market = new Market(hub);
        market.gspGroup("_A");
        registrationService = market.participant('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
    }

    @BeforeEach
    void aRegisteredMeteringPointWithItsSupplier() {
        mpan = registerMeteringPoint(registrationService, "_A", REGISTERED);
        registerSupplier(supplier, mpan, REGISTERED);
    }

    @Test
    void aRegistrationServiceNotYetHoldingItsRoleOnTheFirstDayMayNotRegisterAMeteringPoint() {
        String lateService = participantFrom('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE, TODAY.minusDays(10));
        String newMpan = Market.newMpan();
        long before = hub.storedEvents();

        var refusal = refused(() -> registerMeteringPoint(lateService, newMpan, "_A", TODAY.minusDays(11)));

        assertThat(code(refusal)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refusal)).isEqualTo("RegistrationServiceMustHoldRole");
        assertThat(hub.storedEvents()).isEqualTo(before);
        var unknown = refused(() -> market.registration(OPERATOR)
                .getMeteringPoint(
                        GetMeteringPointRequest.newBuilder().setMpan(newMpan).build()));
        assertThat(code(unknown)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(unknown)).isEqualTo("MeteringPointMustBeRegistered");
    }

    @Test
    void aMeteringPointInAGspGroupWithoutADnoInIsdIsAFailedPrecondition() {
        Set<String> registered =
                hub.operatorIsd().listGspGroups(ListGspGroupsRequest.getDefaultInstance()).getGspGroupsList().stream()
                        .map(GspGroup::getGspGroupId)
                        .collect(Collectors.toSet());
        String withoutDno = GspGroupId.all().stream()
                .map(GspGroupId::value)
                .filter(id -> !registered.contains(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("every GSP group has a DNO in this hub"));
        long before = hub.storedEvents();

        var refusal = refused(() -> registerMeteringPoint(registrationService, Market.newMpan(), withoutDno, TODAY));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("GspGroupMustBeRegistered");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void anotherRegistrationServiceMayNotChangeTheDetails() {
        String other = market.participant('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        long before = hub.storedEvents();

        var refusal = refused(() -> deEnergise(other, mpan, TODAY.plusDays(5)));

        assertThat(code(refusal)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refusal)).isEqualTo("OnlyItsRegistrationServiceMayChangeIt");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void aChangeOfDetailsMustTakeEffectAfterTheLatestChange() {
        deEnergise(registrationService, mpan, TODAY.minusDays(20));
        long before = hub.storedEvents();

        var sameDay = refused(() -> deEnergise(registrationService, mpan, TODAY.minusDays(20)));
        var earlier = refused(() -> deEnergise(registrationService, mpan, TODAY.minusDays(50)));

        for (var refusal : java.util.List.of(sameDay, earlier)) {
            assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(reason(refusal)).isEqualTo("DetailsChangesInOrder");
        }
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void changingTheDetailsOfAMeteringPointNeverRegisteredIsNotFound() {
        long before = hub.storedEvents();

        var refusal = refused(() -> deEnergise(registrationService, Market.newMpan(), TODAY));

        assertThat(code(refusal)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(refusal)).isEqualTo("NotFound");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void aSupplierCannotBeRegisteredFromBeforeTheMeteringPointWas() {
        String unsupplied = registerMeteringPoint(registrationService, "_A", REGISTERED);
        long before = hub.storedEvents();

        var refusal = refused(() -> registerSupplier(supplier, unsupplied, REGISTERED.minusDays(1)));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("NotBeforeMeteringPointRegistration");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void aSupplierNotYetHoldingItsRoleOnTheFirstDayMayNotTakeOnAMeteringPoint() {
        String lateSupplier = participantFrom('S', MarketRole.MARKET_ROLE_SUPPLIER, TODAY.minusDays(10));
        String unsupplied = registerMeteringPoint(registrationService, "_A", REGISTERED);
        long before = hub.storedEvents();

        var refusal = refused(() -> registerSupplier(lateSupplier, unsupplied, TODAY.minusDays(11)));

        assertThat(code(refusal)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(reason(refusal)).isEqualTo("SupplierMustHoldRole");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void theSupplierInForceRegisteringItselfAgainIsAlreadyTheSupplier() {
        long before = hub.storedEvents();

        var refusal = refused(() -> registerSupplier(supplier, mpan, TODAY.plusDays(10)));

        assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(refusal)).isEqualTo("AlreadyTheSupplier");
        assertThat(hub.storedEvents()).isEqualTo(before);
    }

    @Test
    void whoWasResponsibleOnADayBeforeTheRegistrationIsNotFound() {
        await().ignoreExceptions()
                .until(() -> !responsibility(REGISTERED).getSupplierId().isEmpty());

        var refusal = refused(() -> responsibility(REGISTERED.minusDays(1)));

        assertThat(code(refusal)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(refusal)).isEqualTo("MeteringPointNotRegisteredOnDate");
    }

    private org.mhhs.backbone.grpc.v1.Responsibility responsibility(LocalDate date) {
        return market.registration(OPERATOR)
                .getResponsibility(GetResponsibilityRequest.newBuilder()
                        .setMpan(mpan)
                        .setDate(date.toString())
                        .build());
    }

    /** A participant holding {@code role} from {@code from} on, visible in ISD once this returns. */
    private String participantFrom(char letter, MarketRole role, LocalDate from) {
        return Market.register(hub.operatorIsd(), MarketIds.mpid(letter), role, from, null);
    }

    private String registerMeteringPoint(String service, String gspGroup, LocalDate from) {
        String newMpan = Market.newMpan();
        registerMeteringPoint(service, newMpan, gspGroup, from);
        return newMpan;
    }

    private void registerMeteringPoint(String service, String newMpan, String gspGroup, LocalDate from) {
        market.registration(service)
                .registerMeteringPoint(Registrations.meteringPoint(newMpan, gspGroup, from.toString()));
    }

    private void registerSupplier(String who, String meteringPoint, LocalDate from) {
        market.registration(who).registerSupplier(Registrations.supplier(meteringPoint, from.toString()));
    }

    private void deEnergise(String who, String meteringPoint, LocalDate from) {
        market.registration(who)
                .changeMeteringPointDetails(ChangeMeteringPointDetailsRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(meteringPoint)
                        .setEnergisation(EnergisationStatus.ENERGISATION_STATUS_DE_ENERGISED)
                        .setEffectiveFrom(from.toString())
                        .build());
    }
}
