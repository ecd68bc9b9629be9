package org.mhhs.backbone.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.AnswerServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.ChangeGspGroupDnoRequest;
import org.mhhs.backbone.grpc.v1.ChangeMeteringPointDetailsRequest;
import org.mhhs.backbone.grpc.v1.EndServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetConsumptionRequest;
import org.mhhs.backbone.grpc.v1.GetMeteringPointRequest;
import org.mhhs.backbone.grpc.v1.GetResponsibilityRequest;
import org.mhhs.backbone.grpc.v1.GetTimelineRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.mhhs.backbone.grpc.v1.ListConsumptionVersionsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringPoint;
import org.mhhs.backbone.grpc.v1.MeteringPointDetails;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.RegisterGspGroupRequest;
import org.mhhs.backbone.grpc.v1.RegistrationServiceGrpc;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.Responsibility;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.backbone.grpc.v1.TimelineEntry;
import org.mhhs.backbone.grpc.v1.WithdrawSupplierRegistrationRequest;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.MarketIds;
import org.mhhs.backbone.testing.Registrations;
import org.mhhs.backbone.testing.RunningHub;
import org.mhhs.backbone.testing.Submissions;
import org.springframework.util.FileSystemUtils;

/**
 * Every read of an MPAN's data follows the relation in force on the data's settlement day, for random small markets
 * built through the gRPC API of a hub of its own (real PostgreSQL, real projections). A market: 2 or 3 suppliers, 2
 * data and 2 metering services, a registration service, 2 DNOs of two GSP groups of which one changes its DNO (today
 * or a day after), a CENTRAL_SETTLEMENT participant whose role period covers part of the days, and 1 to 3 MPANs, each
 * with its first supplier, changes of supplier (after today, as the market allows), data and metering service
 * appointments accepted, rejected or left unanswered, de-appointments, perhaps a move to the other GSP group, and the
 * consumption of every past day a data service was appointed.
 *
 * <p>For every participant, MPAN and day of the window (the last {@value #PAST} days and the next {@value #AHEAD},
 * where changes of supplier and of DNO take effect), GetConsumption, ListConsumptionVersions and GetResponsibility are
 * allowed exactly when the test's own oracle, computed from the generated market day by day, says the participant was
 * related to the MPAN on that day; GetTimeline and GetMeteringPoint answer a participant with any such day, with
 * exactly the periods and details of its days. The build runs a few markets on a fixed seed;
 * {@code -D}{@value #TRIES}{@code =200} runs more, {@code -D}{@value #SEED}{@code =random} others.
 */
class DataEntitlementPropertyTest {

    static final String TRIES = "data-entitlement.tries";
    static final String SEED = "data-entitlement.seed";
    private static final int PAST = 6;
    private static final int AHEAD = 3;
    /** Timelines and details are compared day by day over the window and a few days either side of it. */
    private static final int MARGIN = 4;

    private static final int READERS = 4;

    private static final String OPERATOR = "OPER";
    private static final List<String> GSP_GROUPS =
            List.of("_A", "_B", "_C", "_D", "_E", "_F", "_G", "_H", "_J", "_K", "_L", "_M", "_N", "_P");
    private static final LocalDate ALWAYS = LocalDate.of(1900, 1, 1);

    private static Path dataDir;
    private static RunningHub hub;
    private static String operatorToken;
    private static final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** Who played which part in the markets so far: the suppliers, services and registration service of all tries. */
    private static Cast cast;
    /** Every GSP group's DNO from each first day on, as this test registered and changed them. */
    private static final Map<String, NavigableMap<LocalDate, String>> dnoOf = new HashMap<>();

    private static final AtomicInteger markets = new AtomicInteger();

    record Cast(
            List<String> suppliers,
            List<String> dataServices,
            List<String> meteringServices,
            String registrationService,
            String stranger,
            String auditor) {}

    enum Answer {
        ACCEPT,
        REJECT,
        NONE
    }

