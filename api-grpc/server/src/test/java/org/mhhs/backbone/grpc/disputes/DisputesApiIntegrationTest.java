package org.mhhs.backbone.grpc.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mhhs.backbone.testing.HubClient.code;
import static org.mhhs.backbone.testing.HubClient.newCommand;
import static org.mhhs.backbone.testing.HubClient.reason;
import static org.mhhs.backbone.testing.HubClient.refused;
import static org.mhhs.backbone.testing.HubClient.violatedFields;

import io.grpc.Status;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.Dispute;
import org.mhhs.backbone.grpc.v1.DisputeServiceGrpc;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.grpc.v1.GetDisputeRequest;
import org.mhhs.backbone.grpc.v1.MarketRole;
import org.mhhs.backbone.grpc.v1.RaiseDisputeRequest;
import org.mhhs.backbone.grpc.v1.RaiseDisputeResponse;
import org.mhhs.backbone.grpc.v1.ResolveDisputeRequest;
import org.mhhs.backbone.grpc.v1.StartFrom;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.mhhs.backbone.testing.Market;
import org.mhhs.backbone.testing.MarketDays;
import org.mhhs.backbone.testing.TestSubscriber;
import org.springframework.beans.factory.annotation.Autowired;

/** Disputes through the gRPC API on PostgreSQL: raised by a supplier, resolved by the operator, read, delivered. */
@HubIntegrationTest
class DisputesApiIntegrationTest {

    private static final String OPERATOR = "OPER";

    @Autowired
    HubClient hub;

    Market market;
    String supplier;
    String otherSupplier;
    String yesterday;

    @BeforeEach
    void twoSuppliers() {
        market = new Market(hub);
        supplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        otherSupplier = market.participant('S', MarketRole.MARKET_ROLE_SUPPLIER);
        yesterday = MarketDays.daysAgo(1).toString();
    }

    @Test
    void aSupplierDisputesADayTheOperatorResolvesItAndTheSupplierReadsTheResolution() {
        String id = raise(supplier, yesterday, "volumes too high").getDisputeId();

        Dispute open = await().ignoreExceptions().until(() -> get(supplier, id), dispute -> true);
        assertThat(open.getSupplierId()).isEqualTo(supplier);
        assertThat(open.getSettlementDate()).isEqualTo(yesterday);
        assertThat(open.getReason()).isEqualTo("volumes too high");
        assertThat(open.getResolution()).isEmpty();

        resolve(id, "corrected in R1");

        Dispute resolved = await().until(
                        () -> get(supplier, id),
                        dispute -> !dispute.getResolution().isEmpty());
        assertThat(resolved.getResolution()).isEqualTo("corrected in R1");
        assertThat(resolved.getResolvedBy()).isEqualTo(OPERATOR);
    }

    @Test
    void anotherSupplierLearnsNothingNotEvenThatTheDisputeExists() {
        String id = raise(supplier, yesterday, "volumes too high").getDisputeId();
        await().ignoreExceptions().until(() -> get(supplier, id), dispute -> true);

        var foreign = refused(() -> get(otherSupplier, id));
        var unknown = refused(() -> get(otherSupplier, UUID.randomUUID().toString()));

        assertThat(code(foreign)).isEqualTo(code(unknown)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(foreign)).isEqualTo(reason(unknown)).isEqualTo("DisputeMustExist");
        assertThat(foreign.getStatus().getDescription()).doesNotContain(supplier);
    }

    @Test
    void aResentRaiseAnswersTheSameDisputeAndStoresNothing() {
        RaiseDisputeRequest request = RaiseDisputeRequest.newBuilder()
                .setHeader(newCommand())
                .setSettlementDate(yesterday)
                .setReason("volumes too high")
                .build();
        var first = disputes(supplier).raiseDispute(request);
        long stored = hub.storedEvents();

        var again = disputes(supplier).raiseDispute(request);

        assertThat(again.getDuplicate()).isTrue();
        assertThat(again.getDisputeId()).isEqualTo(first.getDisputeId());
        assertThat(hub.storedEvents()).isEqualTo(stored);
    }

