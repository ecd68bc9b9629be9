package org.mhhs.backbone.settlement;

import java.time.LocalDate;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.springframework.stereotype.Component;

/**
 * Re-derives a day's allocation from the event store alone: the consumption events of that day up to a global
 * position, read in order and summed with the same rule as the projection ({@link Allocation}), never touching the
 * projection's tables. Works on any Axon event store (JDBC or Axon Server). Readings that no longer open (their
 * MPAN was shredded) cannot be re-derived: the derivation leaves them out and names their MPAN-days.
 */
@Component
class EventStoreAllocationDerivation {

    /** The cells re-derived, and the MPAN-days ("MPAN/date") whose readings were shredded and so left out. */
    record Derivation(SortedMap<Allocation.Cell, Allocation.Figure> cells, Set<String> shreddedConsumptionDays) {}

    private final EventStore eventStore;
    private final ConsumptionCipher cipher;

    EventStoreAllocationDerivation(EventStore eventStore, ConsumptionCipher cipher) {
        this.eventStore = eventStore;
        this.cipher = cipher;
    }

    Derivation derive(LocalDate settlementDate, long position, Set<Long> excludedPositions) {
        Allocation allocation = new Allocation();
        Set<String> shredded = new TreeSet<>();
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        long last = Math.min(position, head);
        if (last <= 0) {
            return new Derivation(allocation.cells(), shredded);
        }
        String daySuffix = "/" + settlementDate;
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(null)) {
            // the stream stays open for new events: it ends at the last position asked for, or when nothing more comes
            while (events.hasNextAvailable(2, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = events.nextAvailable();
                long at = event.trackingToken().position().orElse(0);
                if (at > last) {
                    break;
                }
                if (!excludedPositions.contains(at)
                        && event instanceof DomainEventMessage<?> domainEvent
                        && domainEvent.getAggregateIdentifier().endsWith(daySuffix)
                        && ConsumptionRecorded.class.equals(event.getPayloadType())
                        && event.getPayload() instanceof ConsumptionRecorded consumption
                        && consumption.settlementDate().equals(settlementDate)) {
                    Allocation.Latest latest = Allocation.Latest.of(consumption, cipher);
                    if (latest.shredded()) {
                        shredded.add(latest.consumptionDayId());
                    }
                    allocation.record(latest);
                }
                if (at == last) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event store", e);
        }
        return new Derivation(allocation.cells(), shredded);
    }
}
