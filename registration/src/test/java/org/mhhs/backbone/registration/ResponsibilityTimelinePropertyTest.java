package org.mhhs.backbone.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.DATA_SERVICE_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.METERING_SERVICE_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.METERING_SERVICE_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_C;
import static org.mhhs.backbone.kernel.testing.MarketFixture.day;
import static org.mhhs.backbone.registration.MeteringPointFixtures.MID_JUNE_2026;
import static org.mhhs.backbone.registration.MeteringPointFixtures.MPAN;
import static org.mhhs.backbone.registration.MeteringPointFixtures.aMeteringPoint;
import static org.mhhs.backbone.registration.MeteringPointFixtures.meteringPointFixture;
import static org.mhhs.backbone.registration.MeteringPointFixtures.supplierRegistered;
import static org.mhhs.backbone.registration.MeteringPointFixtures.theMarket;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.AxonAssertionError;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.mhhs.backbone.isd.api.MarketCalendar;
import org.mhhs.backbone.isd.testing.FakeIsdQueries;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.registration.api.AcceptServiceAppointment;
import org.mhhs.backbone.registration.api.EndServiceAppointment;
import org.mhhs.backbone.registration.api.MeteringPointDetailsChanged;
import org.mhhs.backbone.registration.api.MeteringPointEvent;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.RegisterSupplier;
import org.mhhs.backbone.registration.api.RejectServiceAppointment;
import org.mhhs.backbone.registration.api.RequestServiceAppointment;
import org.mhhs.backbone.registration.api.ServiceAppointmentAccepted;
import org.mhhs.backbone.registration.api.ServiceAppointmentEnded;
import org.mhhs.backbone.registration.api.ServiceAppointmentRejected;
import org.mhhs.backbone.registration.api.ServiceAppointmentRequested;
import org.mhhs.backbone.registration.api.ServiceAppointmentTimedOut;
import org.mhhs.backbone.registration.api.ServiceRole;
import org.mhhs.backbone.registration.api.SupplierRegistered;
import org.mhhs.backbone.registration.api.SupplierRegistrationWithdrawn;
import org.mhhs.backbone.registration.api.WithdrawSupplierRegistration;

/**
 * Whatever sequence of supplier registrations and withdrawals, appointment requests, answers, time-outs and
 * de-appointments a metering point with a first supplier accepts, on every day at most one supplier, one data service
 * and one metering service are in force, and every event that starts or ends a period says so itself. 200 tries of
 * up to 30 commands each; a command the aggregate refuses with a RuleViolation is skipped, any other failure fails the
 * property.
 */
class ResponsibilityTimelinePropertyTest {

    private static final LocalDate TODAY = day("2026-06-15");
    private static final LocalDate FIRST_DAY = day("2026-01-01");
    private static final LocalDate LAST_DAY = TODAY.plusDays(90);
    /** The last day a registration made today may take effect, under the default horizon the fake ISD holds. */
    private static final LocalDate HORIZON = TODAY.plusDays(MarketCalendar.DEFAULT_CHANGE_OF_SUPPLIER_HORIZON_DAYS);

