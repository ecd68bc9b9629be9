package org.mhhs.backbone.testing;

import static org.mhhs.backbone.testing.HubClient.newCommand;

import org.mhhs.backbone.grpc.v1.PeriodReading;
import org.mhhs.backbone.grpc.v1.Quality;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;

/** Consumption submissions as a data service sends them, each with a new command id. */
public final class Submissions {

    private Submissions() {}

    /** A day of {@code periods} equal readings, every tenth one estimated. */
    public static SubmitConsumptionRequest submission(String mpan, String day, int periods, String kwh) {
        return day(mpan, day, periods, kwh, 10);
    }

    /** A day of 48 equal actual readings. */
    public static SubmitConsumptionRequest actualDay(String mpan, String day, String kwhEachPeriod) {
        return day(mpan, day, 48, kwhEachPeriod, 0);
    }

    private static SubmitConsumptionRequest day(
            String mpan, String day, int periods, String kwh, int everyNthEstimated) {
        SubmitConsumptionRequest.Builder request = SubmitConsumptionRequest.newBuilder()
                .setHeader(newCommand())
                .setMpan(mpan)
                .setSettlementDate(day);
        for (int period = 1; period <= periods; period++) {
            boolean estimated = everyNthEstimated > 0 && period % everyNthEstimated == 0;
            request.addReadings(PeriodReading.newBuilder()
                    .setPeriod(period)
                    .setKwh(kwh)
                    .setQuality(estimated ? Quality.QUALITY_ESTIMATED : Quality.QUALITY_ACTUAL));
        }
        return request.build();
    }
}
