package org.mhhs.backbone.metering;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalInt;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.mhhs.backbone.metering.api.ConsumptionShredded;
import org.mhhs.backbone.metering.api.ShredConsumption;

/**
 * The shredding history of one MPAN's consumption keys. The keys themselves live outside the event store
 * ({@link DataKeys}); destroying one and recording the fact happen in one transaction.
 */
@Aggregate
class ConsumptionKeyHistory {

    @AggregateIdentifier
    private String consumptionKeyId;

    private int lastShreddedVersion;

    private ConsumptionKeyHistory() {}

    /** Answers "keyVersion versions shreddedAt": the key destroyed, how many versions it sealed, and when. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(ShredConsumption command, DataKeys keys, Clock clock) {
        OptionalInt active = keys.activeVersion(command.mpan());
        ConsumptionAlreadyShredded.check(active, lastShreddedVersion, command.mpan());
        int keyVersion = ConsumptionMustBeRecorded.check(active, command.mpan());
        Instant now = clock.instant();
        int versions = keys.destroy(command.mpan(), keyVersion, now);
        apply(new ConsumptionShredded(
                command.consumptionKeyId(),
                command.mpan(),
                keyVersion,
                versions,
                now,
                command.requestedBy(),
                command.reason()));
        return keyVersion + " " + versions + " " + now;
    }

    @EventSourcingHandler
    void on(ConsumptionShredded event) {
        consumptionKeyId = event.consumptionKeyId();
        lastShreddedVersion = event.keyVersion();
    }
}
