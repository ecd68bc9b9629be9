package org.mhhs.backbone.testing;

import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;

import io.grpc.ManagedChannel;
import org.mhhs.backbone.grpc.v1.AccessServiceGrpc;
import org.mhhs.backbone.grpc.v1.AnswerServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.GetResponsibilityRequest;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.mhhs.backbone.grpc.v1.ListGspGroupsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.RegisterGspGroupRequest;
import org.mhhs.backbone.grpc.v1.RegistrationServiceGrpc;
import org.mhhs.backbone.grpc.v1.RequestServiceAppointmentRequest;
import org.mhhs.backbone.grpc.v1.ServiceRole;

/**
 * Builds a small market through the API of a hub reached over a plain channel (a hub in another process, or one a
 * test stops and starts), as the operator and the participants would.
 */
public final class ChannelMarket {

    private final ManagedChannel channel;
    private final String operatorToken;

    public ChannelMarket(ManagedChannel channel, String operatorToken) {
        this.channel = channel;
        this.operatorToken = operatorToken;
    }

    public IsdServiceGrpc.IsdServiceBlockingStub isd() {
        return IsdServiceGrpc.newBlockingStub(channel).withCallCredentials(HubClient.bearer(operatorToken));
    }

    public RegistrationServiceGrpc.RegistrationServiceBlockingStub registration(String token) {
        return RegistrationServiceGrpc.newBlockingStub(channel).withCallCredentials(HubClient.bearer(token));
    }

    public MeteringServiceGrpc.MeteringServiceStub meteringStub(String token) {
        return MeteringServiceGrpc.newStub(channel).withCallCredentials(HubClient.bearer(token));
    }

    /** Registers the participant with the role since long ago and answers a bearer token for it. */
    public String participant(String id, MarketRole role) {
        Market.register(isd(), id, role);
        return AccessServiceGrpc.newBlockingStub(channel)
                .withCallCredentials(HubClient.bearer(operatorToken))
                .issueToken(IssueTokenRequest.newBuilder().setParticipantId(id).build())
                .getToken();
    }

    public void gspGroup(String gspGroupId, String dno) {
        isd().registerGspGroup(RegisterGspGroupRequest.newBuilder()
                .setHeader(newCommand())
                .setGspGroupId(gspGroupId)
                .setName("Group " + gspGroupId)
                .setDnoId(dno)
                .build());
        await().ignoreExceptions()
                .until(() -> isd().listGspGroups(ListGspGroupsRequest.getDefaultInstance()).getGspGroupsList().stream()
                        .anyMatch(g -> g.getGspGroupId().equals(gspGroupId)));
    }

    public void meteringPoint(String mpan, String gspGroupId, String registrationServiceToken) {
        registration(registrationServiceToken)
                .registerMeteringPoint(Registrations.meteringPoint(
                        mpan, gspGroupId, MarketDays.meteringFrom().toString()));
    }

    public void supplier(String mpan, String supplierToken) {
        registration(supplierToken)
                .registerSupplier(
                        Registrations.supplier(mpan, MarketDays.meteringFrom().toString()));
    }

    /**
     * The supplier appoints the data service from {@link MarketDays#meteringFrom()}, the service accepts; waits until
     * it is in force.
     */
    public void dataService(String mpan, String supplierToken, String dataServiceId, String dataServiceToken) {
        String appointment = await().ignoreExceptions()
                .until(
                        () -> registration(supplierToken)
                                .requestServiceAppointment(RequestServiceAppointmentRequest.newBuilder()
                                        .setHeader(newCommand())
                                        .setMpan(mpan)
                                        .setRole(ServiceRole.SERVICE_ROLE_DATA_SERVICE)
                                        .setServiceId(dataServiceId)
                                        .setEffectiveFrom(
                                                MarketDays.meteringFrom().toString())
                                        .build())
                                .getAppointmentId(),
                        id -> !id.isEmpty());
        registration(dataServiceToken)
                .acceptServiceAppointment(AnswerServiceAppointmentRequest.newBuilder()
                        .setHeader(newCommand())
                        .setMpan(mpan)
                        .setAppointmentId(appointment)
                        .build());
        await().ignoreExceptions()
                .until(() -> registration(supplierToken)
                        .getResponsibility(GetResponsibilityRequest.newBuilder()
                                .setMpan(mpan)
                                .setDate(MarketDays.meteringFrom().toString())
                                .build())
                        .getDataServiceId()
                        .equals(dataServiceId));
    }
}
