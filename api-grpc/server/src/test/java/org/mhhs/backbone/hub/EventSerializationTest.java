package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mhhs.backbone.isd.api.AppointmentResponseTimeoutChanged;
import org.mhhs.backbone.isd.api.BankHolidayAdded;
import org.mhhs.backbone.isd.api.BankHolidayRemoved;
import org.mhhs.backbone.isd.api.ChangeOfSupplierHorizonChanged;
import org.mhhs.backbone.isd.api.FinalDisputeWindowChanged;
import org.mhhs.backbone.isd.api.GspGroupDnoChanged;
import org.mhhs.backbone.isd.api.GspGroupRegistered;
import org.mhhs.backbone.isd.api.IsdEvent;
import org.mhhs.backbone.isd.api.MarketCalendar;
import org.mhhs.backbone.isd.api.ParticipantRegistered;
import org.mhhs.backbone.isd.api.RoleGranted;
import org.mhhs.backbone.isd.api.RoleRevoked;
import org.mhhs.backbone.isd.api.RunScheduleChanged;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.ConsumptionShredded;
import org.mhhs.backbone.metering.api.ShredConsumption;
import org.mhhs.backbone.registration.api.SupplierRegistrationWithdrawn;

/**
 * Stored events must read back exactly as written, and carry only their record components. The dates here are fixed on
 * purpose: no hub or clock is involved, and the stored JSON is compared character for character.
 */
class EventSerializationTest {

    private final ObjectMapper mapper = new AxonPersistenceConfiguration().defaultAxonObjectMapper();

    static Stream<IsdEvent> everyIsdEvent() {
        ParticipantId supplier = ParticipantId.of("SUPA");
        LocalDate day = LocalDate.of(2026, 4, 1);
        // A sealed hierarchy: this switch stops compiling when an event type is added without a sample here.
        return Stream.<IsdEvent>of(
                        new ParticipantRegistered(supplier, "Supplier A"),
                        new RoleGranted(supplier, MarketRole.SUPPLIER, EffectivePeriod.from(day)),
                        new RoleGranted(supplier, MarketRole.DNO, EffectivePeriod.between(day, day.plusDays(30))),
                        new RoleRevoked(supplier, MarketRole.SUPPLIER, EffectivePeriod.from(day), day.plusDays(9)),
                        new GspGroupRegistered(GspGroupId.of("_A"), "Eastern", ParticipantId.of("DNOA")),
                        new GspGroupDnoChanged(
                                GspGroupId.of("_A"), ParticipantId.of("DNOA"), ParticipantId.of("DNOB"), day),
                        new BankHolidayAdded(MarketCalendar.ID, LocalDate.of(2026, 12, 25), "Christmas Day"),
                        new BankHolidayRemoved(MarketCalendar.ID, LocalDate.of(2026, 12, 25)),
                        new RunScheduleChanged(
                                MarketCalendar.ID, Map.of(SettlementRunType.SF, 5, SettlementRunType.RF, 80)),
                        new AppointmentResponseTimeoutChanged(MarketCalendar.ID, Duration.ofHours(48)),
                        new FinalDisputeWindowChanged(MarketCalendar.ID, 28),
                        new ChangeOfSupplierHorizonChanged(MarketCalendar.ID, 14))
                .peek(EventSerializationTest::coveredBySample);
    }

    private static void coveredBySample(IsdEvent event) {
        switch (event) {
            case ParticipantRegistered e -> {}
            case RoleGranted e -> {}
            case RoleRevoked e -> {}
            case GspGroupRegistered e -> {}
            case GspGroupDnoChanged e -> {}
            case BankHolidayAdded e -> {}
            case BankHolidayRemoved e -> {}
            case RunScheduleChanged e -> {}
            case AppointmentResponseTimeoutChanged e -> {}
            case FinalDisputeWindowChanged e -> {}
            case ChangeOfSupplierHorizonChanged e -> {}
        }
    }

