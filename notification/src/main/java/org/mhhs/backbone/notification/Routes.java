package org.mhhs.backbone.notification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.mhhs.backbone.kernel.Mpan;

/** The rows the contexts add to the routing table, one per event type. */
final class Routes {

    private final Map<Class<?>, Route<?>> rows = new LinkedHashMap<>();

    /** Standing data: every participant receives it. */
    void everyone(Class<?> type) {
        add(type, new Route<>(type, (event, parties) -> Audience.everyone()));
    }

    <E> void route(Class<E> type, BiFunction<E, MarketParties, Audience.Builder> rule) {
        add(
                type,
                new Route<>(type, (event, parties) -> rule.apply(event, parties).build()));
    }

    /** The parties of a metering point every event about it reaches: its registration service and its DNO. */
    static Audience.Builder meteringPoint(Mpan mpan, MarketParties parties) {
        Audience.Builder audience = Audience.of();
        parties.meteringPoint(mpan)
                .ifPresent(point -> audience.and(point.registrationService()).and(parties.dnoOf(point.gspGroup())));
        return audience;
    }

    Map<Class<?>, Route<?>> rows() {
        return rows;
    }

    private void add(Class<?> type, Route<?> route) {
        if (rows.putIfAbsent(type, route) != null) {
            throw new IllegalStateException("two routing rows for " + type.getName());
        }
    }

    record Route<E>(Class<E> type, BiFunction<E, MarketParties, Audience> rule) {

        Audience audienceOf(Object event, MarketParties parties) {
            return rule.apply(type.cast(event), parties);
        }
    }
}
