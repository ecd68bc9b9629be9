package org.mhhs.backbone.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;

import com.google.protobuf.Duration;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.AppointmentState;
import org.mhhs.backbone.grpc.v1.EnergisationStatus;
import org.mhhs.backbone.grpc.v1.GetAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetParticipantRequest;
import org.mhhs.backbone.grpc.v1.GetSettlementCalendarRequest;
import org.mhhs.backbone.grpc.v1.GrantRoleRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.mhhs.backbone.grpc.v1.ListGspGroupsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MarketSegment;
import org.mhhs.backbone.grpc.v1.RegisterGspGroupRequest;
import org.mhhs.backbone.grpc.v1.RegisterMeteringPointRequest;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.RegisterSupplierRequest;
import org.mhhs.backbone.grpc.v1.RegistrationServiceGrpc;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.ServiceRole;
import org.mhhs.backbone.grpc.v1.SetAppointmentResponseTimeoutRequest;
import org.mhhs.backbone.testing.Market;
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
            String operator = hub.operatorToken();
            var isd = hub.as(IsdServiceGrpc.newBlockingStub(hub.channel()), operator);
            var access = hub.as(AccessServiceGrpc.newBlockingStub(hub.channel()), operator);
            participant(isd, "DNO1", MarketRole.MARKET_ROLE_DNO);
            participant(isd, "REG1", MarketRole.MARKET_ROLE_REGISTRATION_SERVICE);
            participant(isd, "SUP1", MarketRole.MARKET_ROLE_SUPPLIER);
            participant(isd, "DAT1", MarketRole.MARKET_ROLE_DATA_SERVICE);
            isd.registerGspGroup(RegisterGspGroupRequest.newBuilder().setHeader(newCommand()).setGspGroupId("_B")
                    .setName("East Midlands").setDnoId("DNO1").build());
            isd.setAppointmentResponseTimeout(SetAppointmentResponseTimeoutRequest.newBuilder().setHeader(newCommand())
                    .setTimeout(Duration.newBuilder().setSeconds(60)).build());
            await().ignoreExceptions().until(() -> isd.listGspGroups(ListGspGroupsRequest.getDefaultInstance()).getGspGroupsCount() == 1
                    && isd.getSettlementCalendar(GetSettlementCalendarRequest.getDefaultInstance())
                    .getAppointmentResponseTimeout().getSeconds() == 60);
            String registrationToken = access.issueToken(IssueTokenRequest.newBuilder().setParticipantId("REG1").build())
                    .getToken();
            supplierToken = access.issueToken(IssueTokenRequest.newBuilder().setParticipantId("SUP1").build()).getToken();
            var registrationService = hub.as(RegistrationServiceGrpc.newBlockingStub(hub.channel()), registrationToken);
            var supplier = hub.as(RegistrationServiceGrpc.newBlockingStub(hub.channel()), supplierToken);
            registrationService.registerMeteringPoint(RegisterMeteringPointRequest.newBuilder().setHeader(newCommand())
                    .setMpan(mpan).setGspGroupId("_B").setSegment(MarketSegment.MARKET_SEGMENT_SMART)
                    .setEnergisation(EnergisationStatus.ENERGISATION_STATUS_ENERGISED).setEffectiveFrom("2026-01-01")
                    .build());
            supplier.registerSupplier(RegisterSupplierRequest.newBuilder().setHeader(newCommand()).setMpan(mpan)
                    .setEffectiveFrom("2026-01-01").build());
            appointmentId = supplier.requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                    .setHeader(newCommand()).setMpan(mpan).setRole(ServiceRole.SERVICE_ROLE_DATA_SERVICE)
                    .setServiceId("DAT1").setEffectiveFrom("2026-02-01").build()).getAppointmentId();
            var requested = await().ignoreExceptions().until(() -> supplier.getAppointment(GetAppointmentRequest
                    .newBuilder().setAppointmentId(appointmentId).build()), a -> a != null);
            assertThat(requested.getState()).isEqualTo(AppointmentState.APPOINTMENT_STATE_REQUESTED);
            respondBy = Instant.parse(requested.getRespondBy());
        }

        try (RunningHub hub = RunningHub.start(dataDir)) {
            var supplier = hub.as(RegistrationServiceGrpc.newBlockingStub(hub.channel()), supplierToken);

            var timedOut = await().atMost(java.time.Duration.ofSeconds(120)).ignoreExceptions().until(() -> supplier
                    .getAppointment(GetAppointmentRequest.newBuilder().setAppointmentId(appointmentId).build()),
                    a -> a.getState() == AppointmentState.APPOINTMENT_STATE_TIMED_OUT);

            assertThat(timedOut.getRespondBy()).isEqualTo(respondBy.toString());
            assertThat(Instant.now()).isAfterOrEqualTo(respondBy);
        }
    }

    private static void participant(IsdServiceGrpc.IsdServiceBlockingStub isd, String id, MarketRole role) {
        isd.registerParticipant(RegisterParticipantRequest.newBuilder().setHeader(newCommand()).setParticipantId(id)
                .setName("Participant " + id).build());
        isd.grantRole(GrantRoleRequest.newBuilder().setHeader(newCommand()).setParticipantId(id).setRole(role)
                .setEffectiveFrom("2020-01-01").build());
        await().ignoreExceptions().until(() -> isd.getParticipant(GetParticipantRequest.newBuilder()
                .setParticipantId(id).build()).getRolesCount() == 1);
    }
}
