package org.mhhs.backbone.grpc.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;

import io.grpc.Status;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.ConsumptionVersion;
import org.mhhs.backbone.grpc.v1.GetConsumptionRequest;
import org.mhhs.backbone.grpc.v1.ListConsumptionVersionsRequest;
import org.mhhs.backbone.kernel.SettlementDate;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.SettlementMarket;
import org.mhhs.backbone.testing.SettlementMarket.Parties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A ciphertext altered without the key does not open, and the hub reports the readings as shredded rather than
 * failing (README "Data protection at rest"). The test alters the metering read model's sealed readings and puts
 * them back, so that the shared hub's rebuild comparison never sees the alteration.
 */
@HubIntegrationTest
class TamperedReadingsApiIntegrationTest {

    private static final String OPERATOR = "OPER";
    private static final LocalDate TODAY = MarketDays.today();

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @Test
    void readingsWhoseCiphertextWasAlteredReadAsShreddedAndOpenAgainOnceRestored() {
        Market market = new Market(hub);
        SettlementMarket settlementMarket = new SettlementMarket(hub, market);
        Parties parties = settlementMarket.parties("_C");
        LocalDate registered = TODAY.minusDays(40);
        LocalDate day = TODAY.minusDays(3);
        String mpan = settlementMarket.meteringPoint(
                parties.gspGroup(),
                parties.registrationService(),
                parties.supplier(),
                parties.dataService(),
                registered.toString());
        settlementMarket.submit(parties.dataService(), mpan, day.toString(), "0.750");
        await().ignoreExceptions().until(() -> consumption(market, mpan, day).getReadingsCount() > 0);
        String sealed = sealedReadings(mpan, day);

        setSealedReadings(mpan, day, altered(sealed));
        try {
            var refusal = refused(() -> consumption(market, mpan, day));
            ConsumptionVersion listed = versions(market, mpan, day);

            assertThat(code(refusal)).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(reason(refusal)).isEqualTo("ConsumptionShredded");
            assertThat(listed.getShredded()).isTrue();
            assertThat(listed.getTotalKwh()).isEmpty();
        } finally {
            setSealedReadings(mpan, day, sealed);
        }
        assertThat(consumption(market, mpan, day).getReadingsList())
                .hasSize(SettlementDate.of(day).periodCount())
                .allSatisfy(reading -> assertThat(reading.getKwh()).isEqualTo("0.750"));
    }

    /** The same text with one base64 character of the middle changed: still base64, no longer the ciphertext. */
    private static String altered(String sealed) {
        int middle = sealed.length() / 2;
        char replacement = sealed.charAt(middle) == 'A' ? 'B' : 'A';
        return sealed.substring(0, middle) + replacement + sealed.substring(middle + 1);
    }

    private String sealedReadings(String mpan, LocalDate day) {
        return jdbc.sql("SELECT sealed_readings FROM metering.consumption_version"
                        + " WHERE mpan = :mpan AND settlement_date = :day AND version = 1")
                .param("mpan", mpan)
                .param("day", day)
                .query(String.class)
                .single();
    }

    private void setSealedReadings(String mpan, LocalDate day, String sealed) {
        int updated = jdbc.sql("UPDATE metering.consumption_version SET sealed_readings = :sealed"
                        + " WHERE mpan = :mpan AND settlement_date = :day AND version = 1")
                .param("sealed", sealed)
                .param("mpan", mpan)
                .param("day", day)
                .update();
        assertThat(updated).isOne();
    }

    private static org.mhhs.backbone.grpc.v1.Consumption consumption(Market market, String mpan, LocalDate day) {
        return market.metering(OPERATOR)
                .getConsumption(GetConsumptionRequest.newBuilder()
                        .setMpan(mpan)
                        .setSettlementDate(day.toString())
                        .build());
    }

    private static ConsumptionVersion versions(Market market, String mpan, LocalDate day) {
        return market.metering(OPERATOR)
                .listConsumptionVersions(ListConsumptionVersionsRequest.newBuilder()
                        .setMpan(mpan)
                        .setSettlementDate(day.toString())
                        .build())
                .getVersionsList()
                .getFirst();
    }
}
