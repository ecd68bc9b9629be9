package org.mhhs.backbone.isd;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.isd.api.ChangeGspGroupDno;
import org.mhhs.backbone.isd.api.GspGroupDnoChanged;
import org.mhhs.backbone.isd.api.GspGroupRegistered;
import org.mhhs.backbone.isd.api.IsdQueries;
import org.mhhs.backbone.isd.api.RegisterGspGroup;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.SettlementDate;

/** One of the 14 GSP groups and the DNO that operates its distribution network. */
@Aggregate
class GspGroup {

    @AggregateIdentifier
    private GspGroupId gspGroupId;

    private ParticipantId dnoId;
    private @Nullable LocalDate lastChangeFrom;

    private GspGroup() {}

    @CommandHandler
    GspGroup(RegisterGspGroup command, IsdQueries isd, Clock clock) {
        GspGroupName.check(command.name());
        GspGroupDnoMustHoldDnoRole.check(command.dnoId(), isd, clock);
        apply(new GspGroupRegistered(command.gspGroupId(), command.name().strip(), command.dnoId()));
    }

    @CommandHandler
    void handle(ChangeGspGroupDno command, IsdQueries isd, Clock clock) {
        if (command.dnoId().equals(dnoId)) {
            return;
        }
        DnoChangeNotInThePast.check(
                command.effectiveFrom(), SettlementDate.today(clock).date());
        DnoChangesInOrder.check(command.effectiveFrom(), lastChangeFrom);
        GspGroupDnoMustHoldDnoRole.check(command.dnoId(), isd, command.effectiveFrom());
        apply(new GspGroupDnoChanged(gspGroupId, dnoId, command.dnoId(), command.effectiveFrom()));
    }

    @EventSourcingHandler
    void on(GspGroupRegistered event) {
        gspGroupId = event.gspGroupId();
        dnoId = event.dnoId();
    }

    @EventSourcingHandler
    void on(GspGroupDnoChanged event, @Timestamp Instant recordedAt) {
        dnoId = event.dnoId();
        lastChangeFrom =
                event.effectiveFromOr(recordedAt.atZone(SettlementDate.LONDON).toLocalDate());
    }
}
