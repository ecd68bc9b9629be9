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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * every role and one with none, each sending the empty request, and holds the access layer's answers against the
 * hand-reviewed matrix in {@value ExpectedEntitlements#PATH}, not against {@link Entitlements}: {@link Entitlements}
 * is held against the same file, so a row that grants too much fails here until the file is changed to say so.
 */
@HubIntegrationTest
class EntitlementMatrixTest {

    private static final Logger log = LoggerFactory.getLogger(EntitlementMatrixTest.class);
    private static final Set<String> ACCESS_REFUSALS = Set.of("RoleRequired", "NoEntitlement");
    private static final List<byte[]> EMPTY_REQUEST = List.of(new byte[0]);
    private static final ExpectedEntitlements EXPECTED = ExpectedEntitlements.load();

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
    void everyServedRpcHasALineInTheReviewedMatrixAndEveryLineIsServed() {
        List<String> servedNames =
                served.stream().map(MethodDescriptor::getFullMethodName).toList();
        List<String> missing = servedNames.stream()
                .filter(rpc -> !EXPECTED.lists(rpc))
                .map(ExpectedEntitlements::lineToAdd)
                .toList();
        List<String> stale = EXPECTED.rpcs().stream()
                .filter(rpc -> !servedNames.contains(rpc))
                .toList();

        assertThat(missing)
                .as(
                        "served RPCs without a line in %s: review who may call each and add its line there",
                        ExpectedEntitlements.PATH)
                .isEmpty();
        assertThat(stale)
                .as("lines of %s for RPCs the hub does not serve", ExpectedEntitlements.PATH)
                .isEmpty();
    }

    @Test
    void entitlementsGrantEachCallerExactlyWhatTheReviewedMatrixSays() {
        List<String> wrong = new ArrayList<>();
        Set<String> rpcs = new java.util.TreeSet<>(Entitlements.table().keySet());
        EXPECTED.rpcs().stream()
                .filter(rpc -> !EXPECTED.of(rpc).containsValue(ExpectedEntitlements.Answer.OPEN))
                .forEach(rpcs::add);
        for (String rpc : rpcs) {
            Optional<Entitlements.Entitlement> row = Entitlements.of(rpc);
            if (!EXPECTED.lists(rpc)) {
                wrong.add(rpc + ": Entitlements has a row, " + ExpectedEntitlements.PATH + " has no line");
                continue;
            }
            for (String caller : ExpectedEntitlements.callers()) {
                ExpectedEntitlements.Answer expected = EXPECTED.of(rpc).get(caller);
                ExpectedEntitlements.Answer granted =
                        row.map(r -> grants(r, caller)).orElse(false)
                                ? ExpectedEntitlements.Answer.ALLOW
                                : ExpectedEntitlements.Answer.DENY;
                if (expected != granted) {
                    wrong.add(rpc + " for " + caller + ": " + ExpectedEntitlements.PATH + " says " + expected.cell()
                            + ", Entitlements " + (row.isPresent() ? "says " + granted.cell() : "has no row"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyCallerGetsFromTheHubExactlyTheAnswerTheReviewedMatrixGives() {
        Market market = new Market(hub);
        Map<String, CallCredentials> credentials = new LinkedHashMap<>();
        for (MarketRole role : MarketRole.values()) {
            String id = market.participant('E', org.mhhs.backbone.grpc.v1.MarketRole.valueOf("MARKET_ROLE_" + role));
            credentials.put(role.name(), HubClient.bearer(market.token(id)));
        }
        String roleless = market.participant('E');
        credentials.put(ExpectedEntitlements.NO_ROLE, HubClient.bearer(market.token(roleless)));
        assertThat(credentials.keySet()).containsExactlyElementsOf(ExpectedEntitlements.callers());
        long eventsBefore = hub.storedEvents();
        long commandsBefore = processedCommands();

        List<String> wrong = new ArrayList<>();
        Map<String, Map<String, Boolean>> matrix = new LinkedHashMap<>();
        for (MethodDescriptor<?, ?> method : protectedRpcs()) {
            String rpc = method.getFullMethodName();
            if (!EXPECTED.lists(rpc)) {
                wrong.add(rpc + " is served without a line in " + ExpectedEntitlements.PATH + ": add "
                        + ExpectedEntitlements.lineToAdd(rpc) + " and decide each caller's answer");
                continue;
            }
            Map<String, Boolean> allowedTo = matrix.computeIfAbsent(rpc, m -> new LinkedHashMap<>());
            credentials.forEach((caller, credential) -> {
                ExpectedEntitlements.Answer expected = EXPECTED.of(rpc).get(caller);
                RawCall.Outcome outcome = RawCall.call(hub.channel(), method, credential, EMPTY_REQUEST);
                boolean refusedByAccess = outcome.code() == Status.Code.UNAUTHENTICATED
                        || outcome.code() == Status.Code.PERMISSION_DENIED
                                && ACCESS_REFUSALS.contains(outcome.reason());
                allowedTo.put(caller, !refusedByAccess);
                boolean asExpected = switch (expected) {
                    case ALLOW ->
                        !refusedByAccess
                                && outcome.code() != Status.Code.INTERNAL
                                && outcome.code() != Status.Code.UNKNOWN;
                    case DENY ->
                        outcome.code() == Status.Code.PERMISSION_DENIED
                                && outcome.reason().equals("RoleRequired");
                    case OPEN -> false;
                };
                if (!asExpected) {
                    wrong.add(rpc + " as " + caller + ": " + ExpectedEntitlements.PATH + " says " + expected.cell()
                            + ", the hub answered " + (refusedByAccess ? "deny" : "allow") + " (" + outcome + ")");
                }
            });
        }
        log.info(
                "Entitlement matrix of {} RPCs x {} callers (allowed / -):\n{}",
                matrix.size(),
                credentials.size(),
                render(matrix, credentials.keySet()));

        assertThat(wrong).isEmpty();
        assertThat(matrix).hasSameSizeAs(protectedRpcs());
        assertThat(hub.storedEvents()).as("events stored by empty requests").isEqualTo(eventsBefore);
        assertThat(processedCommands())
                .as("command ids recorded for empty requests")
                .isEqualTo(commandsBefore);
    }

    @Test
    void withoutCredentialsOnlyTheRpcsTheReviewedMatrixCallsOpenAnswer() {
        List<String> wrong = new ArrayList<>();
        for (MethodDescriptor<?, ?> method : served) {
            RawCall.Outcome outcome = RawCall.call(hub.channel(), method, null, EMPTY_REQUEST);
            boolean open = isOpen(method);
            boolean asExpected = open
                    ? outcome.code() != Status.Code.UNAUTHENTICATED && outcome.code() != Status.Code.PERMISSION_DENIED
                    : outcome.code() == Status.Code.UNAUTHENTICATED
                            && outcome.reason().equals("Unauthenticated");
            if (!asExpected) {
                wrong.add(method.getFullMethodName() + " without credentials: " + ExpectedEntitlements.PATH
                        + (open ? " says open" : " does not say open") + ", the hub answered " + outcome);
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
        return served.stream().filter(m -> !isOpen(m)).toList();
    }

    /** Open per the reviewed matrix; an RPC without a line there is protected (and fails for its missing line). */
    private static boolean isOpen(MethodDescriptor<?, ?> method) {
        return EXPECTED.of(method.getFullMethodName()).containsValue(ExpectedEntitlements.Answer.OPEN);
    }

    private static boolean grants(Entitlements.Entitlement row, String caller) {
        return row.anyAuthenticated()
                || !caller.equals(ExpectedEntitlements.NO_ROLE) && row.roles().contains(MarketRole.valueOf(caller));
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
