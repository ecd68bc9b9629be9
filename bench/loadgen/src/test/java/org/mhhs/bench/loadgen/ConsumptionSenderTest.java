package org.mhhs.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.Quality;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;
import org.mhhs.bench.market.ConsumptionSubmission;

class ConsumptionSenderTest {

    @Test
    void aSubmissionBecomesOneReadingPerPeriodInKwhWithThreeDecimalsAndItsQuality() {
        long[] wattHours = new long[46];
        boolean[] estimated = new boolean[46];
        wattHours[0] = 7;
        wattHours[1] = 1_250;
        wattHours[2] = 10_000_000;
        wattHours[3] = 99;
        estimated[1] = true;
        ConsumptionSubmission submission =
                new ConsumptionSubmission("1200000000009", LocalDate.of(2026, 3, 29), 1, "A000", wattHours, estimated);

        SubmitConsumptionRequest request = ConsumptionSender.request(submission, "c-7");

        assertThat(request.getHeader().getCommandId()).isEqualTo("c-7");
        assertThat(request.getSettlementDate()).isEqualTo("2026-03-29");
        assertThat(request.getReadingsList()).hasSize(46);
        assertThat(request.getReadingsList())
                .extracting(r -> r.getPeriod())
                .startsWith(1, 2, 3, 4)
                .endsWith(46);
        assertThat(request.getReadingsList())
                .extracting(r -> r.getKwh())
                .startsWith("0.007", "1.250", "10000.000", "0.099", "0.000");
        assertThat(request.getReadings(1).getQuality()).isEqualTo(Quality.QUALITY_ESTIMATED);
        assertThat(request.getReadings(0).getQuality()).isEqualTo(Quality.QUALITY_ACTUAL);
    }
}