    /** An appointment request from a day (relative to today), of one of the two services, and what became of it. */
    record AttemptPlan(int from, int service, Answer answer, Optional<Integer> endsAfterDays) {}

    /** A change of supplier from a day ahead; {@code withdrawn}: its supplier withdraws it before it takes effect. */
    record SupplierChangePlan(int from, int supplier, boolean withdrawn) {}

    record MpanPlan(
            int registered,
            boolean inSecondGroup,
            Optional<Integer> moves,
            int firstSupplier,
            int supplierFrom,
            List<SupplierChangePlan> changes,
            List<AttemptPlan> dataServices,
            List<AttemptPlan> meteringServices) {}

    record MarketPlan(
            int supplierCount, List<MpanPlan> mpans, int dnoChange, int centralFrom, Optional<Integer> centralDays) {}

    @BeforeContainer
    static void startHubAndCast() throws IOException {
        dataDir = Files.createTempDirectory(Path.of("target"), "data-entitlement-");
        hub = RunningHub.start(dataDir);
        operatorToken = hub.operatorToken();
        cast = new Cast(
                List.of(
                        participant('S', MarketRole.MARKET_ROLE_SUPPLIER),
                        participant('S', MarketRole.MARKET_ROLE_SUPPLIER),
                        participant('S', MarketRole.MARKET_ROLE_SUPPLIER)),
                List.of(
                        participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE),
                        participant('A', MarketRole.MARKET_ROLE_DATA_SERVICE)),
                List.of(
                        participant('M', MarketRole.MARKET_ROLE_METERING_SERVICE),
                        participant('M', MarketRole.MARKET_ROLE_METERING_SERVICE)),
                participant('R', MarketRole.MARKET_ROLE_REGISTRATION_SERVICE),
                participant(
                        'X',
                        MarketRole.MARKET_ROLE_SUPPLIER,
                        MarketRole.MARKET_ROLE_DATA_SERVICE,
                        MarketRole.MARKET_ROLE_METERING_SERVICE,
                        MarketRole.MARKET_ROLE_DNO,
                        MarketRole.MARKET_ROLE_REGISTRATION_SERVICE),
                participant('U', MarketRole.MARKET_ROLE_AUDITOR));
    }

    @AfterContainer
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    @Property(tries = 8, seed = "20261208", edgeCases = EdgeCasesMode.NONE)
    @AddLifecycleHook(LongerRuns.class)
    void everyReadFollowsTheRelationInForceOnTheSettlementDay(@ForAll("markets") MarketPlan plan) {
        TryMarket market = new TryMarket(plan, markets.incrementAndGet(), MarketDays.today());

        market.build();
        market.awaitRegistrationAndConsumption();

        List<String> mismatches = market.check();
        assertThat(mismatches)
                .as("reads that do not follow the relation of their day, in the market %s", plan)
                .isEmpty();
    }

    @Provide
    Arbitrary<MarketPlan> markets() {
        Arbitrary<Answer> answers =
                Arbitraries.frequency(Tuple.of(3, Answer.ACCEPT), Tuple.of(1, Answer.REJECT), Tuple.of(1, Answer.NONE));
        Arbitrary<AttemptPlan> attempt = Combinators.combine(
                        Arbitraries.integers().between(-PAST, AHEAD),
                        Arbitraries.integers().between(0, 1),
                        answers,
                        Arbitraries.integers().between(0, MARGIN).optional(0.4))
                .as(AttemptPlan::new);
        Arbitrary<SupplierChangePlan> change = Combinators.combine(
                        Arbitraries.integers().between(1, AHEAD),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(false, false, true))
                .as(SupplierChangePlan::new);
        Arbitrary<MpanPlan> mpan = Combinators.combine(
                        Arbitraries.integers().between(-PAST, -PAST + 2),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(-PAST + 1, AHEAD).optional(0.4),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(-PAST, -2),
                        change.list().ofMaxSize(2),
                        attempt.list().ofMaxSize(3),
                        attempt.list().ofMaxSize(3))
                .as(MpanPlan::new);
        return Combinators.combine(
                        Arbitraries.integers().between(2, 3),
                        mpan.list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(-PAST, AHEAD),
                        Arbitraries.integers().between(0, PAST).optional(0.7))
                .as(MarketPlan::new);
    }

    /** One generated market: built through the API, with the oracle's view of who was what on each day. */
    private static final class TryMarket {

        private final MarketPlan plan;
        private final LocalDate today;
        private final List<LocalDate> window = new ArrayList<>();
        private final List<LocalDate> horizon = new ArrayList<>();
        private final String firstGroup;
        private final String secondGroup;
        private final List<String> suppliers;
        private final String dnoBefore;
        private final String dnoAfter;
        private final String centralSettlement;
        private final LocalDate centralFrom;
        private final Optional<LocalDate> centralTo;
        private final List<MeteringPointModel> meteringPoints = new ArrayList<>();

        TryMarket(MarketPlan plan, int number, LocalDate today) {
            this.plan = plan;
            this.today = today;
            for (int day = -PAST; day <= AHEAD; day++) {
                window.add(today.plusDays(day));
            }
            for (int day = -PAST - MARGIN; day <= AHEAD + MARGIN; day++) {
                horizon.add(today.plusDays(day));
            }
            firstGroup = GSP_GROUPS.get(2 * number % GSP_GROUPS.size());
            secondGroup = GSP_GROUPS.get((2 * number + 1) % GSP_GROUPS.size());
            suppliers = cast.suppliers().subList(0, plan.supplierCount());
            dnoBefore = participant('D', MarketRole.MARKET_ROLE_DNO);
            dnoAfter = participant('D', MarketRole.MARKET_ROLE_DNO);
            centralFrom = today.plusDays(plan.centralFrom());
            centralTo = plan.centralDays().map(centralFrom::plusDays);
            centralSettlement = Market.register(
                    isd(),
                    MarketIds.mpid('Z'),
                    MarketRole.MARKET_ROLE_CENTRAL_SETTLEMENT,
                    centralFrom,
                    centralTo.orElse(null));
        }

        void build() {
            gspGroup(firstGroup, dnoBefore);
            gspGroup(secondGroup, dnoAfter);
            LocalDate change = today.plusDays(plan.dnoChange());
            if (dnoOf.get(firstGroup).lastKey().isBefore(change)) {
                isd().changeGspGroupDno(ChangeGspGroupDnoRequest.newBuilder()
                        .setHeader(newCommand())
                        .setGspGroupId(firstGroup)
                        .setDnoId(dnoAfter)
                        .setEffectiveFrom(change.toString())
                        .build());
                dnoOf.get(firstGroup).put(change, dnoAfter);
            }
            // ISD's one processor has handled the change once it shows a participant registered after it
            participant('Q');
            for (MpanPlan mpan : plan.mpans()) {
                meteringPoints.add(new MeteringPointModel(mpan));
            }
        }

        void awaitRegistrationAndConsumption() {
            for (MeteringPointModel point : meteringPoints) {
                await().ignoreExceptions().untilAsserted(() -> {
                    assertThat(timelineDays(cast.registrationService(), point))
                            .isEqualTo(point.expectedTimeline(cast.registrationService()));
                    assertThat(detailDays(cast.registrationService(), point))
                            .isEqualTo(point.expectedDetails(cast.registrationService()));
                });
                point.submitConsumption();
            }
            for (MeteringPointModel point : meteringPoints) {
                for (LocalDate day : point.submitted) {
                    await().until(() -> metering(OPERATOR)
                                    .listConsumptionVersions(versionsOf(point.mpan, day))
                                    .getVersionsCount()
                            == 1);
                }
            }
        }

        /** Asks a few participants at a time, as a market would: the hub answers each read on its own. */
        List<String> check() {
            List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
            ExecutorService readers = Executors.newFixedThreadPool(READERS);
            try {
                CompletableFuture.allOf(meteringPoints.stream()
                                .flatMap(point -> participants().stream()
                                        .map(participant -> CompletableFuture.runAsync(
                                                () -> point.check(participant, mismatches), readers)))
                                .toArray(CompletableFuture[]::new))
                        .join();
            } finally {
                readers.shutdownNow();
            }
            return mismatches.stream().sorted().toList();
        }

        /** Everyone whose answers the oracle knows: the market's parties, a stranger, OPERATOR and an auditor. */
        private Set<String> participants() {
            Set<String> all = new LinkedHashSet<>(suppliers);
            all.addAll(cast.dataServices());
            all.addAll(cast.meteringServices());
            all.add(cast.registrationService());
            all.addAll(dnoOf.get(firstGroup).values());
            all.addAll(dnoOf.get(secondGroup).values());
            all.add(dnoBefore);
            all.add(dnoAfter);
            all.add(centralSettlement);
            all.add(cast.stranger());
            all.add(cast.auditor());
            all.add(OPERATOR);
            return all;
        }

        private void gspGroup(String gspGroup, String dno) {
            if (dnoOf.containsKey(gspGroup)) {
                return;
            }
            isd().registerGspGroup(RegisterGspGroupRequest.newBuilder()
                    .setHeader(newCommand())
                    .setGspGroupId(gspGroup)
                    .setName("Group " + gspGroup)
                    .setDnoId(dno)
                    .build());
            dnoOf.put(gspGroup, new TreeMap<>(Map.of(ALWAYS, dno)));
        }

        /** The oracle: whether the participant is related to the metering point on the day. */
        private boolean entitled(String participant, MeteringPointModel point, LocalDate day) {
            if (participant.equals(OPERATOR)
                    || participant.equals(cast.auditor())
                    || participant.equals(cast.registrationService())) {
                return true;
            }
            if (participant.equals(point.supplierOn.get(day))
                    || participant.equals(point.dataServiceOn.get(day))
                    || participant.equals(point.meteringServiceOn.get(day))) {
                return true;
            }
            String group = point.groupOn.get(day);
            if (group != null
                    && participant.equals(dnoOf.get(group).floorEntry(day).getValue())) {
                return true;
            }
            return participant.equals(centralSettlement)
                    && !day.isBefore(centralFrom)
                    && centralTo.map(to -> !day.isAfter(to)).orElse(true);
        }

        /** One MPAN of the market: its history as the plan made it, and what the market was told to do. */
        private final class MeteringPointModel {

            final String mpan = Market.newMpan();
            final LocalDate registered;
            final Map<LocalDate, String> groupOn = new HashMap<>();
            final Map<LocalDate, String> supplierOn = new HashMap<>();
            final NavigableMap<LocalDate, String> registrations = new TreeMap<>();
            final Map<LocalDate, String> dataServiceOn = new HashMap<>();
            final Map<LocalDate, String> meteringServiceOn = new HashMap<>();
            final List<LocalDate> submitted = new ArrayList<>();

            MeteringPointModel(MpanPlan plan) {
                registered = today.plusDays(plan.registered());
                String group = plan.inSecondGroup() ? secondGroup : firstGroup;
                registration(cast.registrationService())
                        .registerMeteringPoint(Registrations.meteringPoint(mpan, group, registered.toString()));
                holdFrom(groupOn, registered, group);
                plan.moves()
                        .map(day -> today.plusDays(Math.max(day, plan.registered() + 1)))
                        .ifPresent(day -> {
                            String other = group.equals(firstGroup) ? secondGroup : firstGroup;
                            registration(cast.registrationService())
                                    .changeMeteringPointDetails(ChangeMeteringPointDetailsRequest.newBuilder()
                                            .setHeader(newCommand())
                                            .setMpan(mpan)
                                            .setGspGroupId(other)
                                            .setEffectiveFrom(day.toString())
                                            .build());
                            holdFrom(groupOn, day, other);
                        });
                registerSuppliers(plan);
                appoint(ServiceRole.SERVICE_ROLE_DATA_SERVICE, cast.dataServices(), plan.dataServices(), dataServiceOn);
                appoint(
                        ServiceRole.SERVICE_ROLE_METERING_SERVICE,
                        cast.meteringServices(),
                        plan.meteringServices(),
                        meteringServiceOn);
            }

            private void registerSuppliers(MpanPlan plan) {
                LocalDate first = today.plusDays(Math.max(plan.registered(), plan.supplierFrom()));
                String supplier = suppliers.get(plan.firstSupplier() % suppliers.size());
                registration(supplier).registerSupplier(Registrations.supplier(mpan, first.toString()));
                holdFrom(supplierOn, first, supplier);
                Set<Integer> days = new TreeSet<>();
                for (SupplierChangePlan change : plan.changes().stream()
                        .sorted(Comparator.comparing(SupplierChangePlan::from))
                        .toList()) {
                    if (!days.add(change.from())) {
                        continue;
                    }
                    LocalDate from = today.plusDays(change.from());
                    String gaining = suppliers.get(change.supplier() % suppliers.size());
                    if (gaining.equals(supplierOn.get(from))) {
                        gaining = suppliers.get((change.supplier() + 1) % suppliers.size());
                    }
                    registration(gaining).registerSupplier(Registrations.supplier(mpan, from.toString()));
                    holdFrom(supplierOn, from, gaining);
                    registrations.put(from, gaining);
                }
                registrations.put(first, supplier);
                // withdrawals before any service is appointed for the days: the supplier before each is in force
                // on its days again
                for (SupplierChangePlan change : plan.changes()) {
                    LocalDate from = today.plusDays(change.from());
                    String gaining = registrations.get(from);
                    if (change.withdrawn() && gaining != null && from.isAfter(first)) {
                        registration(gaining)
                                .withdrawSupplierRegistration(WithdrawSupplierRegistrationRequest.newBuilder()
                                        .setHeader(newCommand())
                                        .setMpan(mpan)
                                        .setEffectiveFrom(from.toString())
                                        .build());
                        registrations.remove(from);
                    }
                }
                supplierOn.clear();
                registrations.forEach((from, holder) -> holdFrom(supplierOn, from, holder));
            }

            /**
             * Requests in order of their first days, each after the last; only the last may stay unanswered (one
             * request of a role awaits an answer at a time), and a service is not asked again for a day it holds.
             */
            private void appoint(
                    ServiceRole role, List<String> services, List<AttemptPlan> attempts, Map<LocalDate, String> on) {
                LocalDate firstSupplierDay = supplierOn.keySet().stream()
                        .min(Comparator.naturalOrder())
                        .orElseThrow();
                List<AttemptPlan> ordered = attempts.stream()
                        .sorted(Comparator.comparing(AttemptPlan::from))
                        .toList();
                LocalDate previous = null;
                String holder = null;
                LocalDate holderFrom = null;
                LocalDate holderTo = null;
                for (int i = 0; i < ordered.size(); i++) {
                    AttemptPlan attempt = ordered.get(i);
                    LocalDate from = today.plusDays(attempt.from());
                    from = from.isBefore(firstSupplierDay) ? firstSupplierDay : from;
                    if (previous != null && !from.isAfter(previous)) {
                        continue;
                    }
                    previous = from;
                    String service = services.get(attempt.service());
                    if (service.equals(holder)
                            && !from.isBefore(holderFrom)
                            && (holderTo == null || !from.isAfter(holderTo))) {
                        service = services.get(1 - attempt.service());
                    }
                    Answer answer = attempt.answer() == Answer.NONE && i < ordered.size() - 1
                            ? Answer.REJECT
                            : attempt.answer();
                    String appointment = registration(supplierOn.get(from))
                            .requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                                    .setHeader(newCommand())
                                    .setMpan(mpan)
                                    .setRole(role)
                                    .setServiceId(service)
                                    .setEffectiveFrom(from.toString())
                                    .build())
                            .getAppointmentId();
                    AnswerServiceAppointmentRequest.Builder reply = AnswerServiceAppointmentRequest.newBuilder()
                            .setHeader(newCommand())
                            .setMpan(mpan)
                            .setAppointmentId(appointment);
                    if (answer == Answer.REJECT) {
                        registration(service)
                                .rejectServiceAppointment(
                                        reply.setReason("not now").build());
                    } else if (answer == Answer.ACCEPT) {
                        registration(service).acceptServiceAppointment(reply.build());
                        holdFrom(on, from, service);
                        holder = service;
                        holderFrom = from;
                        holderTo = null;
                        if (attempt.endsAfterDays().isPresent()) {
                            LocalDate lastDay =
                                    from.plusDays(attempt.endsAfterDays().get());
                            registration(supplierOn.get(lastDay))
                                    .endServiceAppointment(EndServiceAppointmentRequest.newBuilder()
                                            .setHeader(newCommand())
                                            .setMpan(mpan)
                                            .setRole(role)
                                            .setLastDay(lastDay.toString())
                                            .build());
                            horizon.stream().filter(lastDay::isBefore).forEach(on::remove);
                            holderTo = lastDay;
                        }
                    }
                }
            }

            /** The holder from a day on, over the whole horizon: a later holder replaces an earlier one. */
            private void holdFrom(Map<LocalDate, String> on, LocalDate from, String holder) {
                horizon.stream().filter(day -> !day.isBefore(from)).forEach(day -> on.put(day, holder));
            }

            void submitConsumption() {
                for (LocalDate day : window) {
                    String dataService = dataServiceOn.get(day);
                    if (day.isBefore(today) && dataService != null) {
                        metering(dataService)
                                .submitConsumption(Submissions.submission(
                                        mpan,
                                        day.toString(),
                                        SettlementDate.of(day).periodCount(),
                                        "0.250"));
                        submitted.add(day);
                    }
                }
            }

            Set<String> expectedTimeline(String participant) {
                Set<String> days = new TreeSet<>();
                for (LocalDate day : horizon) {
                    if (entitled(participant, this, day)) {
                        Optional.ofNullable(supplierOn.get(day)).ifPresent(s -> days.add("SUPPLIER " + s + " " + day));
                        Optional.ofNullable(dataServiceOn.get(day))
                                .ifPresent(s -> days.add("DATA_SERVICE " + s + " " + day));
                        Optional.ofNullable(meteringServiceOn.get(day))
                                .ifPresent(s -> days.add("METERING_SERVICE " + s + " " + day));
                    }
                }
                return days;
            }

            Map<LocalDate, String> expectedDetails(String participant) {
                Map<LocalDate, String> days = new TreeMap<>();
                for (LocalDate day : horizon) {
                    if (groupOn.containsKey(day) && entitled(participant, this, day)) {
                        days.put(day, groupOn.get(day));
                    }
                }
                return days;
            }

            void check(String participant, List<String> mismatches) {
                String who = participant + " (" + part(participant) + ") on " + mpan;
                boolean anyDay = horizon.stream().anyMatch(day -> entitled(participant, this, day));
                Outcome timeline = outcome(() -> timelineDays(participant, this));
                Outcome details = outcome(() -> detailDays(participant, this));
                Outcome point = outcome(() -> meteringPoint(participant, mpan).getRegistrationServiceId());
                if (!anyDay) {
                    expectRefused(who + ": GetTimeline", timeline, mismatches);
                    expectRefused(who + ": GetMeteringPoint", details, mismatches);
                } else {
                    expect(who + ": GetTimeline", timeline, expectedTimeline(participant), mismatches);
                    expect(who + ": GetMeteringPoint details", details, expectedDetails(participant), mismatches);
                    expect(who + ": GetMeteringPoint", point, cast.registrationService(), mismatches);
                }
                for (LocalDate day : window) {
                    String on = who + " " + day;
                    Outcome responsibility = outcome(() -> responsibility(participant, day));
                    Outcome consumption = outcome(() -> consumption(participant, day));
                    Outcome versions = outcome(() -> metering(participant)
                            .listConsumptionVersions(versionsOf(mpan, day))
                            .getVersionsCount());
                    if (!entitled(participant, this, day)) {
                        expectRefused(on + ": GetResponsibility", responsibility, mismatches);
                        expectRefused(on + ": GetConsumption", consumption, mismatches);
                        expectRefused(on + ": ListConsumptionVersions", versions, mismatches);
                        continue;
                    }
                    expect(
                            on + ": GetResponsibility",
                            responsibility,
                            day.isBefore(registered) ? Status.Code.NOT_FOUND : responsibleOn(day),
                            mismatches);
                    expect(
                            on + ": GetConsumption",
                            consumption,
                            submitted.contains(day) ? SettlementDate.of(day).periodCount() : Status.Code.NOT_FOUND,
                            mismatches);
                    expect(on + ": ListConsumptionVersions", versions, submitted.contains(day) ? 1 : 0, mismatches);
                }
            }

            private String responsibleOn(LocalDate day) {
                return String.join(
                        "/",
                        groupOn.get(day),
                        supplierOn.getOrDefault(day, ""),
                        dataServiceOn.getOrDefault(day, ""),
                        meteringServiceOn.getOrDefault(day, ""));
            }

            private String responsibility(String participant, LocalDate day) {
                Responsibility answer = registration(participant)
                        .getResponsibility(GetResponsibilityRequest.newBuilder()
                                .setMpan(mpan)
                                .setDate(day.toString())
                                .build());
                return String.join(
                        "/",
                        answer.getGspGroupId(),
                        answer.getSupplierId(),
                        answer.getDataServiceId(),
                        answer.getMeteringServiceId());
            }

            private int consumption(String participant, LocalDate day) {
                return metering(participant)
                        .getConsumption(GetConsumptionRequest.newBuilder()
                                .setMpan(mpan)
                                .setSettlementDate(day.toString())
                                .build())
                        .getReadingsCount();
            }
        }

        /** The periods of the answered timeline, day by day over the horizon. */
        private Set<String> timelineDays(String participant, MeteringPointModel point) {
            Set<String> days = new TreeSet<>();
            for (TimelineEntry entry : registration(participant)
                    .getTimeline(
                            GetTimelineRequest.newBuilder().setMpan(point.mpan).build())
                    .getEntriesList()) {
                String role = entry.getRole().name().replace("MARKET_ROLE_", "");
                daysOf(entry.getEffectiveFrom(), entry.getEffectiveTo())
                        .forEach(day -> days.add(role + " " + entry.getParticipantId() + " " + day));
            }
            return days;
        }

        /** The answered details, day by day over the horizon; a day shown twice is a mismatch of its own. */
        private Map<LocalDate, String> detailDays(String participant, MeteringPointModel point) {
            MeteringPoint answer = meteringPoint(participant, point.mpan);
            Map<LocalDate, String> days = new TreeMap<>();
            for (MeteringPointDetails details : answer.getDetailsList()) {
                for (LocalDate day : daysOf(details.getEffectiveFrom(), details.getEffectiveTo())) {
                    if (days.put(day, details.getGspGroupId()) != null) {
                        days.put(day, "shown twice");
                    }
                }
            }
            return days;
        }

        private List<LocalDate> daysOf(String from, String to) {
            LocalDate first = LocalDate.parse(from);
            LocalDate last = to.isEmpty() ? null : LocalDate.parse(to);
            return horizon.stream()
                    .filter(day -> !day.isBefore(first) && (last == null || !day.isAfter(last)))
                    .toList();
        }

        private String part(String participant) {
            Map<String, String> parts = new LinkedHashMap<>();
            parts.put(OPERATOR, "operator");
            parts.put(cast.auditor(), "auditor");
            parts.put(cast.registrationService(), "registration service");
            parts.put(cast.stranger(), "stranger");
            parts.put(centralSettlement, "CENTRAL_SETTLEMENT " + centralFrom + ".." + centralTo.orElse(null));
            dnoOf.forEach((group, dnos) -> dnos.forEach(
                    (from, dno) -> parts.merge(dno, "DNO of " + group + " from " + from, (a, b) -> a + ", " + b)));
            for (int i = 0; i < cast.suppliers().size(); i++) {
                parts.put(cast.suppliers().get(i), "supplier " + i);
            }
            for (int i = 0; i < 2; i++) {
                parts.put(cast.dataServices().get(i), "data service " + i);
                parts.put(cast.meteringServices().get(i), "metering service " + i);
            }
            return parts.getOrDefault(participant, "?");
        }
    }

    /** What a read answered: a value, or a status code (PERMISSION_DENIED only with the reason of the one refusal). */
    private record Outcome(Object answer) {}

    private static Outcome outcome(Supplier<Object> read) {
        try {
            return new Outcome(read.get());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.PERMISSION_DENIED
                    && !HubClient.reason(e).equals(DataEntitlement.RULE)) {
                return new Outcome("PERMISSION_DENIED " + HubClient.reason(e));
            }
            return new Outcome(e.getStatus().getCode());
        }
    }

    private static void expect(String what, Outcome outcome, Object expected, List<String> mismatches) {
        if (!expected.equals(outcome.answer())) {
            mismatches.add(what + ": expected " + expected + " but was " + outcome.answer());
        }
    }

    private static void expectRefused(String what, Outcome outcome, List<String> mismatches) {
        expect(what, outcome, Status.Code.PERMISSION_DENIED, mismatches);
    }

    private static ListConsumptionVersionsRequest versionsOf(String mpan, LocalDate day) {
        return ListConsumptionVersionsRequest.newBuilder()
                .setMpan(mpan)
                .setSettlementDate(day.toString())
                .build();
    }

    private static String participant(char letter, MarketRole... roles) {
        return Market.register(isd(), MarketIds.mpid(letter), roles);
    }

    private static IsdServiceGrpc.IsdServiceBlockingStub isd() {
        return as(IsdServiceGrpc.newBlockingStub(hub.channel()), operatorToken);
    }

    private static RegistrationServiceGrpc.RegistrationServiceBlockingStub registration(String participant) {
        return as(RegistrationServiceGrpc.newBlockingStub(hub.channel()), token(participant));
    }

    private static MeteringServiceGrpc.MeteringServiceBlockingStub metering(String participant) {
        return as(MeteringServiceGrpc.newBlockingStub(hub.channel()), token(participant));
    }

    private static MeteringPoint meteringPoint(String participant, String mpan) {
        return registration(participant)
                .getMeteringPoint(
                        GetMeteringPointRequest.newBuilder().setMpan(mpan).build());
    }

    private static String token(String participant) {
        return tokens.computeIfAbsent(
                participant,
                id -> as(AccessServiceGrpc.newBlockingStub(hub.channel()), operatorToken)
                        .issueToken(IssueTokenRequest.newBuilder()
                                .setParticipantId(id)
                                .setDescription("data entitlement property")
                                .build())
                        .getToken());
    }

    private static <S extends AbstractStub<S>> S as(S stub, String token) {
        return hub.as(stub, token).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** Runs the property longer, or on other markets, than the build does: -Ddata-entitlement.tries, .seed. */
    public static class LongerRuns implements AroundPropertyHook {

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            Optional.ofNullable(System.getProperty(TRIES))
                    .map(Integer::valueOf)
                    .ifPresent(tries -> context.attributes().setTries(tries));
            Optional.ofNullable(System.getProperty(SEED))
                    .map(seed -> seed.equals("random") ? Property.SEED_NOT_SET : seed)
                    .ifPresent(seed -> context.attributes().setSeed(seed));
            return property.execute();
        }
    }
}
