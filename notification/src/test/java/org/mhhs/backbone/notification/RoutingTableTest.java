package org.mhhs.backbone.notification;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mhhs.backbone.disputes.api.DisputeRaised;
import org.mhhs.backbone.disputes.api.DisputeResolved;
import org.mhhs.backbone.isd.api.AppointmentResponseTimeoutChanged;
import org.mhhs.backbone.isd.api.BankHolidayAdded;
import org.mhhs.backbone.isd.api.BankHolidayRemoved;
import org.mhhs.backbone.isd.api.ChangeOfSupplierHorizonChanged;
import org.mhhs.backbone.isd.api.FinalDisputeWindowChanged;
import org.mhhs.backbone.isd.api.GspGroupDnoChanged;
import org.mhhs.backbone.isd.api.GspGroupRegistered;
import org.mhhs.backbone.isd.api.MarketCalendar;
import org.mhhs.backbone.isd.api.ParticipantRegistered;
import org.mhhs.backbone.isd.api.RoleGranted;
import org.mhhs.backbone.isd.api.RoleRevoked;
import org.mhhs.backbone.isd.api.RunScheduleChanged;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.ConsumptionShredded;
import org.mhhs.backbone.metering.api.ShredConsumption;
import org.mhhs.backbone.registration.api.EnergisationStatus;
import org.mhhs.backbone.registration.api.MarketSegment;
import org.mhhs.backbone.registration.api.MeteringPointDetailsChanged;
import org.mhhs.backbone.registration.api.MeteringPointRegistered;
import org.mhhs.backbone.registration.api.ServiceAppointmentAccepted;
import org.mhhs.backbone.registration.api.ServiceAppointmentEnded;
import org.mhhs.backbone.registration.api.ServiceAppointmentRejected;
import org.mhhs.backbone.registration.api.ServiceAppointmentRequested;
import org.mhhs.backbone.registration.api.ServiceAppointmentTimedOut;
import org.mhhs.backbone.registration.api.ServiceRole;
import org.mhhs.backbone.registration.api.SupplierRegistered;
import org.mhhs.backbone.registration.api.SupplierRegistrationWithdrawn;
import org.mhhs.backbone.settlement.api.DnoTotalsPublished;
import org.mhhs.backbone.settlement.api.RunTrigger;
import org.mhhs.backbone.settlement.api.SettlementDayId;
import org.mhhs.backbone.settlement.api.SettlementRunCompleted;
import org.mhhs.backbone.settlement.api.SupplierAllocationPublished;

class RoutingTableTest {

    private static final RoutingTable ROUTING = ClasspathScan.routingTable();

    private static final GspGroupId EASTERN = GspGroupId.of("_A");
    private static final GspGroupId EAST_MIDLANDS = GspGroupId.of("_B");
    private static final GspGroupId LONDON = GspGroupId.of("_C");
    private static final ParticipantId EASTERN_DNO = ParticipantId.of("DNOA");
    private static final ParticipantId EAST_MIDLANDS_DNO = ParticipantId.of("DNOB");
    private static final ParticipantId LONDON_DNO = ParticipantId.of("DNOC");
    private static final ParticipantId NEW_EASTERN_DNO = ParticipantId.of("DNOX");

    private static final ParticipantId REGISTRATION_SERVICE = ParticipantId.of("REGA");
    private static final ParticipantId FORMER_SUPPLIER = ParticipantId.of("SUPF");
    private static final ParticipantId SUPPLIER = ParticipantId.of("SUPA");
    private static final ParticipantId GAINING_SUPPLIER = ParticipantId.of("SUPC");
    private static final ParticipantId DATA_SERVICE = ParticipantId.of("DATA");
    private static final ParticipantId METERING_SERVICE = ParticipantId.of("METR");
    private static final ParticipantId NEWCOMER = ParticipantId.of("NEWP");

    /** The parties of the other metering point, none of which has anything to do with {@link #MPAN}. */
    private static final ParticipantId OTHER_REGISTRATION_SERVICE = ParticipantId.of("REGB");

    private static final ParticipantId OTHER_SUPPLIER = ParticipantId.of("SUPB");
    private static final ParticipantId OTHER_DATA_SERVICE = ParticipantId.of("DATB");

