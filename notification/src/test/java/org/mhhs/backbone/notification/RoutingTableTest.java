package org.mhhs.backbone.notification;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
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
import org.mhhs.backbone.notification.api.FeedEntryView;
import org.mhhs.backbone.notification.api.FeedReaderView;
import org.mhhs.backbone.notification.api.FeedReaderView.HeldRole;
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

    /**
     * In Eastern since 2026-01-01, registered by REGA, supplied by SUPF and from 2026-06-01 by SUPA, who appointed DATA
     * as its data service from that day and asked METR to be its metering service from 2026-07-01 (not answered).
     */
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
    private static final ParticipantId CENTRAL_SETTLEMENT_PARTICIPANT = ParticipantId.of("CSET");
    /** The day the routed events are recorded on, and "today" of the readers. */
    private static final LocalDate RECORDED_ON = LocalDate.parse("2026-11-22");

    private final InMemoryMarketParties parties = theMarket();

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void eachEventReachesExactlyItsAudience(Example example) {
        assertThat(ROUTING.audienceOf(example.event(), RECORDED_ON, parties))
                .map(Audience::targets)
                .contains(example.audience());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void eachEventIsRoutedForItsSettlementDay(Example example) {
        assertThat(ROUTING.audienceOf(example.event(), RECORDED_ON, parties))
                .map(Audience::day)
                .contains(example.day());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void noPartyOfAnotherMeteringPointIsInTheAudience(Example example) {
        assertThat(audienceOf(example.event()))
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

        assertThat(audienceOf(accepted)).containsExactlyInAnyOrder("REGB", "DNOB", "SUPB", "DATB");
    }

    @Test
    void anEventTypeWithoutARowHasNoAudience() {
        assertThat(ROUTING.audienceOf(new NotAMarketEvent(), RECORDED_ON, parties))
                .isEmpty();
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
    void afterAMoveOfGspGroupOnlyTheNewGroupsDnoIsToldOfLaterDays() {
        routeAndApply(detailsChange(day("2026-07-01"), LONDON));

        ServiceAppointmentRequested requested = new ServiceAppointmentRequested(
                MPAN,
                METERING_APPOINTMENT,
                ServiceRole.METERING_SERVICE,
                METERING_SERVICE,
                SUPPLIER,
                day("2026-08-01"),
                RESPOND_BY);

        assertThat(audienceOf(requested)).containsExactlyInAnyOrder("REGA", "DNOC", "SUPA", "DATA", "METR");
    }

    @Test
    void aMoveOfGspGroupLeavesTheDaysBeforeItWithTheOldGroupsDno() {
        routeAndApply(detailsChange(day("2026-07-01"), LONDON));

        assertThat(audienceOf(endOfDataAppointment(day("2026-06-30"), SUPPLIER)))
                .contains("DNOA")
                .doesNotContain("DNOC");
    }

    // ---- the DNO of the day

    @Test
    void aDnoChangeBetweenTwoConsumptionDaysSendsEachDayToItsDno() {
        routeAndApply(new GspGroupDnoChanged(EASTERN, EASTERN_DNO, NEW_EASTERN_DNO, day("2026-08-01")));

        assertThat(audienceOf(consumptionOf(day("2026-07-31"), SUPPLIER)))
                .containsExactlyInAnyOrder("SUPA", "DATA", "DNOA", "@CENTRAL_SETTLEMENT");
        assertThat(audienceOf(consumptionOf(day("2026-08-01"), SUPPLIER)))
                .containsExactlyInAnyOrder("SUPA", "DATA", "DNOX", "@CENTRAL_SETTLEMENT");
    }

    @Test
    void afterTheLatestRegistrationIsWithdrawnADetailsChangeReachesTheSupplierThatStaysNotTheWithdrawnOne() {
        routeAndApply(new SupplierRegistered(MPAN, GAINING_SUPPLIER, day("2026-09-01"), SUPPLIER, day("2026-06-01")));
        routeAndApply(new SupplierRegistrationWithdrawn(
                MPAN, GAINING_SUPPLIER, day("2026-09-01"), SUPPLIER, day("2026-06-01"), null));

        MeteringPointDetailsChanged changed = new MeteringPointDetailsChanged(
                MPAN,
                EASTERN,
                MarketSegment.ADVANCED,
                EnergisationStatus.ENERGISED,
                day("2026-10-01"),
                REGISTRATION_SERVICE);

        assertThat(audienceOf(changed)).contains("SUPA").doesNotContain(GAINING_SUPPLIER.value());
    }

    @Test
    void restatedConsumptionOfAnOldDayGoesToThatDaysDnoNotTodays() {
        routeAndApply(new GspGroupDnoChanged(EASTERN, EASTERN_DNO, NEW_EASTERN_DNO, day("2026-08-01")));

        ConsumptionRecorded restated = new ConsumptionRecorded(
                MPAN, day("2026-03-10"), 2, DATA_SERVICE, FORMER_SUPPLIER, EASTERN, 48, 1, "sealed");

        assertThat(audienceOf(restated)).containsExactlyInAnyOrder("SUPF", "DATA", "DNOA", "@CENTRAL_SETTLEMENT");
    }

    @Test
    void aDnoChangeRecordedWithoutAFirstDayTookEffectOnTheDayItWasRecorded() {
        GspGroupDnoChanged undated = new GspGroupDnoChanged(EASTERN, EASTERN_DNO, NEW_EASTERN_DNO, null);
        ROUTING.audienceOf(undated, day("2026-08-01"), parties);
        parties.apply(undated, day("2026-08-01"));

        assertThat(audienceOf(consumptionOf(day("2026-07-31"), SUPPLIER))).contains("DNOA");
        assertThat(audienceOf(consumptionOf(day("2026-08-01"), SUPPLIER))).contains("DNOX");
    }

    @Test
    void registrationEventsOfDaysAfterADnoChangeReachTheNewDno() {
        routeAndApply(new GspGroupDnoChanged(EASTERN, EASTERN_DNO, NEW_EASTERN_DNO, day("2026-08-01")));

        assertThat(audienceOf(new SupplierRegistered(MPAN, GAINING_SUPPLIER, day("2026-08-01"), SUPPLIER, null)))
                .contains("DNOX")
                .doesNotContain("DNOA");
        assertThat(audienceOf(detailsChange(day("2026-07-31"), EASTERN)))
                .contains("DNOA")
                .doesNotContain("DNOX");
    }

    // ---- the supplier and services of the day

    @Test
    void aDetailsChangeEffectiveBeforeAFutureGainingSuppliersFirstDayDoesNotReachIt() {
        routeAndApply(gainingSupplierFrom(day("2026-09-01")));

        assertThat(audienceOf(detailsChange(day("2026-08-31"), EASTERN)))
                .contains("SUPA")
                .doesNotContain("SUPC");
        assertThat(audienceOf(detailsChange(day("2026-09-01"), EASTERN)))
                .contains("SUPC")
                .doesNotContain("SUPA");
    }

    @Test
    void appointedServicesAreToldOfDetailsChangesOfTheirDays() {
        routeAndApply(new ServiceAppointmentAccepted(
                MPAN,
                METERING_APPOINTMENT,
                ServiceRole.METERING_SERVICE,
                METERING_SERVICE,
                SUPPLIER,
                day("2026-07-01")));

        assertThat(audienceOf(detailsChange(day("2026-07-01"), EASTERN)))
                .containsExactlyInAnyOrder("REGA", "DNOA", "SUPA", "DATA", "METR");
        assertThat(audienceOf(detailsChange(day("2026-03-01"), EASTERN)))
                .as("before either appointment, under the former supplier")
                .containsExactlyInAnyOrder("REGA", "DNOA", "SUPF");
    }

    @Test
    void anAppointmentsEndReachesTheSupplierInForceOnItsLastDayNotTheOneThatRequestedIt() {
        routeAndApply(gainingSupplierFrom(day("2026-09-01")));

        assertThat(audienceOf(endOfDataAppointment(day("2026-09-30"), GAINING_SUPPLIER)))
                .containsExactlyInAnyOrder("REGA", "DNOA", "SUPC", "DATA")
                .doesNotContain("SUPA");
    }

    @Test
    void anAppointmentEndedByTheGainingSupplierFromItsFirstDayAlsoReachesTheSupplierOfTheLastDay() {
        routeAndApply(gainingSupplierFrom(day("2026-09-01")));

        assertThat(audienceOf(endOfDataAppointment(day("2026-08-31"), GAINING_SUPPLIER)))
                .containsExactlyInAnyOrder("REGA", "DNOA", "SUPA", "SUPC", "DATA");
    }

    @Test
    void aServiceWhoseAppointmentEndedIsNotToldOfLaterDays() {
        routeAndApply(endOfDataAppointment(day("2026-08-31"), SUPPLIER));

        assertThat(audienceOf(detailsChange(day("2026-09-01"), EASTERN))).doesNotContain("DATA");
        assertThat(audienceOf(detailsChange(day("2026-08-31"), EASTERN))).contains("DATA");
    }

    @Test
    void aRejectionIsAboutTheDayTheRequestAskedFor() {
        ServiceAppointmentRejected rejected = new ServiceAppointmentRejected(
                MPAN, METERING_APPOINTMENT, ServiceRole.METERING_SERVICE, METERING_SERVICE, SUPPLIER, "busy");

        assertThat(ROUTING.audienceOf(rejected, RECORDED_ON, parties)
                        .orElseThrow()
                        .day())
                .isEqualTo(day("2026-07-01"));
    }

    // ---- role holders of the day

    @Test
    void centralSettlementGrantedTodayDoesNotSeeEarlierDaysConsumption() {
        FeedReaderView grantedToday = reader(
                CENTRAL_SETTLEMENT_PARTICIPANT,
                new HeldRole(MarketRole.CENTRAL_SETTLEMENT, EffectivePeriod.from(day("2026-11-22"))));

        assertThat(grantedToday.sees(entryOf(consumptionOf(day("2026-11-21"), SUPPLIER))))
                .isFalse();
        assertThat(grantedToday.sees(entryOf(consumptionOf(day("2026-11-22"), SUPPLIER))))
                .isTrue();
    }

    @Test
    void aRolePeriodThatEndedDoesNotSeeLaterDays() {
        FeedReaderView revoked = reader(
                CENTRAL_SETTLEMENT_PARTICIPANT,
                new HeldRole(
                        MarketRole.CENTRAL_SETTLEMENT, EffectivePeriod.between(day("2026-01-01"), day("2026-06-30"))));

        assertThat(revoked.sees(entryOf(consumptionOf(day("2026-06-30"), SUPPLIER))))
                .isTrue();
        assertThat(revoked.sees(entryOf(consumptionOf(day("2026-07-01"), SUPPLIER))))
                .isFalse();
        assertThat(revoked.privileged()).isFalse();
    }

    @Test
    void aRoleHeldInTwoPeriodsSeesTheDaysOfEachAndNoneBetween() {
        FeedReaderView twice = reader(
                CENTRAL_SETTLEMENT_PARTICIPANT,
                new HeldRole(
                        MarketRole.CENTRAL_SETTLEMENT, EffectivePeriod.between(day("2026-01-01"), day("2026-02-28"))),
                new HeldRole(MarketRole.CENTRAL_SETTLEMENT, EffectivePeriod.from(day("2026-06-01"))));

        assertThat(Stream.of("2026-02-28", "2026-03-01", "2026-06-01")
                        .map(d -> twice.sees(entryOf(consumptionOf(day(d), SUPPLIER)))))
                .containsExactly(true, false, true);
    }

    @Test
    void anotherRoleOnTheDayDoesNotOpenAnEntryAddressedToCentralSettlement() {
        FeedReaderView dno =
                reader(NEW_EASTERN_DNO, new HeldRole(MarketRole.DNO, EffectivePeriod.from(day("2020-01-01"))));

        assertThat(dno.sees(entryOf(consumptionOf(day("2026-07-01"), SUPPLIER))))
                .isFalse();
    }

    @Test
    void anAuditorOfTodayReadsEveryDayWhateverItsAudience() {
        FeedReaderView auditor = reader(
                ParticipantId.of("AUDT"), new HeldRole(MarketRole.AUDITOR, EffectivePeriod.from(day("2026-11-22"))));

        assertThat(auditor.privileged()).isTrue();
        assertThat(auditor.sees(entryOf(consumptionOf(day("2026-03-10"), FORMER_SUPPLIER))))
                .isTrue();
    }

    @Test
    void anAuditorWhoseRoleEndedBeforeTodayIsNoPrivilegedReader() {
        FeedReaderView former = reader(
                ParticipantId.of("AUDT"),
                new HeldRole(MarketRole.AUDITOR, EffectivePeriod.between(day("2026-01-01"), day("2026-11-21"))));

        assertThat(former.privileged()).isFalse();
        assertThat(former.sees(entryOf(consumptionOf(day("2026-03-10"), FORMER_SUPPLIER))))
                .isFalse();
    }

    // ---- helpers of the dated rules

    private Set<String> audienceOf(Object event) {
        return ROUTING.audienceOf(event, RECORDED_ON, parties).orElseThrow().targets();
    }

    private void routeAndApply(Object event) {
        ROUTING.audienceOf(event, RECORDED_ON, parties);
        parties.apply(event, RECORDED_ON);
    }

    private FeedEntryView entryOf(Object event) {
        Audience audience = ROUTING.audienceOf(event, RECORDED_ON, parties).orElseThrow();
        return new FeedEntryView(1, event.getClass().getSimpleName(), audience.targets(), audience.day(), new byte[0]);
    }

    private static FeedReaderView reader(ParticipantId participant, HeldRole... periods) {
        return FeedReaderView.of(participant, List.of(periods), RECORDED_ON);
    }

    private static MeteringPointDetailsChanged detailsChange(LocalDate from, GspGroupId gspGroup) {
        return new MeteringPointDetailsChanged(
                MPAN, gspGroup, MarketSegment.ADVANCED, EnergisationStatus.ENERGISED, from, REGISTRATION_SERVICE);
    }

    private static SupplierRegistered gainingSupplierFrom(LocalDate from) {
        return new SupplierRegistered(MPAN, GAINING_SUPPLIER, from, SUPPLIER, day("2026-06-01"));
    }

    private static ServiceAppointmentEnded endOfDataAppointment(LocalDate lastDay, ParticipantId endedBy) {
        return new ServiceAppointmentEnded(
                MPAN, DATA_APPOINTMENT, ServiceRole.DATA_SERVICE, DATA_SERVICE, day("2026-06-01"), lastDay, endedBy);
    }

    static Stream<Example> examples() {
        return Stream.of(
                new Example(
                        "a participant is registered",
                        new ParticipantRegistered(NEWCOMER, "Newcomer Energy"),
                        Set.of("*"),
                        RECORDED_ON),
                new Example(
                        "a role is granted",
                        new RoleGranted(NEWCOMER, MarketRole.SUPPLIER, EffectivePeriod.from(day("2026-07-01"))),
                        Set.of("*"),
                        RECORDED_ON),
                new Example(
                        "a role is revoked",
                        new RoleRevoked(
                                SUPPLIER,
                                MarketRole.SUPPLIER,
                                EffectivePeriod.from(day("2020-01-01")),
                                day("2026-12-31")),
                        Set.of("*"),
                        RECORDED_ON),
                new Example(
                        "a GSP group is registered",
                        new GspGroupRegistered(
                                GspGroupId.of("_D"), "Merseyside and North Wales", ParticipantId.of("DNOD")),
                        Set.of("*"),
                        RECORDED_ON),
                new Example(
                        "a GSP group's DNO changes",
                        new GspGroupDnoChanged(EASTERN, EASTERN_DNO, NEW_EASTERN_DNO, day("2026-12-01")),
                        Set.of("*"),
                        RECORDED_ON),
                new Example(
                        "a bank holiday is added",
                        new BankHolidayAdded(MarketCalendar.ID, day("2026-12-25"), "Christmas Day"),
                        Set.of("*"),
                        RECORDED_ON),
                new Example(
                        "a bank holiday is removed",
                        new BankHolidayRemoved(MarketCalendar.ID, day("2026-12-25")),
                        Set.of("*"),
                        RECORDED_ON),
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
                        Set.of("*"),
                        RECORDED_ON),
                new Example(
                        "the appointment response time-out changes",
                        new AppointmentResponseTimeoutChanged(MarketCalendar.ID, Duration.ofDays(5)),
                        Set.of("*"),
                        RECORDED_ON),
                new Example(
                        "the final dispute window changes",
                        new FinalDisputeWindowChanged(MarketCalendar.ID, 14),
                        Set.of("*"),
                        RECORDED_ON),
                new Example(
                        "the change of supplier horizon changes",
                        new ChangeOfSupplierHorizonChanged(MarketCalendar.ID, 14),
                        Set.of("*"),
                        RECORDED_ON),
                new Example(
                        "a metering point is registered: its registration service and the DNO of its group that day",
                        new MeteringPointRegistered(
                                NEW_MPAN,
                                EASTERN,
                                MarketSegment.SMART,
                                EnergisationStatus.ENERGISED,
                                day("2026-07-01"),
                                REGISTRATION_SERVICE),
                        Set.of("REGA", "DNOA"),
                        day("2026-07-01")),
                new Example(
                        "a metering point's details change within its GSP group: the supplier and service of the day",
                        detailsChange(day("2026-07-01"), EASTERN),
                        Set.of("REGA", "DNOA", "SUPA", "DATA"),
                        day("2026-07-01")),
                new Example(
                        "a metering point moves to another GSP group: the DNOs of both",
                        detailsChange(day("2026-07-01"), LONDON),
                        Set.of("REGA", "DNOA", "DNOC", "SUPA", "DATA"),
                        day("2026-07-01")),
                new Example(
                        "the first supplier is registered",
                        new SupplierRegistered(UNSUPPLIED_MPAN, GAINING_SUPPLIER, day("2026-07-01"), null, null),
                        Set.of("REGA", "DNOA", "SUPC"),
                        day("2026-07-01")),
                new Example(
                        "the supplier changes: gaining and losing supplier, the service appointed on the first day",
                        gainingSupplierFrom(day("2026-09-01")),
                        Set.of("REGA", "DNOA", "DATA", "SUPC", "SUPA"),
                        day("2026-09-01")),
                new Example(
                        "the gaining supplier withdraws its registration: the supplier that stays is told",
                        new SupplierRegistrationWithdrawn(
                                MPAN, GAINING_SUPPLIER, day("2026-09-01"), SUPPLIER, day("2026-06-01"), null),
                        Set.of("REGA", "DNOA", "DATA", "SUPC", "SUPA"),
                        day("2026-09-01")),
                new Example(
                        "the first supplier withdraws its registration",
                        new SupplierRegistrationWithdrawn(
                                UNSUPPLIED_MPAN, GAINING_SUPPLIER, day("2026-09-01"), null, null, null),
                        Set.of("REGA", "DNOA", "SUPC"),
                        day("2026-09-01")),
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
                        Set.of("REGA", "DNOA", "DATA", "SUPA", "METR"),
                        day("2026-07-01")),
                new Example(
                        "a service appointment is accepted",
                        new ServiceAppointmentAccepted(
                                MPAN,
                                METERING_APPOINTMENT,
                                ServiceRole.METERING_SERVICE,
                                METERING_SERVICE,
                                SUPPLIER,
                                day("2026-07-01")),
                        Set.of("REGA", "DNOA", "DATA", "SUPA", "METR"),
                        day("2026-07-01")),
                new Example(
                        "a service appointment is rejected: about the day it asked for",
                        new ServiceAppointmentRejected(
                                MPAN,
                                METERING_APPOINTMENT,
                                ServiceRole.METERING_SERVICE,
                                METERING_SERVICE,
                                SUPPLIER,
                                "no capacity"),
                        Set.of("REGA", "DNOA", "DATA", "SUPA", "METR"),
                        day("2026-07-01")),
                new Example(
                        "a service appointment times out: about the day it asked for",
                        new ServiceAppointmentTimedOut(
                                MPAN, METERING_APPOINTMENT, ServiceRole.METERING_SERVICE, METERING_SERVICE, SUPPLIER),
                        Set.of("REGA", "DNOA", "DATA", "SUPA", "METR"),
                        day("2026-07-01")),
                new Example(
                        "a service appointment is ended by the supplier in force on its last day",
                        endOfDataAppointment(day("2026-12-31"), SUPPLIER),
                        Set.of("REGA", "DNOA", "SUPA", "DATA"),
                        day("2026-12-31")),
                new Example(
                        "a service appointment is ended by the service, still telling the supplier of its last day",
                        endOfDataAppointment(day("2026-12-31"), DATA_SERVICE),
                        Set.of("REGA", "DNOA", "SUPA", "DATA"),
                        day("2026-12-31")),
                new Example(
                        "consumption is recorded for a day of the current supplier",
                        consumptionOf(day("2026-07-01"), SUPPLIER),
                        Set.of("SUPA", "DATA", "DNOA", "@CENTRAL_SETTLEMENT"),
                        day("2026-07-01")),
                new Example(
                        "consumption is recorded for a day of the former supplier, not telling the current one",
                        consumptionOf(day("2026-03-10"), FORMER_SUPPLIER),
                        Set.of("SUPF", "DATA", "DNOA", "@CENTRAL_SETTLEMENT"),
                        day("2026-03-10")),
                new Example(
                        "an MPAN's consumption is shredded: its supplier and DNO of that day, central settlement",
                        new ConsumptionShredded(
                                ShredConsumption.idOf(MPAN),
                                MPAN,
                                1,
                                3,
                                Instant.parse("2026-11-22T10:00:00Z"),
                                ParticipantId.of("OPER"),
                                "erasure request"),
                        Set.of("SUPA", "DNOA", "@CENTRAL_SETTLEMENT"),
                        day("2026-11-22")),
                new Example(
                        "a run publishes a supplier's allocation to that supplier only",
                        new SupplierAllocationPublished(
                                SettlementDayId.of(day("2026-03-10")),
                                day("2026-03-10"),
                                SettlementRunType.SF,
                                SUPPLIER,
                                List.of(new SupplierAllocationPublished.Volume(
                                        EASTERN, 1, Energy.ofWattHours(1250), 3))),
                        Set.of("SUPA"),
                        day("2026-03-10")),
                new Example(
                        "a run publishes a DNO's totals to that DNO only",
                        new DnoTotalsPublished(
                                SettlementDayId.of(day("2026-03-10")),
                                day("2026-03-10"),
                                SettlementRunType.SF,
                                EASTERN_DNO,
                                List.of(new DnoTotalsPublished.Total(EASTERN, 1, Energy.ofWattHours(1250), 3))),
                        Set.of("DNOA"),
                        day("2026-03-10")),
                new Example(
                        "a run's summary goes to central settlement of the day",
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
                        Set.of("@CENTRAL_SETTLEMENT"),
                        day("2026-03-10")),
                new Example(
                        "a dispute goes to the supplier that raised it and to central settlement",
                        new DisputeRaised(DISPUTE, day("2026-03-10"), SUPPLIER, "volumes too high"),
                        Set.of("SUPA", "@CENTRAL_SETTLEMENT"),
                        day("2026-03-10")),
                new Example(
                        "its resolution too",
                        new DisputeResolved(
                                DISPUTE, day("2026-03-10"), SUPPLIER, "corrected in R1", ParticipantId.of("OPER")),
                        Set.of("SUPA", "@CENTRAL_SETTLEMENT"),
                        day("2026-03-10")));
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
                        new ServiceAppointmentAccepted(
                                MPAN,
                                DATA_APPOINTMENT,
                                ServiceRole.DATA_SERVICE,
                                DATA_SERVICE,
                                SUPPLIER,
                                day("2026-06-01")),
                        new ServiceAppointmentRequested(
                                MPAN,
                                METERING_APPOINTMENT,
                                ServiceRole.METERING_SERVICE,
                                METERING_SERVICE,
                                SUPPLIER,
                                day("2026-07-01"),
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
                .forEach(event -> market.apply(event, day("2026-01-01")));
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

    record Example(String description, Object event, Set<String> audience, LocalDate day) {

        @Override
        public String toString() {
            return description;
        }
    }

    record NotAMarketEvent() {}

    /**
     * {@link JdbcMarketParties} without the database: the same dated facts, taken in from the same events (periods
     * end where the next one of the same kind starts; an appointment also where its end says).
     */
    private static final class InMemoryMarketParties implements MarketParties {

        private record Period<T>(LocalDate from, @Nullable LocalDate to, T holder) {

            boolean contains(LocalDate day) {
                return !day.isBefore(from) && (to == null || !day.isAfter(to));
            }
        }

        private final Map<GspGroupId, NavigableMap<LocalDate, ParticipantId>> dnos = new HashMap<>();
        private final Map<Mpan, ParticipantId> registrationServices = new HashMap<>();
        private final Map<Mpan, NavigableMap<LocalDate, GspGroupId>> gspGroups = new HashMap<>();
        private final Map<Mpan, NavigableMap<LocalDate, ParticipantId>> suppliers = new HashMap<>();
        private final Map<Mpan, Map<ServiceRole, List<Period<ParticipantId>>>> services = new HashMap<>();
        private final Map<UUID, LocalDate> appointmentsFrom = new HashMap<>();

        @Override
        public Optional<ParticipantId> dnoOn(GspGroupId gspGroup, LocalDate day) {
            return on(dnos.get(gspGroup), day);
        }

        @Override
        public Optional<MeteringPointParties> meteringPointOn(Mpan mpan, LocalDate day) {
            ParticipantId registrationService = registrationServices.get(mpan);
            if (registrationService == null) {
                return Optional.empty();
            }
            Optional<GspGroupId> gspGroup = on(gspGroups.get(mpan), day);
            return Optional.of(new MeteringPointParties(
                    registrationService,
                    gspGroup,
                    gspGroup.flatMap(group -> dnoOn(group, day)),
                    on(suppliers.get(mpan), day),
                    services.getOrDefault(mpan, Map.of()).values().stream()
                            .flatMap(List::stream)
                            .filter(period -> period.contains(day))
                            .map(Period::holder)
                            .toList()));
        }

        @Override
        public Optional<LocalDate> appointmentFrom(UUID appointmentId) {
            return Optional.ofNullable(appointmentsFrom.get(appointmentId));
        }

        @Override
        public void apply(Object event, LocalDate recordedOn) {
            switch (event) {
                case GspGroupRegistered e -> periods(dnos, e.gspGroupId()).put(LocalDate.MIN, e.dnoId());
                case GspGroupDnoChanged e ->
                    periods(dnos, e.gspGroupId()).put(e.effectiveFromOr(recordedOn), e.dnoId());
                case MeteringPointRegistered e -> {
                    registrationServices.put(e.mpan(), e.registrationService());
                    periods(gspGroups, e.mpan()).put(e.effectiveFrom(), e.gspGroupId());
                }
                case MeteringPointDetailsChanged e ->
                    periods(gspGroups, e.mpan()).put(e.effectiveFrom(), e.gspGroupId());
                case SupplierRegistered e -> periods(suppliers, e.mpan()).put(e.effectiveFrom(), e.supplier());
                case SupplierRegistrationWithdrawn e ->
                    periods(suppliers, e.mpan()).remove(e.effectiveFrom());
                case ServiceAppointmentRequested e ->
                    appointmentsFrom.putIfAbsent(e.appointmentId(), e.effectiveFrom());
                case ServiceAppointmentAccepted e -> {
                    List<Period<ParticipantId>> held = appointments(e.mpan(), e.role());
                    held.replaceAll(period -> period.from().isBefore(e.effectiveFrom())
                                    && (period.to() == null || !period.to().isBefore(e.effectiveFrom()))
                            ? new Period<>(period.from(), e.effectiveFrom().minusDays(1), period.holder())
                            : period);
                    held.add(new Period<>(e.effectiveFrom(), null, e.service()));
                }
                case ServiceAppointmentEnded e ->
                    appointments(e.mpan(), e.role())
                            .replaceAll(period -> period.from().equals(e.effectiveFrom())
                                    ? new Period<>(period.from(), e.lastDay(), period.holder())
                                    : period);
                default -> {}
            }
        }

        private List<Period<ParticipantId>> appointments(Mpan mpan, ServiceRole role) {
            return services.computeIfAbsent(mpan, key -> new EnumMap<>(ServiceRole.class))
                    .computeIfAbsent(role, key -> new ArrayList<>());
        }

        private static <K, T> NavigableMap<LocalDate, T> periods(Map<K, NavigableMap<LocalDate, T>> all, K key) {
            return all.computeIfAbsent(key, k -> new TreeMap<>());
        }

        private static <T> Optional<T> on(@Nullable NavigableMap<LocalDate, T> periods, LocalDate day) {
            return Optional.ofNullable(periods == null ? null : periods.floorEntry(day))
                    .map(Map.Entry::getValue);
        }
    }
}
