package org.mhhs.backbone.isd;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.mhhs.backbone.isd.api.GrantRole;
import org.mhhs.backbone.isd.api.ParticipantRegistered;
import org.mhhs.backbone.isd.api.RegisterParticipant;
import org.mhhs.backbone.isd.api.RevokeRole;
import org.mhhs.backbone.isd.api.RoleGranted;
import org.mhhs.backbone.isd.api.RoleRevoked;
import org.mhhs.backbone.kernel.EffectivePeriod;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;

/** A market participant (MPID) and the periods in which it holds each role. */
@Aggregate
class Participant {

    @AggregateIdentifier
    private ParticipantId participantId;

    private final List<HeldRole> roles = new ArrayList<>();

    private Participant() {}

    @CommandHandler
    Participant(RegisterParticipant command) {
        ParticipantName.check(command.name());
        apply(new ParticipantRegistered(command.participantId(), command.name().strip()));
    }

    @CommandHandler
    void handle(GrantRole command) {
        RolePeriodsMustNotOverlap.check(participantId, command.role(), command.period(), periodsOf(command.role()));
        apply(new RoleGranted(participantId, command.role(), command.period()));
    }

    @CommandHandler
    void handle(RevokeRole command) {
        EffectivePeriod period = RoleMustBeHeldOnLastDay.check(
                participantId, command.role(), command.lastDay(), periodsOf(command.role()));
        if (period.toDate().filter(command.lastDay()::equals).isPresent()) {
            return;
        }
        apply(new RoleRevoked(participantId, command.role(), period, command.lastDay()));
    }

    @EventSourcingHandler
    void on(ParticipantRegistered event) {
        participantId = event.participantId();
    }

    @EventSourcingHandler
    void on(RoleGranted event) {
        roles.add(new HeldRole(event.role(), event.period()));
    }

    @EventSourcingHandler
    void on(RoleRevoked event) {
        roles.replaceAll(held -> held.role() == event.role() && held.period().equals(event.period())
                ? new HeldRole(held.role(), held.period().endingOn(event.lastDay()))
                : held);
    }

    private List<EffectivePeriod> periodsOf(MarketRole role) {
        return roles.stream()
                .filter(held -> held.role() == role)
                .map(HeldRole::period)
                .toList();
    }

    private record HeldRole(MarketRole role, EffectivePeriod period) {}
}
