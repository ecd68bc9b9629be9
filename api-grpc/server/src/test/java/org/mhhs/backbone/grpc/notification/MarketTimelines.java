package org.mhhs.backbone.grpc.notification;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random market timelines of one metering point for {@link DeliveryEntitlementPropertyTest}: what the market's
 * parties try to do, in order, with days as offsets from today. A step names who and when by small numbers; the test
 * carries out those the market's rules allow (a change of supplier only in the future, a DNO change today or later,
 * consumption only of ended days, ...) and leaves out the others, so every generated timeline (and every shrunk one)
 * is a valid one.
 */
final class MarketTimelines {

    /** The metering point, its first supplier and its first data service start this many days before today. */
    static final int FIRST_DAY = -40;

    private MarketTimelines() {}

    sealed interface Step {}

    /** Supplier number {@code supplier} (of three) takes over from {@code daysAhead} days after today. */
    record ChangeSupplier(int supplier, int daysAhead) implements Step {}

    /** The supplier of the latest registration withdraws it, if it has not taken effect (and the hub lets it). */
    record WithdrawLatestRegistration() implements Step {}

    /** The supplier in force on the day asks service number {@code service} (of two) from that day; it answers. */
    record Appoint(boolean dataService, int service, int day, boolean accepted) implements Step {}

    /** The supplier in force on the day ends the data or metering service's appointment on that day. */
    record EndAppointment(boolean dataService, int day) implements Step {}

    /** The registration service changes the details from the day: another GSP group, or the energisation. */
    record ChangeDetails(boolean moveGspGroup, int day) implements Step {}

    /** The first GSP group gets a new DNO from {@code daysAhead} days after today (0: today). */
    record ChangeDno(int daysAhead) implements Step {}

    /** Central settlement participant {@code holder} (of two) holds the role from the day, days long (0: open). */
    record GrantCentralSettlement(int holder, int from, int days) implements Step {}

    /** The central settlement role of participant number {@code holder} ends on the day. */
    record RevokeCentralSettlement(int holder, int lastDay) implements Step {}

    /** The data service appointed on the day submits its consumption (again: a new version). */
    record Submit(int day) implements Step {}

    static Arbitrary<List<Step>> timelines() {
        return step().list().ofMinSize(3).ofMaxSize(16);
    }

    static Arbitrary<Step> step() {
        Arbitrary<Integer> pastOrFuture = Arbitraries.integers().between(FIRST_DAY + 1, 8);
        return Arbitraries.frequencyOf(
                Tuple.of(
                        2,
                        Combinators.combine(
                                        Arbitraries.integers().between(0, 2),
                                        Arbitraries.integers().between(1, 8))
                                .as(ChangeSupplier::new)),
                Tuple.of(1, Arbitraries.just(new WithdrawLatestRegistration())),
                Tuple.of(
                        3,
                        Combinators.combine(
                                        Arbitraries.of(true, false),
                                        Arbitraries.integers().between(0, 1),
                                        pastOrFuture,
                                        Arbitraries.of(true, true, false))
                                .as(Appoint::new)),
                Tuple.of(
                        2,
                        Combinators.combine(Arbitraries.of(true, false), pastOrFuture)
                                .as(EndAppointment::new)),
                Tuple.of(
                        2,
                        Combinators.combine(Arbitraries.of(true, false), pastOrFuture)
                                .as(ChangeDetails::new)),
                Tuple.of(1, Arbitraries.integers().between(0, 2).map(ChangeDno::new)),
                Tuple.of(
                        2,
                        Combinators.combine(
                                        Arbitraries.integers().between(0, 1),
                                        Arbitraries.integers().between(FIRST_DAY - 5, 2),
                                        Arbitraries.integers().between(0, 30))
                                .as(GrantCentralSettlement::new)),
                Tuple.of(
                        1,
                        Combinators.combine(
                                        Arbitraries.integers().between(0, 1),
                                        Arbitraries.integers().between(FIRST_DAY, 2))
                                .as(RevokeCentralSettlement::new)),
                Tuple.of(4, Arbitraries.integers().between(FIRST_DAY, -1).map(Submit::new)));
    }
}