    /** In Eastern, registered by REGA, supplied by SUPF and then by SUPA, who appointed DATA as its data service. */
    private static final Mpan MPAN = mpanStartingWith("140012345678");
    /** In East Midlands, registered by REGB, supplied by SUPB, who appointed DATB as its data service. */
    private static final Mpan OTHER_MPAN = mpanStartingWith("160012345678");
    /** In Eastern, registered by REGA, with no supplier yet. */
    private static final Mpan UNSUPPLIED_MPAN = mpanStartingWith("140087654321");
    /** Not yet known to the market. */
    private static final Mpan NEW_MPAN = mpanStartingWith("140011112222");

    private static final UUID DATA_APPOINTMENT = UUID.fromString("00000000-0000-0000-0000-00000000da7a");
    private static final UUID METERING_APPOINTMENT = UUID.fromString("00000000-0000-0000-0000-0000000be7e5");
    private static final UUID OTHER_DATA_APPOINTMENT = UUID.fromString("00000000-0000-0000-0000-00000000da7b");
    private static final UUID DISPUTE = UUID.fromString("00000000-0000-0000-0000-0000000d15b7");
    private static final Instant RESPOND_BY = Instant.parse("2026-06-20T10:00:00Z");

    private final InMemoryMarketParties parties = theMarket();

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void eachEventReachesExactlyItsAudience(Example example) {
        assertThat(ROUTING.audienceOf(example.event(), parties))
                .map(Audience::targets)
                .contains(example.audience());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void noPartyOfAnotherMeteringPointIsInTheAudience(Example example) {
        assertThat(ROUTING.audienceOf(example.event(), parties).orElseThrow().targets())
                .doesNotContain(
                        OTHER_REGISTRATION_SERVICE.value(),
                        OTHER_SUPPLIER.value(),
                        OTHER_DATA_SERVICE.value(),
                        EAST_MIDLANDS_DNO.value());
    }

    @Test
    void theOtherMeteringPointsEventsReachItsOwnPartiesAndNoneOfTheFirsts() {
        ServiceAppointmentAccepted accepted = new ServiceAppointmentAccepted(
                OTHER_MPAN,
                OTHER_DATA_APPOINTMENT,
                ServiceRole.DATA_SERVICE,
                OTHER_DATA_SERVICE,
                OTHER_SUPPLIER,
                day("2026-01-01"));

        assertThat(ROUTING.audienceOf(accepted, parties).orElseThrow().targets())
                .containsExactlyInAnyOrder("REGB", "DNOB", "SUPB", "DATB");
    }

    @Test
    void anEventTypeWithoutARowHasNoAudience() {
        assertThat(ROUTING.audienceOf(new NotAMarketEvent(), parties)).isEmpty();
    }

    @Test
    void everyRoutedEventTypeHasAnExample() {
        Set<Class<?>> exampleTypes =
                examples().map(example -> example.event().getClass()).collect(toSet());

        assertThat(exampleTypes)
                .as("every routed event needs an example with its exact audience in examples() of this test")
                .containsExactlyInAnyOrderElementsOf(ROUTING.routedTypes());
    }

    @Test
    void everyEventOfTheMarketHasARow() {
        List<Class<?>> marketEvents = ClasspathScan.marketEvents();
        assertThat(marketEvents).as("the scan finds the market's events").hasSizeGreaterThan(20);

        assertThat(marketEvents)
                .as("events without a row: give each one in its context's routes (notification/*Routes.java)")
                .allMatch(ROUTING.routedTypes()::contains);
    }

    @Test
    void afterAMoveOfGspGroupOnlyTheNewGroupsDnoIsTold() {
        MeteringPointDetailsChanged moved = new MeteringPointDetailsChanged(
                MPAN,
                LONDON,
                MarketSegment.SMART,
                EnergisationStatus.ENERGISED,
                day("2026-07-01"),
                REGISTRATION_SERVICE);
        ROUTING.audienceOf(moved, parties);
        parties.apply(moved);

        ServiceAppointmentRequested requested = new ServiceAppointmentRequested(
                MPAN,
                METERING_APPOINTMENT,
                ServiceRole.METERING_SERVICE,
                METERING_SERVICE,
                SUPPLIER,
                day("2026-08-01"),
                RESPOND_BY);

        assertThat(ROUTING.audienceOf(requested, parties).orElseThrow().targets())
                .containsExactlyInAnyOrder("REGA", "DNOC", "SUPA", "METR");
    }

    @Test
    void afterAChangeOfDnoTheGroupsNewDnoIsToldInsteadOfTheOldOne() {
        GspGroupDnoChanged dnoChanged = new GspGroupDnoChanged(EASTERN, EASTERN_DNO, NEW_EASTERN_DNO, null);
        ROUTING.audienceOf(dnoChanged, parties);
        parties.apply(dnoChanged);

        assertThat(ROUTING.audienceOf(consumptionOf(day("2026-07-01"), SUPPLIER), parties)
                        .orElseThrow()
                        .targets())
                .containsExactlyInAnyOrder("SUPA", "DATA", "DNOX", "@CENTRAL_SETTLEMENT");
    }

    @Test
    void afterTheLatestRegistrationIsWithdrawnADetailsChangeReachesTheSupplierThatStaysNotTheWithdrawnOne() {
        SupplierRegistered gaining =
                new SupplierRegistered(MPAN, GAINING_SUPPLIER, day("2026-09-01"), SUPPLIER, day("2026-06-01"));
        SupplierRegistrationWithdrawn withdrawn = new SupplierRegistrationWithdrawn(
                MPAN, GAINING_SUPPLIER, day("2026-09-01"), SUPPLIER, day("2026-06-01"), null);
        for (Object event : List.of(gaining, withdrawn)) {
            ROUTING.audienceOf(event, parties);
            parties.apply(event);
        }

        MeteringPointDetailsChanged changed = new MeteringPointDetailsChanged(
                MPAN,
                EASTERN,
                MarketSegment.ADVANCED,
                EnergisationStatus.ENERGISED,
                day("2026-10-01"),
                REGISTRATION_SERVICE);

        assertThat(ROUTING.audienceOf(changed, parties).orElseThrow().targets())
                .containsExactlyInAnyOrder("REGA", "DNOA", "SUPA");
    }

    static Stream<Example> examples() {
        return Stream.of(
                new Example(
                        "a participant is registered",
                        new ParticipantRegistered(NEWCOMER, "Newcomer Energy"),
                        Set.of("*")),
                new Example(
                        "a role is granted",
                        new RoleGranted(NEWCOMER, MarketRole.SUPPLIER, EffectivePeriod.from(day("2026-07-01"))),
                        Set.of("*")),
                new Example(
                        "a role is revoked",
                        new RoleRevoked(
                                SUPPLIER,
                                MarketRole.SUPPLIER,
                                EffectivePeriod.from(day("2020-01-01")),
                                day("2026-12-31")),
                        Set.of("*")),
                new Example(
                        "a GSP group is registered",
                        new GspGroupRegistered(
                                GspGroupId.of("_D"), "Merseyside and North Wales", ParticipantId.of("DNOD")),
                        Set.of("*")),
                new Example(
                        "a GSP group's DNO changes",
                        new GspGroupDnoChanged(EASTERN, EASTERN_DNO, NEW_EASTERN_DNO, null),
                        Set.of("*")),
                new Example(
                        "a bank holiday is added",
                        new BankHolidayAdded(MarketCalendar.ID, day("2026-12-25"), "Christmas Day"),
                        Set.of("*")),
                new Example(
                        "a bank holiday is removed",
                        new BankHolidayRemoved(MarketCalendar.ID, day("2026-12-25")),
                        Set.of("*")),
                new Example(
                        "the run schedule changes",
                        new RunScheduleChanged(
                                MarketCalendar.ID,
                                Map.of(
                                        SettlementRunType.SF,
                                        5,
                                        SettlementRunType.R1,
                                        15,
                                        SettlementRunType.R2,
                                        40,
                                        SettlementRunType.R3,
                                        80,
                                        SettlementRunType.RF,
                                        200)),
                        Set.of("*")),
                new Example(
                        "the appointment response time-out changes",
                        new AppointmentResponseTimeoutChanged(MarketCalendar.ID, Duration.ofDays(5)),
                        Set.of("*")),
                new Example(
                        "the final dispute window changes",
                        new FinalDisputeWindowChanged(MarketCalendar.ID, 14),
                        Set.of("*")),
                new Example(
                        "the change of supplier horizon changes",
                        new ChangeOfSupplierHorizonChanged(MarketCalendar.ID, 14),
                        Set.of("*")),
                new Example(
                        "a metering point is registered",
                        new MeteringPointRegistered(
                                NEW_MPAN,
                                EASTERN,
                                MarketSegment.SMART,
                                EnergisationStatus.ENERGISED,
                                day("2026-07-01"),
                                REGISTRATION_SERVICE),
                        Set.of("REGA", "DNOA")),
                new Example(
                        "a metering point's details change within its GSP group",
                        new MeteringPointDetailsChanged(
                                MPAN,
                                EASTERN,
                                MarketSegment.ADVANCED,
                                EnergisationStatus.DE_ENERGISED,
                                day("2026-07-01"),
                                REGISTRATION_SERVICE),
                        Set.of("REGA", "DNOA", "SUPA")),
                new Example(
                        "a metering point moves to another GSP group",
                        new MeteringPointDetailsChanged(
                                MPAN,
                                LONDON,
                                MarketSegment.SMART,
                                EnergisationStatus.ENERGISED,
                                day("2026-07-01"),
                                REGISTRATION_SERVICE),
                        Set.of("REGA", "DNOA", "DNOC", "SUPA")),
                new Example(
                        "the first supplier is registered",
                        new SupplierRegistered(UNSUPPLIED_MPAN, GAINING_SUPPLIER, day("2026-07-01"), null, null),
                        Set.of("REGA", "DNOA", "SUPC")),
                new Example(
                        "the supplier changes",
                        new SupplierRegistered(MPAN, GAINING_SUPPLIER, day("2026-09-01"), SUPPLIER, day("2026-06-01")),
                        Set.of("REGA", "DNOA", "SUPC", "SUPA")),
                new Example(
                        "the gaining supplier withdraws its registration: the supplier that stays is told",
                        new SupplierRegistrationWithdrawn(
                                MPAN, GAINING_SUPPLIER, day("2026-09-01"), SUPPLIER, day("2026-06-01"), null),
                        Set.of("REGA", "DNOA", "SUPC", "SUPA")),
                new Example(
                        "the first supplier withdraws its registration",
                        new SupplierRegistrationWithdrawn(
                                UNSUPPLIED_MPAN, GAINING_SUPPLIER, day("2026-09-01"), null, null, null),
                        Set.of("REGA", "DNOA", "SUPC")),
                new Example(
                        "a service appointment is requested",
                        new ServiceAppointmentRequested(
                                MPAN,
                                METERING_APPOINTMENT,
                                ServiceRole.METERING_SERVICE,
                                METERING_SERVICE,
                                SUPPLIER,
                                day("2026-07-01"),
                                RESPOND_BY),
                        Set.of("REGA", "DNOA", "SUPA", "METR")),
                new Example(
                        "a service appointment is accepted",
                        new ServiceAppointmentAccepted(
                                MPAN,
                                DATA_APPOINTMENT,
                                ServiceRole.DATA_SERVICE,
                                DATA_SERVICE,
                                SUPPLIER,
                                day("2026-06-01")),
                        Set.of("REGA", "DNOA", "SUPA", "DATA")),
                new Example(
                        "a service appointment is rejected",
                        new ServiceAppointmentRejected(
                                MPAN,
                                DATA_APPOINTMENT,
                                ServiceRole.DATA_SERVICE,
                                DATA_SERVICE,
                                SUPPLIER,
                                "no capacity"),
                        Set.of("REGA", "DNOA", "SUPA", "DATA")),
                new Example(
                        "a service appointment times out",
                        new ServiceAppointmentTimedOut(
                                MPAN, DATA_APPOINTMENT, ServiceRole.DATA_SERVICE, DATA_SERVICE, SUPPLIER),
                        Set.of("REGA", "DNOA", "SUPA", "DATA")),
                new Example(
                        "a service appointment is ended by the supplier that requested it",
                        new ServiceAppointmentEnded(
                                MPAN,
                                DATA_APPOINTMENT,
                                ServiceRole.DATA_SERVICE,
                                DATA_SERVICE,
                                day("2026-06-01"),
                                day("2026-12-31"),
                                SUPPLIER),
                        Set.of("REGA", "DNOA", "SUPA", "DATA")),
                new Example(
                        "a service appointment is ended by the service, still telling the supplier that "
                                + "requested it",
                        new ServiceAppointmentEnded(
                                MPAN,
                                DATA_APPOINTMENT,
                                ServiceRole.DATA_SERVICE,
                                DATA_SERVICE,
                                day("2026-06-01"),
                                day("2026-12-31"),
                                DATA_SERVICE),
                        Set.of("REGA", "DNOA", "SUPA", "DATA")),
                new Example(
                        "consumption is recorded for a day of the current supplier",
                        consumptionOf(day("2026-07-01"), SUPPLIER),
                        Set.of("SUPA", "DATA", "DNOA", "@CENTRAL_SETTLEMENT")),
                new Example(
                        "consumption is recorded for a day of the former supplier, not telling the current one",
                        consumptionOf(day("2026-03-10"), FORMER_SUPPLIER),
                        Set.of("SUPF", "DATA", "DNOA", "@CENTRAL_SETTLEMENT")),
                new Example(
                        "an MPAN's consumption is shredded: its current supplier, its DNO, central settlement",
                        new ConsumptionShredded(
                                ShredConsumption.idOf(MPAN),
                                MPAN,
                                1,
                                3,
                                java.time.Instant.parse("2026-11-22T10:00:00Z"),
                                ParticipantId.of("OPER"),
                                "erasure request"),
                        Set.of("SUPA", "DNOA", "@CENTRAL_SETTLEMENT")),
                new Example(
                        "a run publishes a supplier's allocation to that supplier only",
                        new SupplierAllocationPublished(
                                SettlementDayId.of(day("2026-03-10")),
                                day("2026-03-10"),
                                SettlementRunType.SF,
                                SUPPLIER,
                                List.of(new SupplierAllocationPublished.Volume(
                                        EASTERN, 1, Energy.ofWattHours(1250), 3))),
                        Set.of("SUPA")),
                new Example(
                        "a run publishes a DNO's totals to that DNO only",
                        new DnoTotalsPublished(
                                SettlementDayId.of(day("2026-03-10")),
                                day("2026-03-10"),
                                SettlementRunType.SF,
                                EASTERN_DNO,
                                List.of(new DnoTotalsPublished.Total(EASTERN, 1, Energy.ofWattHours(1250), 3))),
                        Set.of("DNOA")),
                new Example(
                        "a run's summary goes to central settlement",
                        new SettlementRunCompleted(
                                SettlementDayId.of(day("2026-03-10")),
                                day("2026-03-10"),
                                SettlementRunType.SF,
                                42,
                                List.of(),
                                "ab".repeat(32),
                                1,
                                1,
                                Energy.ofWattHours(1250),
                                ParticipantId.of("OPER"),
                                RunTrigger.OPERATOR),
                        Set.of("@CENTRAL_SETTLEMENT")),
                new Example(
                        "a dispute goes to the supplier that raised it and to central settlement",
                        new DisputeRaised(DISPUTE, day("2026-03-10"), SUPPLIER, "volumes too high"),
                        Set.of("SUPA", "@CENTRAL_SETTLEMENT")),
                new Example(
                        "its resolution too",
                        new DisputeResolved(
                                DISPUTE, day("2026-03-10"), SUPPLIER, "corrected in R1", ParticipantId.of("OPER")),
                        Set.of("SUPA", "@CENTRAL_SETTLEMENT")));
    }

    private static InMemoryMarketParties theMarket() {
        InMemoryMarketParties market = new InMemoryMarketParties();
        Stream.of(
                        new GspGroupRegistered(EASTERN, "Eastern", EASTERN_DNO),
                        new GspGroupRegistered(EAST_MIDLANDS, "East Midlands", EAST_MIDLANDS_DNO),
                        new GspGroupRegistered(LONDON, "London", LONDON_DNO),
                        new MeteringPointRegistered(
                                MPAN,
                                EASTERN,
                                MarketSegment.SMART,
                                EnergisationStatus.ENERGISED,
                                day("2026-01-01"),
                                REGISTRATION_SERVICE),
                        new SupplierRegistered(MPAN, FORMER_SUPPLIER, day("2026-01-01"), null, null),
                        new SupplierRegistered(MPAN, SUPPLIER, day("2026-06-01"), FORMER_SUPPLIER, day("2026-01-01")),
                        new ServiceAppointmentRequested(
                                MPAN,
                                DATA_APPOINTMENT,
                                ServiceRole.DATA_SERVICE,
                                DATA_SERVICE,
                                SUPPLIER,
                                day("2026-06-01"),
                                RESPOND_BY),
                        new MeteringPointRegistered(
                                OTHER_MPAN,
                                EAST_MIDLANDS,
                                MarketSegment.SMART,
                                EnergisationStatus.ENERGISED,
                                day("2026-01-01"),
                                OTHER_REGISTRATION_SERVICE),
                        new SupplierRegistered(OTHER_MPAN, OTHER_SUPPLIER, day("2026-01-01"), null, null),
                        new ServiceAppointmentRequested(
                                OTHER_MPAN,
                                OTHER_DATA_APPOINTMENT,
                                ServiceRole.DATA_SERVICE,
                                OTHER_DATA_SERVICE,
                                OTHER_SUPPLIER,
                                day("2026-01-01"),
                                RESPOND_BY),
                        new MeteringPointRegistered(
                                UNSUPPLIED_MPAN,
                                EASTERN,
                                MarketSegment.UNMETERED,
                                EnergisationStatus.ENERGISED,
                                day("2026-01-01"),
                                REGISTRATION_SERVICE))
                .forEach(market::apply);
        return market;
    }

    private static ConsumptionRecorded consumptionOf(LocalDate settlementDate, ParticipantId supplier) {
        return new ConsumptionRecorded(
                MPAN,
                settlementDate,
                1,
                DATA_SERVICE,
                supplier,
                EASTERN,
                48,
                1,
                "sealed readings: routing never opens them");
    }

    private static Mpan mpanStartingWith(String first12Digits) {
        return Mpan.of(first12Digits + Mpan.checkDigitOf(first12Digits));
    }

    private static LocalDate day(String isoDate) {
        return LocalDate.parse(isoDate);
    }

    record Example(String description, Object event, Set<String> audience) {

        @Override
        public String toString() {
            return description;
        }
    }

    record NotAMarketEvent() {}

    /** {@link JdbcMarketParties} without the database: the same facts, taken in from the same events. */
    private static final class InMemoryMarketParties implements MarketParties {

        private final Map<GspGroupId, ParticipantId> dnos = new HashMap<>();
        private final Map<Mpan, MeteringPointParties> meteringPoints = new HashMap<>();
        private final Map<UUID, ParticipantId> appointmentSuppliers = new HashMap<>();

        @Override
        public Optional<ParticipantId> dnoOf(GspGroupId gspGroup) {
            return Optional.ofNullable(dnos.get(gspGroup));
        }

        @Override
        public Optional<MeteringPointParties> meteringPoint(Mpan mpan) {
            return Optional.ofNullable(meteringPoints.get(mpan));
        }

        @Override
        public Optional<ParticipantId> supplierOfAppointment(UUID appointmentId) {
            return Optional.ofNullable(appointmentSuppliers.get(appointmentId));
        }

        @Override
        public void apply(Object event) {
            switch (event) {
                case GspGroupRegistered e -> dnos.put(e.gspGroupId(), e.dnoId());
                case GspGroupDnoChanged e -> dnos.put(e.gspGroupId(), e.dnoId());
                case MeteringPointRegistered e ->
                    meteringPoints.put(
                            e.mpan(),
                            new MeteringPointParties(
                                    e.gspGroupId(),
                                    e.registrationService(),
                                    meteringPoint(e.mpan()).flatMap(MeteringPointParties::supplier)));
                case MeteringPointDetailsChanged e ->
                    meteringPoints.computeIfPresent(
                            e.mpan(),
                            (mpan, point) -> new MeteringPointParties(
                                    e.gspGroupId(), point.registrationService(), point.supplier()));
                case SupplierRegistered e ->
                    meteringPoints.computeIfPresent(
                            e.mpan(),
                            (mpan, point) -> new MeteringPointParties(
                                    point.gspGroup(), point.registrationService(), Optional.of(e.supplier())));
                case SupplierRegistrationWithdrawn e
                when e.effectiveTo() == null ->
                    meteringPoints.computeIfPresent(
                            e.mpan(),
                            (mpan, point) -> new MeteringPointParties(
                                    point.gspGroup(),
                                    point.registrationService(),
                                    Optional.ofNullable(e.restoredSupplier())));
                case ServiceAppointmentRequested e -> appointmentSuppliers.putIfAbsent(e.appointmentId(), e.supplier());
                default -> {}
            }
        }
    }
}
