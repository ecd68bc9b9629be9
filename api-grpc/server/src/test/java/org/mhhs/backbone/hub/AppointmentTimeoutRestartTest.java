package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;

import com.google.protobuf.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Month;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.grpc.v1.AppointmentState;
import org.mhhs.backbone.grpc.v1.GetAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetSettlementCalendarRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RegistrationServiceGrpc;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.backbone.grpc.v1.SetAppointmentResponseTimeoutRequest;
import org.mhhs.backbone.testing.ChannelMarket;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.RunningHub;

/**
 * An appointment request that nobody answers times out after the ISD time-out, even when the hub is stopped in
 * between: the deadline is stored in PostgreSQL, not in the memory of the process that scheduled it.
 */
class AppointmentTimeoutRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void anUnansweredAppointmentRequestTimesOutAfterARestart() {
        String appointmentId;
        String supplierToken;
        Instant respondBy;
        String mpan = Market.newMpan();
        try (RunningHub hub = RunningHub.start(dataDir)) {
            ChannelMarket market = new ChannelMarket(hub.channel(), hub.operatorToken());
            market.participant("DNO1", MarketRole.MARKET_ROLE_DNO);
            String registrationToken = market.participant("REG1", MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
            supplierToken = market.participant("SUP1", MarketRole.MARKET_ROLE_SUPPLIER);
            market.participant("DAT1", MarketRole.MARKET_ROLE_DATA_SERVICE);
            market.gspGroup("_B", "DNO1");
            market.isd()
                    .setAppointmentResponseTimeout(SetAppointmentResponseTimeoutRequest.newBuilder()
                            .setHeader(newCommand())
                            .setTimeout(Duration.newBuilder().setSeconds(60))
                            .build());
            await().ignoreExceptions()
                    .until(() -> market.isd()
                                    .getSettlementCalendar(GetSettlementCalendarRequest.getDefaultInstance())
                                    .getAppointmentResponseTimeout()
                                    .getSeconds()
                            == 60);
            market.meteringPoint(mpan, "_B", registrationToken);
            market.supplier(mpan, supplierToken);
            var supplier = market.registration(supplierToken);
            appointmentId = supplier.requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                            .setHeader(newCommand())
                            .setMpan(mpan)
                            .setRole(ServiceRole.SERVICE_ROLE_DATA_SERVICE)
                            .setServiceId("DAT1")
                            .setEffectiveFrom(
                                    MarketDays.lastYear(Month.FEBRUARY, 1).toString())
                            .build())
                    .getAppointmentId();
            var requested = await().ignoreExceptions()
                    .until(
                            () -> supplier.getAppointment(GetAppointmentRequest.newBuilder()
                                    .setAppointmentId(appointmentId)
                                    .build()),
                            a -> a != null);
            assertThat(requested.getState()).isEqualTo(AppointmentState.APPOINTMENT_STATE_REQUESTED);
            respondBy = Instant.parse(requested.getRespondBy());
        }

        try (RunningHub hub = RunningHub.start(dataDir)) {
            var supplier = hub.as(RegistrationServiceGrpc.newBlockingStub(hub.channel()), supplierToken);

            var timedOut = await().atMost(java.time.Duration.ofSeconds(120))
                    .ignoreExceptions()
                    .until(
                            () -> supplier.getAppointment(GetAppointmentRequest.newBuilder()
                                    .setAppointmentId(appointmentId)
                                    .build()),
                            a -> a.getState() == AppointmentState.APPOINTMENT_STATE_TIMED_OUT);

            assertThat(timedOut.getRespondBy()).isEqualTo(respondBy.toString());
            assertThat(MarketDays.now()).isAfterOrEqualTo(respondBy);
        }
    }
}
