package org.mhhs.backbone.grpc.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.HubClient.violatedFields;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mhhs.backbone.grpc.v1.ListConsumptionVersionsRequest;
import org.mhhs.backbone.grpc.v1.PeriodReading;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.mhhs.backbone.testing.Submissions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rules of a day's consumption, broken through gRPC by the data service appointed that day: each answers its
 * status and rule as the ErrorInfo reason, and no version of the day is recorded. (The fixture tests of metering hold
 * the same rules; these prove the API reports them.)
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumptionRulesApiIntegrationTest {

    private static final String OPERATOR = "OPER";
    private static final LocalDate TODAY = MarketDays.today();
    /** When the metering point was registered, with its supplier and data service. */
    private static final LocalDate REGISTERED = TODAY.minusDays(60);
    /** A day of 48 settlement periods, whatever today is: the first Wednesday after the registration. */
    private static final LocalDate DAY =
            REGISTERED.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.WEDNESDAY));

    @Autowired
    HubClient hub;

    Market market;
    SettlementMarket settlementMarket;
    Parties parties;
    String mpan;

    @BeforeAll
    void aMeteringPointWithItsDataService() {
        market = new Market(hub);
        settlementMarket = new SettlementMarket(hub, market);
        parties = settlementMarket.parties("_C");
        mpan = settlementMarket.meteringPoint(
                parties.gspGroup(),
                parties.registrationService(),
                parties.supplier(),
                parties.dataService(),
                REGISTERED.toString());
        assertThat(SettlementDate.of(DAY).periodCount()).isEqualTo(48);
    }

    @Test
    void aPeriodSentTwiceIsInvalidAndRecordsNothing() {
        var day = Submissions.actualDay(mpan, DAY.toString(), "0.500").toBuilder();
        day.setReadings(47, day.getReadings(0));

        assertRefusedAsInvalid(day.build(), "EachPeriodOnce");
    }

    @Test
    void aPeriodTheDayDoesNotHaveIsInvalidAndRecordsNothing() {
        var day = Submissions.actualDay(mpan, DAY.toString(), "0.500").toBuilder();
        day.setReadings(47, day.getReadings(47).toBuilder().setPeriod(49));

        assertRefusedAsInvalid(day.build(), "EachPeriodOnce");
    }

    @Test
    void aNegativeReadingIsInvalidAndRecordsNothing() {
        assertRefusedAsInvalid(
                withPeriod12(Submissions.actualDay(mpan, DAY.toString(), "0.500"), "-0.001"), "ConsumptionNonNegative");
    }

    @Test
    void aReadingOfMoreThanTenThousandKwhInHalfAnHourIsImplausibleAndRecordsNothing() {
        assertRefusedAsInvalid(
                withPeriod12(Submissions.actualDay(mpan, DAY.toString(), "0.500"), "10000.001"),
                "ConsumptionPlausible");
    }

    @Test
    void consumptionOfADayBeforeTheMeteringPointWasRegisteredIsNotFound() {
        LocalDate before = REGISTERED.minusDays(1);
        long stored = hub.storedEvents();

        var refusal = refused(() -> market.metering(parties.dataService())
                .submitConsumption(Submissions.submission(
                        mpan, before.toString(), SettlementDate.of(before).periodCount(), "0.500")));

        assertThat(code(refusal)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(refusal)).isEqualTo("MeteringPointRegisteredOnDay");
        assertThat(hub.storedEvents()).isEqualTo(stored);
        assertThat(versions(before)).isZero();
    }

    private void assertRefusedAsInvalid(SubmitConsumptionRequest submission, String rule) {
        long stored = hub.storedEvents();

        StatusRuntimeException refusal =
                refused(() -> market.metering(parties.dataService()).submitConsumption(submission));

        assertThat(code(refusal)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(reason(refusal)).isEqualTo(rule);
        assertThat(violatedFields(refusal)).containsExactly("readings");
        assertThat(hub.storedEvents()).isEqualTo(stored);
        assertThat(versions(DAY)).isZero();
    }

    private static SubmitConsumptionRequest withPeriod12(SubmitConsumptionRequest day, String kwh) {
        PeriodReading twelfth = day.getReadings(11).toBuilder().setKwh(kwh).build();
        return day.toBuilder().setReadings(11, twelfth).build();
    }

    private int versions(LocalDate day) {
        return market.metering(OPERATOR)
                .listConsumptionVersions(ListConsumptionVersionsRequest.newBuilder()
                        .setMpan(mpan)
                        .setSettlementDate(day.toString())
                        .build())
                .getVersionsCount();
    }
}
