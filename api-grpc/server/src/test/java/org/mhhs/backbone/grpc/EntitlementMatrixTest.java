package org.mhhs.backbone.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.BindableService;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ServerCalls;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.RawCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Walks every RPC the hub serves (found at run time, so a new one is covered without an edit) with a participant of
 * every role and one with none, each sending the empty request, and holds the access layer's answers against
 * {@link Entitlements}.
 */
@HubIntegrationTest
class EntitlementMatrixTest {

    private static final Logger log = LoggerFactory.getLogger(EntitlementMatrixTest.class);
    private static final Set<String> ACCESS_REFUSALS = Set.of("RoleRequired", "NoEntitlement");
    private static final List<byte[]> EMPTY_REQUEST = List.of(new byte[0]);

    @Autowired
    HubClient hub;

    @Autowired
    List<BindableService> services;

    @Autowired
    AccessInterceptor accessInterceptor;

    @Autowired
    JdbcClient jdbc;

    private List<MethodDescriptor<?, ?>> served;

    @BeforeEach
    void findServedRpcs() {
        served = services.stream()
                .map(BindableService::bindService)
                .map(ServerServiceDefinition::getServiceDescriptor)
                .flatMap(service -> service.getMethods().stream())
                .sorted(java.util.Comparator.comparing(MethodDescriptor::getFullMethodName))
                .collect(Collectors.toList());
    }

    @Test
    void everyRoleReachesExactlyTheRpcsItsEntitlementRowsName() {
        Market market = new Market(hub);
        Map<String, Set<MarketRole>> callers = new LinkedHashMap<>();
        Map<String, CallCredentials> credentials = new LinkedHashMap<>();
        for (MarketRole role : MarketRole.values()) {
            String id = market.participant('E', org.mhhs.backbone.grpc.v1.MarketRole.valueOf("MARKET_ROLE_" + role));
            callers.put(role.name(), EnumSet.of(role));
            credentials.put(role.name(), HubClient.bearer(market.token(id)));
        }
        String roleless = market.participant('E');
        callers.put("no role", EnumSet.noneOf(MarketRole.class));
        credentials.put("no role", HubClient.bearer(market.token(roleless)));
        long eventsBefore = hub.storedEvents();
        long commandsBefore = processedCommands();

        List<String> wrong = new ArrayList<>();
        Map<String, Map<String, Boolean>> matrix = new LinkedHashMap<>();
        for (MethodDescriptor<?, ?> method : protectedRpcs()) {
            Entitlements.Entitlement row = Entitlements.of(method.getFullMethodName())
                    .orElseThrow(() ->
                            new AssertionError(method.getFullMethodName() + " is served without an entitlement row"));
            Map<String, Boolean> allowedTo =
                    matrix.computeIfAbsent(method.getFullMethodName(), m -> new LinkedHashMap<>());
            callers.forEach((caller, roles) -> {
                boolean allowed = row.anyAuthenticated() || row.roles().stream().anyMatch(roles::contains);
                RawCall.Outcome outcome = RawCall.call(hub.channel(), method, credentials.get(caller), EMPTY_REQUEST);
                allowedTo.put(caller, allowed);
                boolean refusedByAccess = outcome.code() == Status.Code.UNAUTHENTICATED
                        || outcome.code() == Status.Code.PERMISSION_DENIED
                                && ACCESS_REFUSALS.contains(outcome.reason());
                boolean asExpected = allowed
                        ? !refusedByAccess
                                && outcome.code() != Status.Code.INTERNAL
                                && outcome.code() != Status.Code.UNKNOWN
                        : outcome.code() == Status.Code.PERMISSION_DENIED
                                && outcome.reason().equals("RoleRequired");
                if (!asExpected) {
                    wrong.add(method.getFullMethodName() + " as " + caller + ": expected "
                            + (allowed ? "allowed" : "RoleRequired") + ", got " + outcome);
                }
            });
        }
        log.info(
                "Entitlement matrix of {} RPCs x {} callers (allowed / -):\n{}",
                matrix.size(),
                callers.size(),
                render(matrix, callers.keySet()));

        assertThat(wrong).isEmpty();
        assertThat(matrix).hasSizeGreaterThanOrEqualTo(Entitlements.table().size());
        assertThat(hub.storedEvents()).as("events stored by empty requests").isEqualTo(eventsBefore);
        assertThat(processedCommands())
                .as("command ids recorded for empty requests")
                .isEqualTo(commandsBefore);
    }

