package org.mhhs.backbone.grpc.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.mhhs.backbone.grpc.notification.MarketTimelines.Appoint;
import org.mhhs.backbone.grpc.notification.MarketTimelines.ChangeDetails;
import org.mhhs.backbone.grpc.notification.MarketTimelines.ChangeDno;
import org.mhhs.backbone.grpc.notification.MarketTimelines.ChangeSupplier;
import org.mhhs.backbone.grpc.notification.MarketTimelines.EndAppointment;
import org.mhhs.backbone.grpc.notification.MarketTimelines.GrantCentralSettlement;
import org.mhhs.backbone.grpc.notification.MarketTimelines.RevokeCentralSettlement;
import org.mhhs.backbone.grpc.notification.MarketTimelines.Step;
import org.mhhs.backbone.grpc.notification.MarketTimelines.Submit;
import org.mhhs.backbone.grpc.notification.MarketTimelines.WithdrawLatestRegistration;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.AnswerServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.ChangeGspGroupDnoRequest;
import org.mhhs.backbone.grpc.v1.ChangeMeteringPointDetailsRequest;
import org.mhhs.backbone.grpc.v1.EndServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.EnergisationStatus;
import org.mhhs.backbone.grpc.v1.GetParticipantRequest;
import org.mhhs.backbone.grpc.v1.GetResponsibilityRequest;
import org.mhhs.backbone.grpc.v1.GrantRoleRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.mhhs.backbone.grpc.v1.ListGspGroupsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.RegisterGspGroupRequest;
import org.mhhs.backbone.grpc.v1.RegistrationServiceGrpc;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.Responsibility;
import org.mhhs.backbone.grpc.v1.RevokeRoleRequest;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;
import org.mhhs.backbone.grpc.v1.WithdrawSupplierRegistrationRequest;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.testing.Deliveries;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.Registrations;
import org.mhhs.backbone.testing.RunningHub;
import org.mhhs.backbone.testing.Submissions;
import org.springframework.util.FileSystemUtils;

/**
 * For random timelines of a metering point's market ({@link MarketTimelines}: changes of supplier, appointments
 * accepted and rejected, de-appointments, details changes and moves of GSP group, a change of the GSP group's DNO
 * from today or later, CENTRAL_SETTLEMENT granted and revoked, consumption submitted and restated), carried out
 * through the real gRPC API of a hub of its own on the embedded PostgreSQL (a DNO change alters the market for every
 * later test; its in-memory live end is kept small, so that the backlog is read and filtered in PostgreSQL), every
 * participant's subscription from the beginning holds exactly the events the test's own {@link EntitlementOracle} says
 * it is entitled to, in order: no more, no fewer. Few timelines by default, since each is a market built through the
 * API; {@code -Ddelivery.tries=N} runs N.
 */
class DeliveryEntitlementPropertyTest {

    private static final String TRIES = "delivery.tries";
    private static final int DEFAULT_TRIES = 4;
    private static final List<String> GSP_GROUPS =
            List.of("_A", "_B", "_C", "_D", "_E", "_F", "_G", "_H", "_J", "_K", "_L", "_M", "_N", "_P");

    private static Path dataDir;
    private static RunningHub hub;
    private static String operator;
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    /** Every GSP group this hub knows, with its DNO periods (the first from LocalDate.MIN). */
    private static final Map<String, NavigableMap<LocalDate, String>> DNOS = new HashMap<>();

    private static int timelinesRun;

    @BeforeContainer
    static void startHub() throws IOException {
        dataDir = Files.createTempDirectory(Path.of("target"), "delivery-entitlement-");
        // a live end of 16 entries: a subscription from the beginning reads nearly all from PostgreSQL, where the
        // audience (role periods included) is filtered in SQL, and the rest from memory
        hub = RunningHub.start(dataDir, "--hub.notification.live-buffer-events=16");
        operator = hub.operatorToken();
    }

