package org.mhhs.backbone.notification;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.mhhs.backbone.kernel.Mpan;

/**
 * The rows the contexts add to the routing table, one per event type. A row names the event's settlement day and the
 * parties in force on it: {@code routes.route(SomethingHappened.class, (e, parties) ->
 * Routes.meteringPoint(e.mpan(), e.effectiveFrom(), parties).and(e.supplier()))}.
 */
final class Routes {

    private final Map<Class<?>, Route<?>> rows = new LinkedHashMap<>();

    /** Standing data: every participant receives it. */
    void everyone(Class<?> type) {
        add(type, new Route<>(type, (event, parties) -> Audience.everyone()));
    }

    <E> void route(Class<E> type, BiFunction<E, MarketParties, Audience.Builder> rule) {
        add(type, new Route<>(type, rule));
    }

    /**
     * The parties every event about a metering point on a day reaches: its registration service, and those in force
     * that day: the DNO of its GSP group, its appointed data and metering services.
     */
    static Audience.Builder meteringPoint(Mpan mpan, LocalDate day, MarketParties parties) {
        return meteringPoint(mpan, day, parties, false);
    }

    /** {@link #meteringPoint} and the supplier in force that day. */
    static Audience.Builder meteringPointAndSupplier(Mpan mpan, LocalDate day, MarketParties parties) {
        return meteringPoint(mpan, day, parties, true);
    }

    private static Audience.Builder meteringPoint(Mpan mpan, LocalDate day, MarketParties parties, boolean supplier) {
        Audience.Builder audience = Audience.on(day);
        parties.meteringPointOn(mpan, day).ifPresent(point -> {
            audience.and(point.registrationService()).and(point.dno()).and(point.services());
            if (supplier) {
                audience.and(point.supplier());
            }
        });
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

    record Route<E>(Class<E> type, BiFunction<E, MarketParties, Audience.Builder> rule) {

        Audience audienceOf(Object event, LocalDate recordedOn, MarketParties parties) {
            return rule.apply(type.cast(event), parties).build(recordedOn);
        }
    }
}