    private static final List<ParticipantId> SUPPLIERS = List.of(SUPPLIER_A, SUPPLIER_B, SUPPLIER_C);
    /** The third candidate for each role lacks it, so that some requests are refused. */
    private static final Map<ServiceRole, List<ParticipantId>> CANDIDATES = Map.of(
            ServiceRole.DATA_SERVICE, List.of(DATA_SERVICE_A, DATA_SERVICE_B, METERING_SERVICE_A),
            ServiceRole.METERING_SERVICE, List.of(METERING_SERVICE_A, METERING_SERVICE_B, DATA_SERVICE_A));

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void atMostOneHolderOfEachResponsibilityIsInForceOnAnyDay(@ForAll("histories") List<Step> steps) {
        History history = new History();
        steps.forEach(history::attempt);

        for (Responsibility responsibility : Responsibility.values()) {
            List<Tenure> tenures = history.tenures(responsibility);
            for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(1)) {
                LocalDate onDay = day;
                assertThat(tenures.stream()
                                .filter(t -> t.period().contains(onDay))
                                .toList())
                        .as("%s in force on %s", responsibility, day)
                        .hasSizeLessThanOrEqualTo(1);
            }
            assertThat(history.replayedIntoATimeline(responsibility))
                    .as("the %s timeline the aggregate sources from its events", responsibility)
                    .isEqualTo(tenures);
        }
        // Checks that the histories get far enough to test something, not only refusals.
        Statistics.label("changes of supplier")
                .collect(history.changesOfSupplier > 0)
                .coverage(checker -> checker.check(true).percentage(p -> p >= 30));
        Statistics.label("appointments accepted")
                .collect(history.accepted > 0)
                .coverage(checker -> checker.check(true).percentage(p -> p >= 30));
        Statistics.label("appointments ended or replaced")
                .collect(history.ended > 0)
                .coverage(checker -> checker.check(true).percentage(p -> p >= 8));
        Statistics.label("registrations withdrawn")
                .collect(history.withdrawn > 0)
                .coverage(checker -> checker.check(true).percentage(p -> p >= 3));
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Integer> supplier = Arbitraries.integers().between(0, SUPPLIERS.size() - 1);
        Arbitrary<Integer> candidate = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> daysFromToday = Arbitraries.integers().between(-10, 60);
        Arbitrary<ServiceRole> role = Arbitraries.of(ServiceRole.class);
        Arbitrary<Boolean> mostly = Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false));
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 59);

        Arbitrary<Step> registerSupplier = Combinators.combine(
                        supplier, Arbitraries.integers().between(-3, 60))
                .as(RegisterSupplierStep::new);
        Arbitrary<Step> request = Combinators.combine(role, candidate, daysFromToday, mostly, supplier)
                .as(RequestStep::new);
        Arbitrary<Step> resend = pick.map(ResendStep::new);
        Arbitrary<Step> answer = Combinators.combine(pick, mostly, mostly).as(AnswerStep::new);
        Arbitrary<Step> timeOut = pick.map(TimeOutStep::new);
        Arbitrary<Step> end =
                Combinators.combine(role, daysFromToday, mostly, supplier).as(EndStep::new);
        Arbitrary<Step> withdraw = Combinators.combine(pick, mostly, supplier).as(WithdrawStep::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(3, registerSupplier),
                        Tuple.of(1, withdraw),
                        Tuple.of(4, request),
                        Tuple.of(1, resend),
                        Tuple.of(5, answer),
                        Tuple.of(1, timeOut),
                        Tuple.of(2, end))
                .list()
                .ofMaxSize(30)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    /** One thing that happens to the metering point; indexes and flags are resolved against the history so far. */
    sealed interface Step
            permits RegisterSupplierStep, WithdrawStep, RequestStep, ResendStep, AnswerStep, TimeOutStep, EndStep {}

    record RegisterSupplierStep(int supplier, int daysFromToday) implements Step {}

    /** Withdraws one of the supplier registrations so far, mostly by its own supplier. */
    record WithdrawStep(int pick, boolean byItsSupplier, int otherwiseBy) implements Step {}

    record RequestStep(ServiceRole role, int candidate, int daysFromToday, boolean bySupplierInForce, int otherwiseBy)
            implements Step {}

    record ResendStep(int pick) implements Step {}

    record AnswerStep(int pick, boolean accept, boolean byRequestedService) implements Step {}

    record TimeOutStep(int pick) implements Step {}

    record EndStep(ServiceRole role, int daysFromToday, boolean bySupplierInForce, int otherwiseBy) implements Step {}

    enum Responsibility {
        SUPPLIER,
        DATA_SERVICE,
        METERING_SERVICE;

        static Responsibility of(ServiceRole role) {
            return role == ServiceRole.DATA_SERVICE ? DATA_SERVICE : METERING_SERVICE;
        }
    }

    /**
     * The events of one metering point so far, and who is responsible when as those events say it explicitly:
     * a period ends only when an event ends it, never because a later one starts.
     */
    private static final class History {

        private final FakeIsdQueries isd = theMarket();
        private final List<MeteringPointEvent> events = new ArrayList<>();
        private final Map<Responsibility, List<Tenure>> tenures = new EnumMap<>(Responsibility.class);
        private final Map<UUID, RequestServiceAppointment> requests = new LinkedHashMap<>();
        private final Set<UUID> pending = new LinkedHashSet<>();
        private int appointmentsRequested;
        private int changesOfSupplier;
        private int accepted;
        private int ended;
        private int withdrawn;

        History() {
            for (Responsibility responsibility : Responsibility.values()) {
                tenures.put(responsibility, new ArrayList<>());
            }
            SupplierRegistered firstSupplier = supplierRegistered(SUPPLIER_A, FIRST_DAY.toString());
            events.add(aMeteringPoint().from(FIRST_DAY.toString()).registered());
            events.add(firstSupplier);
            follow(firstSupplier);
        }

        List<Tenure> tenures(Responsibility responsibility) {
            return List.copyOf(tenures.get(responsibility));
        }

        void attempt(Step step) {
            switch (step) {
                case RegisterSupplierStep s ->
                    send(new RegisterSupplier(MPAN, SUPPLIERS.get(s.supplier()), TODAY.plusDays(s.daysFromToday())));
                case WithdrawStep s -> {
                    List<Tenure> suppliers = tenures.get(Responsibility.SUPPLIER);
                    Tenure registration = suppliers.get(s.pick() % suppliers.size());
                    ParticipantId by = s.byItsSupplier() ? registration.holder() : SUPPLIERS.get(s.otherwiseBy());
                    send(new WithdrawSupplierRegistration(
                            MPAN, registration.period().from(), by));
                }
                case RequestStep s -> {
                    LocalDate from = TODAY.plusDays(s.daysFromToday());
                    var request = new RequestServiceAppointment(
                            MPAN,
                            new UUID(0, ++appointmentsRequested),
                            s.role(),
                            CANDIDATES.get(s.role()).get(s.candidate()),
                            from,
                            requester(from, s.bySupplierInForce(), s.otherwiseBy()));
                    requests.put(request.appointmentId(), request);
                    send(request);
                }
                case ResendStep s -> anAppointment(s.pick()).ifPresent(this::send);
                case AnswerStep s ->
                    anAppointment(s.pick()).ifPresent(request -> {
                        ParticipantId answeredBy =
                                s.byRequestedService() ? request.service() : someoneElseThan(request);
                        send(
                                s.accept()
                                        ? new AcceptServiceAppointment(MPAN, request.appointmentId(), answeredBy)
                                        : new RejectServiceAppointment(
                                                MPAN, request.appointmentId(), answeredBy, "busy"));
                    });
                case TimeOutStep s ->
                    anAppointment(s.pick()).ifPresent(request -> fireResponseDeadline(request.appointmentId()));
                case EndStep s -> {
                    LocalDate lastDay = TODAY.plusDays(s.daysFromToday());
                    send(new EndServiceAppointment(
                            MPAN, s.role(), lastDay, requester(lastDay, s.bySupplierInForce(), s.otherwiseBy())));
                }
            }
        }

        private ParticipantId requester(LocalDate day, boolean bySupplierInForce, int otherwiseBy) {
            ParticipantId someSupplier = SUPPLIERS.get(otherwiseBy);
            return bySupplierInForce
                    ? tenures.get(Responsibility.SUPPLIER).stream()
                            .filter(t -> t.period().contains(day))
                            .findFirst()
                            .map(Tenure::holder)
                            .orElse(someSupplier)
                    : someSupplier;
        }

        /** Two picks in three prefer appointments still awaiting an answer; the others take any, answered or not. */
        private Optional<RequestServiceAppointment> anAppointment(int pick) {
            List<UUID> candidates = new ArrayList<>(pick % 3 != 0 && !pending.isEmpty() ? pending : requests.keySet());
            return candidates.isEmpty()
                    ? Optional.empty()
                    : Optional.of(requests.get(candidates.get(pick / 3 % candidates.size())));
        }

        private static ParticipantId someoneElseThan(RequestServiceAppointment request) {
            return CANDIDATES.get(request.role()).stream()
                    .filter(p -> !p.equals(request.service()))
                    .findFirst()
                    .orElseThrow();
        }

        private void send(Object command) {
            record(meteringPointFixture(isd, MID_JUNE_2026)
                    .given(List.copyOf(events))
                    .when(command));
        }

        /**
         * The fixture's deadline manager only knows deadlines scheduled within one given-when, so the response
         * deadline is fired as the deadline manager would fire it: by calling the aggregate's deadline handler.
         */
        private void fireResponseDeadline(UUID appointmentId) {
            record(meteringPointFixture(isd, MID_JUNE_2026)
                    .given(List.copyOf(events))
                    .whenInvoking(MPAN.value(), meteringPoint -> meteringPoint.onResponseDeadline(appointmentId)));
        }

        private void record(ResultValidator<MeteringPoint> result) {
            try {
                result.expectSuccessfulHandlerExecution();
            } catch (AxonAssertionError failed) {
                var thrown = new Recording<Throwable>();
                result.expectException(thrown);
                if (thrown.value instanceof RuleViolation) {
                    return;
                }
                throw failed;
            }
            var published = new Recording<List<EventMessage<?>>>();
            result.expectEventsMatching(published);
            for (EventMessage<?> message : published.value) {
                var event = (MeteringPointEvent) message.getPayload();
                follow(event);
                events.add(event);
            }
        }

        private void follow(MeteringPointEvent event) {
            switch (event) {
                case SupplierRegistered e -> {
                    List<Tenure> suppliers = tenures.get(Responsibility.SUPPLIER);
                    assertThat(e.effectiveFrom())
                            .as("%s is within the change of supplier horizon", e)
                            .isBeforeOrEqualTo(HORIZON);
                    if (e.losingSupplier() != null) {
                        changesOfSupplier++;
                        Tenure losing = suppliers.stream()
                                .filter(t -> t.holder().equals(e.losingSupplier())
                                        && t.period().from().equals(e.losingSupplierFrom()))
                                .findFirst()
                                .orElseThrow(() -> new AssertionError(e + " names a losing supplier period that "
                                        + "does not exist in " + suppliers));
                        endTenure(suppliers, losing, e.effectiveFrom().minusDays(1), e);
                    }
                    startTenure(suppliers, new Tenure(e.supplier(), EffectivePeriod.from(e.effectiveFrom()), null), e);
                }
                case SupplierRegistrationWithdrawn e -> {
                    withdrawn++;
                    assertThat(e.effectiveFrom())
                            .as("%s before its first day", e)
                            .isAfter(TODAY);
                    List<Tenure> suppliers = tenures.get(Responsibility.SUPPLIER);
                    Tenure registration = suppliers.stream()
                            .filter(t -> t.holder().equals(e.supplier())
                                    && t.period().from().equals(e.effectiveFrom()))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(e + " withdraws a registration that does not exist"));
                    assertThat(registration.period().to())
                            .as("last day of %s", e)
                            .isEqualTo(e.effectiveTo());
                    Optional<Tenure> before = suppliers.stream()
                            .filter(t -> t.period().to() != null
                                    && t.period().to().equals(e.effectiveFrom().minusDays(1)))
                            .findFirst();
                    assertThat(before.map(Tenure::holder).orElse(null))
                            .as("supplier restored by %s", e)
                            .isEqualTo(e.restoredSupplier());
                    assertThat(before.map(t -> t.period().from()).orElse(null))
                            .as("first day of the period restored by %s", e)
                            .isEqualTo(e.restoredSupplierFrom());
                    suppliers.remove(registration);
                    before.ifPresent(restored -> suppliers.replaceAll(t -> t.equals(restored)
                            ? new Tenure(
                                    t.holder(),
                                    new EffectivePeriod(t.period().from(), e.effectiveTo()),
                                    t.appointmentId())
                            : t));
                }
                case ServiceAppointmentRequested e -> pending.add(e.appointmentId());
                case ServiceAppointmentAccepted e -> {
                    answered(e.appointmentId(), e);
                    accepted++;
                    startTenure(
                            tenures.get(Responsibility.of(e.role())),
                            new Tenure(e.service(), EffectivePeriod.from(e.effectiveFrom()), e.appointmentId()),
                            e);
                }
                case ServiceAppointmentRejected e -> answered(e.appointmentId(), e);
                case ServiceAppointmentTimedOut e -> answered(e.appointmentId(), e);
                case ServiceAppointmentEnded e -> {
                    ended++;
                    List<Tenure> services = tenures.get(Responsibility.of(e.role()));
                    Tenure appointed = services.stream()
                            .filter(t -> e.appointmentId().equals(t.appointmentId()))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(e + " ends an appointment never accepted"));
                    assertThat(appointed.holder()).as("service of %s", e).isEqualTo(e.service());
                    assertThat(appointed.period().from())
                            .as("first day of %s", e)
                            .isEqualTo(e.effectiveFrom());
                    endTenure(services, appointed, e.lastDay(), e);
                }
                case MeteringPointRegistered e -> throw new AssertionError("registered again: " + e);
                case MeteringPointDetailsChanged e -> throw new AssertionError("no details change was sent: " + e);
            }
        }

        private void answered(UUID appointmentId, MeteringPointEvent event) {
            assertThat(pending.remove(appointmentId))
                    .as("%s answers a pending request", event)
                    .isTrue();
        }

        private static void startTenure(List<Tenure> timeline, Tenure started, MeteringPointEvent event) {
            timeline.stream()
                    .filter(t -> t.period().overlaps(started.period()))
                    .findFirst()
                    .ifPresent(t -> {
                        throw new AssertionError(
                                event + " starts " + started + " overlapping " + t + " in " + timeline);
                    });
            timeline.add(started);
        }

        private static void endTenure(
                List<Tenure> timeline, Tenure tenure, LocalDate lastDay, MeteringPointEvent event) {
            assertThat(lastDay)
                    .as("%s ends %s no earlier than it starts", event, tenure)
                    .isAfterOrEqualTo(tenure.period().from());
            tenure.period()
                    .toDate()
                    .ifPresent(to -> assertThat(lastDay)
                            .as("%s ends %s no later than it already ended", event, tenure)
                            .isBeforeOrEqualTo(to));
            timeline.replaceAll(t ->
                    t.equals(tenure) ? new Tenure(t.holder(), t.period().endingOn(lastDay), t.appointmentId()) : t);
        }

        /** The timeline the aggregate builds from the same events in its event sourcing handlers. */
        List<Tenure> replayedIntoATimeline(Responsibility responsibility) {
            ResponsibilityTimeline timeline = new ResponsibilityTimeline();
            for (MeteringPointEvent event : events) {
                switch (event) {
                    case SupplierRegistered e
                    when responsibility == Responsibility.SUPPLIER ->
                        timeline.start(e.supplier(), e.effectiveFrom(), null);
                    case SupplierRegistrationWithdrawn e
                    when responsibility == Responsibility.SUPPLIER ->
                        timeline.startingOn(e.effectiveFrom())
                                .filter(t -> t.holder().equals(e.supplier()))
                                .ifPresent(timeline::withdraw);
                    case ServiceAppointmentAccepted e
                    when responsibility == Responsibility.of(e.role()) ->
                        timeline.start(e.service(), e.effectiveFrom(), e.appointmentId());
                    case ServiceAppointmentEnded e
                    when responsibility == Responsibility.of(e.role()) ->
                        timeline.tenures().stream()
                                .filter(t -> e.appointmentId().equals(t.appointmentId()))
                                .findFirst()
                                .ifPresent(t -> timeline.end(t, e.lastDay()));
                    default -> {}
                }
            }
            return timeline.tenures();
        }
    }

    /** Accepts whatever the fixture shows it and keeps it: the fixture has no getter for events or exceptions. */
    private static final class Recording<T> extends BaseMatcher<T> {

        private T value;

        @Override
        @SuppressWarnings("unchecked")
        public boolean matches(Object actual) {
            value = (T) actual;
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("anything, recorded");
        }
    }
}