    @AfterContainer
    static void stopHub() {
        try {
            hub.close();
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(TriesFromSystemProperty.class)
    void everySubscriptionHoldsExactlyWhatItsParticipantIsEntitledTo(@ForAll("timelines") List<Step> timeline) {
        new Timeline().run(timeline);
    }

    @Example
    void aDnoChangeFromTomorrowSendsLaterDaysToTheNewDnoAndEarlierOnesToTheOld() {
        new Timeline()
                .run(List.of(
                        new GrantCentralSettlement(0, 0, 0),
                        new GrantCentralSettlement(1, MarketTimelines.FIRST_DAY, 20),
                        new ChangeDno(1),
                        new Submit(-1),
                        new Submit(-30),
                        new ChangeSupplier(1, 3),
                        new ChangeDetails(false, 0),
                        new ChangeDetails(true, 2),
                        new Appoint(false, 0, 1, true),
                        new EndAppointment(false, 4),
                        new Appoint(true, 1, 3, true),
                        new Submit(-30)));
    }

    @Example
    void aDnoChangeInThePastOrNotAfterTheScheduledOneIsRefusedAndStoresNothing() {
        String group = gspGroup(GSP_GROUPS.getLast());
        String newDno = participant('D', MarketRole.MARKET_ROLE_DNO);
        String otherDno = participant('D', MarketRole.MARKET_ROLE_DNO);
        LocalDate today = MarketDays.today();
        long stored = storedEvents();

        var past = HubClient.refused(() -> changeDno(group, newDno, today.minusDays(1)));
        assertThat(HubClient.code(past)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(HubClient.reason(past)).isEqualTo("DnoChangeNotInThePast");

        NavigableMap<LocalDate, String> periods = DNOS.get(group);
        LocalDate scheduled = periods.lastKey().isBefore(today)
                ? today.plusDays(1)
                : periods.lastKey().plusDays(1);
        changeDno(group, newDno, scheduled);
        periods.put(scheduled, newDno);
        long withTheChange = storedEvents();
        var outOfOrder = HubClient.refused(() -> changeDno(group, otherDno, scheduled));
        assertThat(HubClient.code(outOfOrder)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(HubClient.reason(outOfOrder)).isEqualTo("DnoChangesInOrder");

        assertThat(withTheChange)
                .as("the refusal stored nothing, the change one event")
                .isEqualTo(stored + 1);
        assertThat(storedEvents()).as("the second refusal stored nothing").isEqualTo(withTheChange);
    }

    @Provide
    Arbitrary<List<Step>> timelines() {
        return MarketTimelines.timelines();
    }

    /** One timeline: its own participants and metering point, in two GSP groups, the first of which it may change. */
    private static final class Timeline {

        private final LocalDate today = MarketDays.today();
        private final LocalDate firstDay = today.plusDays(MarketTimelines.FIRST_DAY);
        private final String gspGroup;
        private final String otherGspGroup;
        private final String registrationService = participant('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
        private final List<String> suppliers = List.of(
                participant('S', MarketRole.MARKET_ROLE_SUPPLIER),
                participant('S', MarketRole.MARKET_ROLE_SUPPLIER),
                participant('S', MarketRole.MARKET_ROLE_SUPPLIER));
        private final List<String> dataServices = List.of(
                participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE),
                participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE));
        private final List<String> meteringServices = List.of(
                participant('M', MarketRole.MARKET_ROLE_METERING_SERVICE),
                participant('M', MarketRole.MARKET_ROLE_METERING_SERVICE));
        private final String newDno = participant('D', MarketRole.MARKET_ROLE_DNO);
        private final List<String> centralSettlement = List.of(participant('C'), participant('C'));
        private final String auditor = participant('U', MarketRole.MARKET_ROLE_AUDITOR);
        private final String mpan = Market.newMpan();
        private final EntitlementOracle oracle;
        private final List<String> done = new ArrayList<>();
        private boolean dnoChanged;

        Timeline() {
            int run = timelinesRun++;
            gspGroup = gspGroup(GSP_GROUPS.get(2 * run % GSP_GROUPS.size()));
            otherGspGroup = gspGroup(GSP_GROUPS.get((2 * run + 1) % GSP_GROUPS.size()));
            oracle = new EntitlementOracle(mpan, registrationService, auditor, centralSettlement, DNOS);
        }

        void run(List<Step> steps) {
            registration(registrationService)
                    .registerMeteringPoint(Registrations.meteringPoint(mpan, gspGroup, firstDay.toString()));
            oracle.registered(firstDay, gspGroup);
            registration(suppliers.getFirst()).registerSupplier(Registrations.supplier(mpan, firstDay.toString()));
            oracle.supplier(suppliers.getFirst(), firstDay);
            appoint(true, dataServices.getFirst(), firstDay, true);
            steps.forEach(this::take);
            awaitRolePeriodsInIsd();

            Set<String> participants = new LinkedHashSet<>(oracle.participants());
            participants.addAll(suppliers);
            participants.addAll(dataServices);
            participants.addAll(meteringServices);
            participants.add(newDno);
            participants.addAll(DNOS.get(gspGroup).values());
            participants.addAll(DNOS.get(otherGspGroup).values());
            Map<String, List<String>> entitled = oracle.entitlements(participants);
            Map<String, List<String>> received =
                    Deliveries.fromBeginning(hub.channel(), isd(), TOKENS::get, participants, Set.of(mpan));

            for (String participant : participants) {
                assertThat(received.get(participant))
                        .as(
                                "%s (%s) after the steps%n  %s%nin the market%n%s",
                                participant, castOf(participant), String.join("\n  ", done), oracle)
                        .containsExactlyElementsOf(entitled.get(participant));
            }
        }

        private void take(Step step) {
            switch (step) {
                case ChangeSupplier s -> {
                    String supplier = suppliers.get(s.supplier());
                    LocalDate from = today.plusDays(s.daysAhead());
                    if (oracle.allowsSupplier(supplier, from, today)) {
                        registration(supplier).registerSupplier(Registrations.supplier(mpan, from.toString()));
                        oracle.supplier(supplier, from);
                        done.add("supplier " + supplier + " from " + from);
                    }
                }
                case WithdrawLatestRegistration w ->
                    oracle.withdrawable(today).ifPresent(latest -> {
                        try {
                            registration(latest.getValue())
                                    .withdrawSupplierRegistration(WithdrawSupplierRegistrationRequest.newBuilder()
                                            .setHeader(newCommand())
                                            .setMpan(mpan)
                                            .setEffectiveFrom(latest.getKey().toString())
                                            .build());
                            oracle.withdrawn(latest.getKey());
                            done.add(latest.getValue() + " withdraws its registration from " + latest.getKey());
                        } catch (StatusRuntimeException refused) {
                            // the only rule the oracle leaves to the hub: the services of its period were changed
                            assertThat(HubClient.reason(refused)).isEqualTo("WithdrawalBeforeServicesAreAppointed");
                            done.add(latest.getValue() + " may not withdraw (services appointed for its period)");
                        }
                    });
                case Appoint a -> {
                    String service = (a.dataService() ? dataServices : meteringServices).get(a.service());
                    LocalDate from = today.plusDays(a.day());
                    if (oracle.allowsAppointment(a.dataService(), service, from)) {
                        appoint(a.dataService(), service, from, a.accepted());
                    }
                }
                case EndAppointment e -> {
                    LocalDate lastDay = today.plusDays(e.day());
                    if (!lastDay.isBefore(firstDay)
                            && oracle.endableOn(e.dataService(), lastDay).isPresent()) {
                        String supplier = oracle.supplierOn(lastDay).orElseThrow();
                        registration(supplier)
                                .endServiceAppointment(EndServiceAppointmentRequest.newBuilder()
                                        .setHeader(newCommand())
                                        .setMpan(mpan)
                                        .setRole(role(e.dataService()))
                                        .setLastDay(lastDay.toString())
                                        .build());
                        oracle.end(e.dataService(), lastDay, supplier);
                        done.add(supplier + " ends the " + role(e.dataService()) + " on " + lastDay);
                    }
                }
                case ChangeDetails c -> changeDetails(c.moveGspGroup(), today.plusDays(c.day()));
                case ChangeDno c -> changeDno(today.plusDays(c.daysAhead()));
                case GrantCentralSettlement g -> {
                    String holder = centralSettlement.get(g.holder());
                    LocalDate from = today.plusDays(g.from());
                    LocalDate to = g.days() == 0 ? null : from.plusDays(g.days() - 1);
                    if (oracle.allowsGrant(holder, EntitlementOracle.period(from, to))) {
                        isd().grantRole(GrantRoleRequest.newBuilder()
                                .setHeader(newCommand())
                                .setParticipantId(holder)
                                .setRole(MarketRole.MARKET_ROLE_CENTRAL_SETTLEMENT)
                                .setEffectiveFrom(from.toString())
                                .setEffectiveTo(to == null ? "" : to.toString())
                                .build());
                        oracle.granted(holder, EntitlementOracle.period(from, to));
                        done.add("central settlement " + holder + " from " + from + " to " + to);
                    }
                }
                case RevokeCentralSettlement r -> {
                    String holder = centralSettlement.get(r.holder());
                    LocalDate lastDay = today.plusDays(r.lastDay());
                    if (oracle.allowsRevocation(holder, lastDay)) {
                        isd().revokeRole(RevokeRoleRequest.newBuilder()
                                .setHeader(newCommand())
                                .setParticipantId(holder)
                                .setRole(MarketRole.MARKET_ROLE_CENTRAL_SETTLEMENT)
                                .setLastDay(lastDay.toString())
                                .build());
                        oracle.revoked(holder, lastDay);
                        done.add("central settlement " + holder + " revoked after " + lastDay);
                    }
                }
                case Submit s -> submit(today.plusDays(s.day()));
            }
        }

        private void appoint(boolean dataService, String service, LocalDate from, boolean accepted) {
            String supplier = oracle.supplierOn(from).orElseThrow();
            String appointment = registration(supplier)
                    .requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                            .setHeader(newCommand())
                            .setMpan(mpan)
                            .setRole(role(dataService))
                            .setServiceId(service)
                            .setEffectiveFrom(from.toString())
                            .build())
                    .getAppointmentId();
            oracle.requested(service, from);
            AnswerServiceAppointmentRequest.Builder answer = AnswerServiceAppointmentRequest.newBuilder()
                    .setHeader(newCommand())
                    .setMpan(mpan)
                    .setAppointmentId(appointment);
            if (accepted) {
                registration(service).acceptServiceAppointment(answer.build());
                oracle.accepted(dataService, service, from);
            } else {
                registration(service)
                        .rejectServiceAppointment(
                                answer.setReason("no capacity").build());
                oracle.rejected(service, from);
            }
            done.add(supplier + " appoints " + service + " from " + from + (accepted ? "" : ", rejected"));
        }

        private void changeDetails(boolean move, LocalDate from) {
            if (!from.isAfter(oracle.latestDetailsChange())) {
                return;
            }
            String current = oracle.gspGroupOn(from);
            boolean energised = oracle.energisedOn(from);
            ChangeMeteringPointDetailsRequest.Builder change = ChangeMeteringPointDetailsRequest.newBuilder()
                    .setHeader(newCommand())
                    .setMpan(mpan)
                    .setEffectiveFrom(from.toString());
            String group = current;
            if (move) {
                group = current.equals(gspGroup) ? otherGspGroup : gspGroup;
                change.setGspGroupId(group);
            } else {
                energised = !energised;
                change.setEnergisation(
                        energised
                                ? EnergisationStatus.ENERGISATION_STATUS_ENERGISED
                                : EnergisationStatus.ENERGISATION_STATUS_DE_ENERGISED);
            }
            registration(registrationService).changeMeteringPointDetails(change.build());
            oracle.detailsChanged(from, group, energised);
            done.add("details from " + from + ": " + group + (energised ? " energised" : " de-energised"));
        }

        /** Once a timeline: from the day, or after the change a former timeline scheduled for the group. */
        private void changeDno(LocalDate requested) {
            if (dnoChanged) {
                return;
            }
            NavigableMap<LocalDate, String> periods = DNOS.get(gspGroup);
            LocalDate from = requested.isAfter(periods.lastKey())
                    ? requested
                    : periods.lastKey().plusDays(1);
            DeliveryEntitlementPropertyTest.changeDno(gspGroup, newDno, from);
            periods.put(from, newDno);
            dnoChanged = true;
            done.add(gspGroup + "'s DNO is " + newDno + " from " + from);
        }

        /** Once registration's read model shows the day as the oracle does (metering asks it who is in force). */
        private void submit(LocalDate day) {
            if (day.isBefore(firstDay) || oracle.serviceOn(true, day).isEmpty()) {
                return;
            }
            String dataService = oracle.serviceOn(true, day).orElseThrow();
            String supplier = oracle.supplierOn(day).orElseThrow();
            String group = oracle.gspGroupOn(day);
            await().until(
                            () -> responsibility(day),
                            seen -> seen.getDataServiceId().equals(dataService)
                                    && seen.getSupplierId().equals(supplier)
                                    && seen.getGspGroupId().equals(group));
            int version = oracle.versionOf(day) + 1;
            SubmitConsumptionRequest request = Submissions.submission(
                    mpan, day.toString(), SettlementDate.of(day).periodCount(), "0." + (100 + version));
            int recorded = await().ignoreExceptions()
                    .until(
                            () -> metering(dataService)
                                    .submitConsumption(request)
                                    .getVersion(),
                            v -> v > 0);
            assertThat(recorded).as("version of " + day).isEqualTo(version);
            oracle.consumption(day);
            done.add(dataService + " submits " + day + " v" + version);
        }

        /** ISD shows every central settlement period as the oracle has it (a subscription reads them from ISD). */
        private void awaitRolePeriodsInIsd() {
            for (String holder : centralSettlement) {
                Set<String> expected = oracle.centralSettlementPeriods(holder).stream()
                        .map(p -> p.from() + ".." + (p.to() == null ? "" : p.to()))
                        .collect(Collectors.toSet());
                await().until(
                                () -> isd()
                                        .getParticipant(GetParticipantRequest.newBuilder()
                                                .setParticipantId(holder)
                                                .build())
                                        .getRolesList()
                                        .stream()
                                        .map(p -> p.getEffectiveFrom() + ".." + p.getEffectiveTo())
                                        .collect(Collectors.toSet()),
                                expected::equals);
            }
        }

        private Responsibility responsibility(LocalDate day) {
            return hub.as(RegistrationServiceGrpc.newBlockingStub(hub.channel()), operator)
                    .getResponsibility(GetResponsibilityRequest.newBuilder()
                            .setMpan(mpan)
                            .setDate(day.toString())
                            .build());
        }

        private String castOf(String participant) {
            Map<String, String> cast = new HashMap<>();
            cast.put(registrationService, "registration service");
            suppliers.forEach(s -> cast.put(s, "supplier " + suppliers.indexOf(s)));
            dataServices.forEach(s -> cast.put(s, "data service " + dataServices.indexOf(s)));
            meteringServices.forEach(s -> cast.put(s, "metering service " + meteringServices.indexOf(s)));
            centralSettlement.forEach(s -> cast.put(s, "central settlement " + centralSettlement.indexOf(s)));
            cast.put(newDno, "new DNO of " + gspGroup);
            cast.put(auditor, "auditor");
            return cast.getOrDefault(participant, "a DNO of " + gspGroup + " or " + otherGspGroup);
        }
    }

    // ---- the hub of this test

    /** A new participant holding the roles since long ago (none: it holds none yet), with a token. */
    private static String participant(char letter, MarketRole... roles) {
        String id = Market.register(isd(), MarketIds.mpid(letter), roles);
        TOKENS.put(
                id,
                hub.as(AccessServiceGrpc.newBlockingStub(hub.channel()), operator)
                        .issueToken(IssueTokenRequest.newBuilder()
                                .setParticipantId(id)
                                .build())
                        .getToken());
        return id;
    }

    /** The GSP group, registered with a DNO of its own when this hub does not know it yet. */
    private static String gspGroup(String id) {
        if (!DNOS.containsKey(id)) {
            String dno = participant('D', MarketRole.MARKET_ROLE_DNO);
            isd().registerGspGroup(RegisterGspGroupRequest.newBuilder()
                    .setHeader(newCommand())
                    .setGspGroupId(id)
                    .setName("Group " + id)
                    .setDnoId(dno)
                    .build());
            DNOS.put(id, new TreeMap<>(Map.of(LocalDate.MIN, dno)));
            await().until(() ->
                    isd().listGspGroups(ListGspGroupsRequest.getDefaultInstance()).getGspGroupsList().stream()
                            .anyMatch(group -> group.getGspGroupId().equals(id)));
        }
        return id;
    }

    private static void changeDno(String gspGroup, String dno, LocalDate from) {
        isd().changeGspGroupDno(ChangeGspGroupDnoRequest.newBuilder()
                .setHeader(newCommand())
                .setGspGroupId(gspGroup)
                .setDnoId(dno)
                .setEffectiveFrom(from.toString())
                .build());
    }

    private static long storedEvents() {
        return hub.jdbc()
                .sql("SELECT count(*) FROM axon.domain_event_entry")
                .query(Long.class)
                .single();
    }

    private static IsdServiceGrpc.IsdServiceBlockingStub isd() {
        return hub.as(IsdServiceGrpc.newBlockingStub(hub.channel()), operator);
    }

    private static RegistrationServiceGrpc.RegistrationServiceBlockingStub registration(String participant) {
        return hub.as(RegistrationServiceGrpc.newBlockingStub(hub.channel()), TOKENS.get(participant));
    }

    private static MeteringServiceGrpc.MeteringServiceBlockingStub metering(String participant) {
        return hub.as(MeteringServiceGrpc.newBlockingStub(hub.channel()), TOKENS.get(participant));
    }

    private static ServiceRole role(boolean dataService) {
        return dataService ? ServiceRole.SERVICE_ROLE_DATA_SERVICE : ServiceRole.SERVICE_ROLE_METERING_SERVICE;
    }

    /** The number of tries from {@code -Ddelivery.tries}, few by default. */
    static final class TriesFromSystemProperty implements AroundPropertyHook {

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            context.attributes().setTries(Integer.getInteger(TRIES, DEFAULT_TRIES));
            return property.execute();
        }
    }
}