    @Test
    void badRequestsAreRefusedWithTheBrokenRuleAndStoreNothing() {
        String dno = market.participant('D', MarketRole.MARKET_ROLE_DNO);
        long stored = hub.storedEvents();
        String tomorrow = LocalDate.parse(yesterday).plusDays(2).toString();

        var notEnded = refused(() -> raise(supplier, tomorrow, "too early"));
        assertThat(code(notEnded)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(reason(notEnded)).isEqualTo("DisputedDayMustHaveEnded");

        var noReason = refused(() -> raise(supplier, yesterday, " "));
        assertThat(code(noReason)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(noReason)).containsExactly("reason");

        var notASupplier = refused(() -> raise(dno, yesterday, "x"));
        assertThat(code(notASupplier)).isEqualTo(Status.Code.PERMISSION_DENIED);

        assertThat(hub.storedEvents()).isEqualTo(stored);
    }

    @Test
    void resolvingADisputeThatDoesNotExistOrIsNoIdIsRefusedAndStoresNothing() {
        long stored = hub.storedEvents();

        var unknown = refused(() -> resolve(UUID.randomUUID().toString(), "corrected in R1"));
        var malformed = refused(() -> resolve("dispute-1", " "));

        assertThat(code(unknown)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(reason(unknown)).isEqualTo("NotFound");
        assertThat(code(malformed)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violatedFields(malformed)).containsExactlyInAnyOrder("dispute_id", "resolution");
        assertThat(hub.storedEvents()).isEqualTo(stored);
    }

    @Test
    void aResolutionIsFinal() {
        String id = raise(supplier, yesterday, "volumes too high").getDisputeId();
        resolve(id, "corrected in R1");

        var again = refused(() -> resolve(id, "corrected again"));

        assertThat(code(again)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(reason(again)).isEqualTo("DisputeIsResolvedOnce");
    }

    @Test
    void theRaisingSupplierReceivesItsDisputeAndItsResolutionAndNoOtherSupplierDoes() {
        String id = raise(supplier, yesterday, "volumes too high").getDisputeId();
        resolve(id, "corrected in R1");

        try (TestSubscriber raising = subscribe(supplier);
                TestSubscriber other = subscribe(otherSupplier)) {
            EventEnvelope resolved = raising.awaitEvent(event -> event.hasDisputeResolved()
                    && event.getDisputeResolved().getDisputeId().equals(id));
            assertThat(resolved.getDisputeResolved().getResolution()).isEqualTo("corrected in R1");
            assertThat(raising.events())
                    .anySatisfy(event ->
                            assertThat(event.getDisputeRaised().getDisputeId()).isEqualTo(id));
            // the other supplier's stream has passed the resolution's position once it holds its own registration's
            // broadcast that came later
            String marker = market.participant('M');
            other.awaitEvent(event -> TestSubscriber.registered(event, marker));
            assertThat(other.events()).noneMatch(event -> event.hasDisputeRaised() || event.hasDisputeResolved());
        }
    }

    private TestSubscriber subscribe(String participant) {
        TestSubscriber subscriber = TestSubscriber.open(
                hub.channel(),
                market.token(participant),
                TestSubscriber.from("disputes", StartFrom.START_FROM_BEGINNING).build());
        subscriber.opened();
        return subscriber;
    }

    private RaiseDisputeResponse raise(String who, String day, String why) {
        return disputes(who)
                .raiseDispute(RaiseDisputeRequest.newBuilder()
                        .setHeader(newCommand())
                        .setSettlementDate(day)
                        .setReason(why)
                        .build());
    }

    private void resolve(String id, String resolution) {
        disputes(OPERATOR)
                .resolveDispute(ResolveDisputeRequest.newBuilder()
                        .setHeader(newCommand())
                        .setDisputeId(id)
                        .setResolution(resolution)
                        .build());
    }

    private Dispute get(String who, String id) {
        return disputes(who)
                .getDispute(GetDisputeRequest.newBuilder().setDisputeId(id).build());
    }

    private DisputeServiceGrpc.DisputeServiceBlockingStub disputes(String participant) {
        String token = participant.equals(OPERATOR) ? hub.operatorToken() : market.token(participant);
        return hub.as(DisputeServiceGrpc.newBlockingStub(hub.channel()), token);
    }
}
