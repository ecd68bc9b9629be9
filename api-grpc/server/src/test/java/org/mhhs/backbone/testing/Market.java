package org.mhhs.backbone.testing;

import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.newCommand;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.grpc.v1.GetParticipantRequest;
import org.mhhs.backbone.grpc.v1.GrantRoleRequest;
import org.mhhs.backbone.grpc.v1.GspGroup;
import org.mhhs.backbone.grpc.v1.IsdServiceGrpc;
import org.mhhs.backbone.grpc.v1.ListGspGroupsRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.ProjectionServiceGrpc;
import org.mhhs.backbone.grpc.v1.RegisterGspGroupRequest;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.RegistrationServiceGrpc;
import org.mhhs.backbone.grpc.v1.SettlementServiceGrpc;
import org.mhhs.backbone.kernel.Mpan;

/** Builds market participants through the API, as the operator would, for tests that need a populated market. */
public final class Market {

    private final HubClient hub;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public Market(HubClient hub) {
        this.hub = hub;
    }

    /** A new participant holding the roles since long ago (MarketDays), visible in ISD once this returns. */
    public String participant(char letter, MarketRole... roles) {
        return register(hub.operatorIsd(), MarketIds.mpid(letter), roles);
    }

    /**
     * Registers a participant through the operator's ISD service, grants it the roles since long before any day a
     * test uses ({@link MarketDays#longAgo()}) and waits until ISD shows them: the one way every test market makes a
     * participant.
     */
    public static String register(IsdServiceGrpc.IsdServiceBlockingStub operator, String id, MarketRole... roles) {
        return register(
                operator,
                id,
                Arrays.stream(roles)
                        .map(role -> grant(id, role, MarketDays.longAgo(), null))
                        .toList());
    }

    /** Like {@link #register(IsdServiceGrpc.IsdServiceBlockingStub, String, MarketRole...)}, holding one role from
     * {@code from} to {@code to} (open-ended when null). */
    public static String register(
            IsdServiceGrpc.IsdServiceBlockingStub operator,
            String id,
            MarketRole role,
            LocalDate from,
            @Nullable LocalDate to) {
        return register(operator, id, List.of(grant(id, role, from, to)));
    }

    private static String register(
            IsdServiceGrpc.IsdServiceBlockingStub operator, String id, List<GrantRoleRequest> grants) {
        operator.registerParticipant(RegisterParticipantRequest.newBuilder()
                .setHeader(newCommand())
                .setParticipantId(id)
                .setName("Participant " + id)
                .build());
        grants.forEach(operator::grantRole);
        await().ignoreExceptions()
                .until(() -> operator.getParticipant(GetParticipantRequest.newBuilder()
                                        .setParticipantId(id)
                                        .build())
                                .getRolesCount()
                        == grants.size());
        return id;
    }

    private static GrantRoleRequest grant(String id, MarketRole role, LocalDate from, @Nullable LocalDate to) {
        return GrantRoleRequest.newBuilder()
                .setHeader(newCommand())
                .setParticipantId(id)
                .setRole(role)
                .setEffectiveFrom(from.toString())
                .setEffectiveTo(to == null ? "" : to.toString())
                .build();
    }

    public String token(String participant) {
        return tokens.computeIfAbsent(participant, hub::tokenFor);
    }

    public RegistrationServiceGrpc.RegistrationServiceBlockingStub registration(String participant) {
        return hub.as(RegistrationServiceGrpc.newBlockingStub(hub.channel()), token(participant));
    }

    public MeteringServiceGrpc.MeteringServiceBlockingStub metering(String participant) {
        return hub.as(MeteringServiceGrpc.newBlockingStub(hub.channel()), token(participant));
    }

    public MeteringServiceGrpc.MeteringServiceStub meteringStreams(String participant) {
        return MeteringServiceGrpc.newStub(hub.channel()).withCallCredentials(HubClient.bearer(token(participant)));
    }

    public SettlementServiceGrpc.SettlementServiceBlockingStub settlement(String participant) {
        return hub.as(SettlementServiceGrpc.newBlockingStub(hub.channel()), token(participant));
    }

    public ProjectionServiceGrpc.ProjectionServiceBlockingStub projections(String participant) {
        return hub.as(ProjectionServiceGrpc.newBlockingStub(hub.channel()), token(participant));
    }

    /** A GSP group with a DNO in ISD; registered (with a new DNO) by the first test that needs it. */
    public GspGroup gspGroup(String gspGroupId) {
        boolean registered =
                hub.operatorIsd().listGspGroups(ListGspGroupsRequest.getDefaultInstance()).getGspGroupsList().stream()
                        .anyMatch(g -> g.getGspGroupId().equals(gspGroupId));
        if (!registered) {
            String dno = participant('D', MarketRole.MARKET_ROLE_DNO);
            try {
                hub.operatorIsd()
                        .registerGspGroup(RegisterGspGroupRequest.newBuilder()
                                .setHeader(newCommand())
                                .setGspGroupId(gspGroupId)
                                .setName("Group " + gspGroupId)
                                .setDnoId(dno)
                                .build());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        await().until(() ->
                hub.operatorIsd().listGspGroups(ListGspGroupsRequest.getDefaultInstance()).getGspGroupsList().stream()
                        .anyMatch(g -> g.getGspGroupId().equals(gspGroupId)));
        return hub.operatorIsd().listGspGroups(ListGspGroupsRequest.getDefaultInstance()).getGspGroupsList().stream()
                .filter(g -> g.getGspGroupId().equals(gspGroupId))
                .findFirst()
                .orElseThrow();
    }

    /** A valid MPAN core no other test uses. */
    public static String newMpan() {
        String prefix = String.format(
                "%02d%010d",
                ThreadLocalRandom.current().nextInt(10, 30),
                ThreadLocalRandom.current().nextLong(10_000_000_000L));
        return prefix + Mpan.checkDigitOf(prefix);
    }
}
