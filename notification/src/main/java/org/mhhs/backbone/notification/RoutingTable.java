package org.mhhs.backbone.notification;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The routing table: for every event type of the market, who receives it, from the rows each context adds
 * ({@link ContextRoutes}): the parties in force on the event's settlement day, and the roles whose holders on that
 * day receive it. AUDITOR and OPERATOR read every event and are not listed. An event type without a row reaches
 * nobody but them (and a test fails: see {@code EveryEventHasAnAudienceTest}), so a new context cannot leak its
 * events by omission.
 */
@Component
class RoutingTable {

    private final Map<Class<?>, Routes.Route<?>> rows;

    RoutingTable(List<ContextRoutes> contexts) {
        Routes routes = new Routes();
        contexts.forEach(context -> context.addTo(routes));
        this.rows = Map.copyOf(routes.rows());
    }

    /** Every event type that has a row. */
    Set<Class<?>> routedTypes() {
        return Collections.unmodifiableSet(rows.keySet());
    }

    /**
     * The audience of an event, or empty when its type has no row.
     *
     * @param recordedOn the day the event was recorded: the audience's day when the event names none of its own
     */
    Optional<Audience> audienceOf(Object event, LocalDate recordedOn, MarketParties parties) {
        Routes.Route<?> route = rows.get(event.getClass());
        return route == null ? Optional.empty() : Optional.of(route.audienceOf(event, recordedOn, parties));
    }
}
