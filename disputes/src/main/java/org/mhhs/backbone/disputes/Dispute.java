package org.mhhs.backbone.disputes;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.mhhs.backbone.disputes.api.DisputeRaised;
import org.mhhs.backbone.disputes.api.DisputeResolved;
import org.mhhs.backbone.disputes.api.RaiseDispute;
import org.mhhs.backbone.disputes.api.ResolveDispute;
import org.mhhs.backbone.kernel.ParticipantId;

/** A supplier's dispute of a settlement day, open until the operator resolves it. */
@Aggregate
class Dispute {

    @AggregateIdentifier
    private UUID disputeId;

    private LocalDate settlementDate;
    private ParticipantId supplier;
    private boolean resolved;

    private Dispute() {}

    /** Answers the dispute's id, which a resent command answers again. */
    @CommandHandler
    Dispute(RaiseDispute command, Clock clock) {
        DisputedDayMustHaveEnded.check(command.settlementDate(), clock);
        apply(new DisputeRaised(
                command.disputeId(),
                command.settlementDate(),
                command.supplier(),
                command.reason().strip()));
    }

    @CommandHandler
    void handle(ResolveDispute command) {
        DisputeIsResolvedOnce.check(disputeId, resolved);
        apply(new DisputeResolved(
                disputeId, settlementDate, supplier, command.resolution().strip(), command.resolvedBy()));
    }

    @EventSourcingHandler
    void on(DisputeRaised event) {
        disputeId = event.disputeId();
        settlementDate = event.settlementDate();
        supplier = event.supplier();
    }

    @EventSourcingHandler
    void on(DisputeResolved event) {
        resolved = true;
    }
}