    @Test
    void withoutCredentialsOnlyHealthAndReflectionAnswer() {
        List<String> wrong = new ArrayList<>();
        for (MethodDescriptor<?, ?> method : served) {
            RawCall.Outcome outcome = RawCall.call(hub.channel(), method, null, EMPTY_REQUEST);
            boolean open = AccessInterceptor.OPEN_SERVICES.contains(method.getServiceName());
            boolean asExpected = open
                    ? outcome.code() != Status.Code.UNAUTHENTICATED && outcome.code() != Status.Code.PERMISSION_DENIED
                    : outcome.code() == Status.Code.UNAUTHENTICATED
                            && outcome.reason().equals("Unauthenticated");
            if (!asExpected) {
                wrong.add(method.getFullMethodName() + ": " + outcome);
            }
        }
        assertThat(protectedRpcs()).isNotEmpty();
        assertThat(served).hasSizeGreaterThan(protectedRpcs().size());
        assertThat(wrong).isEmpty();
    }

    @Test
    void anRpcWithoutARowIsRefusedToEveryoneBeforeItRuns() throws Exception {
        MethodDescriptor<byte[], byte[]> unlisted = MethodDescriptor.newBuilder(RawCall.BYTES, RawCall.BYTES)
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("mhhs.backbone.v1.Unlisted", "Anything"))
                .build();
        AtomicInteger ran = new AtomicInteger();
        ServerServiceDefinition service = ServerServiceDefinition.builder("mhhs.backbone.v1.Unlisted")
                .addMethod(unlisted, ServerCalls.asyncUnaryCall((request, response) -> {
                    ran.incrementAndGet();
                    response.onNext(request);
                    response.onCompleted();
                }))
                .build();
        String name = InProcessServerBuilder.generateName();
        var server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(ServerInterceptors.intercept(service, accessInterceptor))
                .build()
                .start();
        ManagedChannel channel =
                InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            RawCall.Outcome outcome =
                    RawCall.call(channel, unlisted, HubClient.bearer(hub.operatorToken()), EMPTY_REQUEST);

            assertThat(outcome.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(outcome.reason()).isEqualTo("NoEntitlement");
            assertThat(ran).hasValue(0);
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    private List<MethodDescriptor<?, ?>> protectedRpcs() {
        return served.stream()
                .filter(m -> !AccessInterceptor.OPEN_SERVICES.contains(m.getServiceName()))
                .toList();
    }

    private long processedCommands() {
        return jdbc.sql("SELECT count(*) FROM access.processed_command")
                .query(Long.class)
                .single();
    }

    private static String render(Map<String, Map<String, Boolean>> matrix, Set<String> callers) {
        int rpcWidth = matrix.keySet().stream().mapToInt(String::length).max().orElse(3);
        StringBuilder table = new StringBuilder(String.format("%-" + rpcWidth + "s", "RPC"));
        callers.forEach(caller -> table.append(" | ").append(String.format("%-7s", caller)));
        table.append('\n');
        matrix.forEach((rpc, allowed) -> {
            table.append(String.format("%-" + rpcWidth + "s", rpc));
            callers.forEach(caller -> table.append(" | ")
                    .append(String.format(
                            "%-" + Math.max(7, caller.length()) + "s", allowed.get(caller) ? "allowed" : "-")));
            table.append('\n');
        });
        return table.toString();
    }
}