    @ParameterizedTest
    @MethodSource("everyIsdEvent")
    void everyEventReadsBackEqualToWhatWasWritten(IsdEvent event) throws Exception {
        byte[] stored = mapper.writeValueAsBytes(event);

        assertThat(mapper.readValue(stored, event.getClass())).isEqualTo(event);
    }

    @Test
    void identifiersAreStoredAsTheirPlainText() throws Exception {
        String stored = mapper.writeValueAsString(
                new GspGroupRegistered(GspGroupId.of("_A"), "Eastern", ParticipantId.of("DNOA")));

        assertThat(stored).isEqualTo("{\"gspGroupId\":\"_A\",\"name\":\"Eastern\",\"dnoId\":\"DNOA\"}");
    }

    @Test
    void anIdentifierHeldAsABareObjectReadsBackAsItsText() throws Exception {
        // Axon keeps a deadline's aggregate identifier as Object; it must still name the aggregate after a restart.
        Object stored = mapper.readValue(mapper.writeValueAsBytes(Mpan.of("1200000000002")), Object.class);

        assertThat(stored).isEqualTo("1200000000002");
    }

    @ParameterizedTest
    @MethodSource("everyIsdEvent")
    void derivedAccessorsAreNotStored(IsdEvent event) throws Exception {
        String stored = mapper.writeValueAsString(event);

        assertThat(stored).doesNotContain("openEnded").doesNotContain("\"scheduled\"");
    }

    @Test
    void consumptionEventsReadBackEqualAndStoreNeitherDerivedFieldsNorReadingsInClear() throws Exception {
        Mpan mpan = Mpan.of("1200000000002");
        LocalDate day = LocalDate.of(2026, 11, 2);
        var recorded = new ConsumptionRecorded(
                mpan,
                day,
                2,
                ParticipantId.of("DSVA"),
                ParticipantId.of("SUPA"),
                GspGroupId.of("_A"),
                48,
                1,
                "c2VhbGVkIHJlYWRpbmdz");
        var shredded = new ConsumptionShredded(
                ShredConsumption.idOf(mpan),
                mpan,
                1,
                2,
                Instant.parse("2026-11-22T10:00:00Z"),
                ParticipantId.of("OPER"),
                "erasure request");

        String stored = mapper.writeValueAsString(recorded);

        assertThat(mapper.readValue(stored, ConsumptionRecorded.class)).isEqualTo(recorded);
        assertThat(mapper.readValue(mapper.writeValueAsBytes(shredded), ConsumptionShredded.class))
                .isEqualTo(shredded);
        assertThat(stored)
                .isEqualTo("{\"mpan\":\"1200000000002\",\"settlementDate\":\"2026-11-02\",\"version\":2,"
                        + "\"dataService\":\"DSVA\",\"supplier\":\"SUPA\",\"gspGroupId\":\"_A\",\"periodCount\":48,"
                        + "\"keyVersion\":1,\"sealedReadings\":\"c2VhbGVkIHJlYWRpbmdz\"}");
    }

    @Test
    void aWithdrawalReadsBackEqualWithOrWithoutASupplierItRestores() throws Exception {
        Mpan mpan = Mpan.of("1200000000002");
        LocalDate from = LocalDate.of(2026, 7, 1);
        var restoring = new SupplierRegistrationWithdrawn(
                mpan, ParticipantId.of("SUPB"), from, ParticipantId.of("SUPA"), LocalDate.of(2026, 1, 1), null);
        var first = new SupplierRegistrationWithdrawn(
                mpan, ParticipantId.of("SUPB"), from, null, null, LocalDate.of(2026, 7, 31));

        for (SupplierRegistrationWithdrawn withdrawn : List.of(restoring, first)) {
            assertThat(mapper.readValue(mapper.writeValueAsBytes(withdrawn), SupplierRegistrationWithdrawn.class))
                    .isEqualTo(withdrawn);
        }
    }
}
