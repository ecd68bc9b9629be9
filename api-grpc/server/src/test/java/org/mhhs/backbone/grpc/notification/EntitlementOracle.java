package org.mhhs.backbone.grpc.notification;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.mhhs.backbone.testing.Deliveries;

/**
 * The test's own account of one metering point's market, written from the market's rules and the hub's documented
 * routing, independently of the hub's code: who is responsible for what on which day, which of the intended commands
 * the rules allow, the events each produces and who is entitled to each. Entitled to an event about a day: the
 * registration service, and the parties in force on that day (the DNO of the metering point's GSP group, its data and
 * metering services); for a details change also the supplier of the day and the DNO of the new group; for a change of
 * supplier the gaining and losing supplier; for an appointment the supplier that asks and the service asked; for an
 * appointment's end the supplier of its last day, the service and whoever ended it. Consumption of a day: the supplier,
 * the data service and the DNO of that day, and whoever holds CENTRAL_SETTLEMENT on it (by the role periods in the
 * end). An auditor: everything. The parties are those the market knew when the event happened.
 */
final class EntitlementOracle {

    record Period(LocalDate from, @Nullable LocalDate to, String holder) {

        boolean contains(LocalDate day) {
            return !day.isBefore(from) && (to == null || !day.isAfter(to));
        }

        Period endingOn(LocalDate lastDay) {
            return new Period(from, lastDay, holder);
        }
    }

    /** An event and who is entitled to it; {@code centralSettlementDay}: to the role's holders of that day too. */
    private record Entitled(
            String event, Set<String> parties, @Nullable LocalDate centralSettlementDay) {}

    private final String mpan;
    private final String registrationService;
    private final String auditor;
    private final Map<String, NavigableMap<LocalDate, String>> dnos;
    private final NavigableMap<LocalDate, String> gspGroups = new TreeMap<>();
    private final NavigableMap<LocalDate, Boolean> energised = new TreeMap<>();
    private final NavigableMap<LocalDate, String> suppliers = new TreeMap<>();
    private final Map<Boolean, List<Period>> services =
            new HashMap<>(Map.of(true, new ArrayList<>(), false, new ArrayList<>()));
    private final Map<String, List<Period>> centralSettlement = new LinkedHashMap<>();
    private final Map<LocalDate, Integer> versions = new HashMap<>();
    private final List<Entitled> events = new ArrayList<>();

    /**
     * @param dnos every GSP group's DNO periods (first DNO from {@link LocalDate#MIN}), shared with the test, which
     *     changes them
     */
    EntitlementOracle(
            String mpan,
            String registrationService,
            String auditor,
            Collection<String> centralSettlementParticipants,
            Map<String, NavigableMap<LocalDate, String>> dnos) {
        this.mpan = mpan;
        this.registrationService = registrationService;
        this.auditor = auditor;
        this.dnos = dnos;
        centralSettlementParticipants.forEach(holder -> centralSettlement.put(holder, new ArrayList<>()));
    }

    // ---- the parties on a day

    String gspGroupOn(LocalDate day) {
        return on(gspGroups, day).orElseThrow();
    }

    Optional<String> supplierOn(LocalDate day) {
        return on(suppliers, day);
    }

    Optional<String> serviceOn(boolean dataService, LocalDate day) {
        return services.get(dataService).stream()
                .filter(p -> p.contains(day))
                .map(Period::holder)
                .findFirst();
    }

    boolean energisedOn(LocalDate day) {
        return on(energised, day).orElseThrow();
    }

    LocalDate latestDetailsChange() {
        return gspGroups.lastKey();
    }

    int versionOf(LocalDate day) {
        return versions.getOrDefault(day, 0);
    }

    List<Period> centralSettlementPeriods(String holder) {
        return List.copyOf(centralSettlement.get(holder));
    }

    private String dnoOn(String gspGroup, LocalDate day) {
        return on(dnos.get(gspGroup), day).orElseThrow();
    }

    /** The registration service and the parties in force on the day: the DNO, the data and metering services. */
    private Set<String> ofTheDay(LocalDate day) {
        Set<String> parties = new HashSet<>();
        parties.add(registrationService);
        parties.add(dnoOn(gspGroupOn(day), day));
        serviceOn(true, day).ifPresent(parties::add);
        serviceOn(false, day).ifPresent(parties::add);
        return parties;
    }

    private void entitled(String event, Set<String> parties, String... more) {
        Set<String> all = new HashSet<>(parties);
        all.addAll(List.of(more));
        events.add(new Entitled(event, all, null));
    }

    // ---- what the market does (the test calls these once the hub accepted the command)

    void registered(LocalDate from, String gspGroup) {
        gspGroups.put(from, gspGroup);
        energised.put(from, true);
        entitled(Deliveries.pointRegistered(mpan), Set.of(registrationService, dnoOn(gspGroup, from)));
    }

    /** Whether the supplier may take over from the day (the first supplier: from any day). */
    boolean allowsSupplier(String supplier, LocalDate from, LocalDate today) {
        return suppliers.isEmpty()
                || (from.isAfter(today)
                        && from.isAfter(suppliers.lastKey())
                        && !suppliers.lastEntry().getValue().equals(supplier));
    }

    void supplier(String gaining, LocalDate from) {
        String losing = suppliers.isEmpty() ? null : suppliers.lastEntry().getValue();
        Set<String> parties = ofTheDay(from);
        parties.add(gaining);
        if (losing != null) {
            parties.add(losing);
        }
        entitled(Deliveries.supplier(mpan, gaining, from), parties);
        suppliers.put(from, gaining);
    }

    /** The latest supplier registration while it has not taken effect: the one its supplier may withdraw. */
    Optional<Map.Entry<LocalDate, String>> withdrawable(LocalDate today) {
        return suppliers.size() > 1 && suppliers.lastKey().isAfter(today)
                ? Optional.of(suppliers.lastEntry())
                : Optional.empty();
    }

    /**
     * The registration from the day is withdrawn: the parties of that day, the withdrawing supplier and the one that
     * stays are told, and the supplier before it is in force on its days again.
     */
    void withdrawn(LocalDate from) {
        String withdrawing = suppliers.get(from);
        Set<String> parties = ofTheDay(from);
        parties.add(withdrawing);
        parties.add(suppliers.lowerEntry(from).getValue());
        entitled(Deliveries.withdrawn(mpan, withdrawing, from), parties);
        suppliers.remove(from);
    }

    /** Whether the service may be asked for from the day (it starts after the role's latest appointment). */
    boolean allowsAppointment(boolean dataService, String service, LocalDate from) {
        Optional<Period> latest = services.get(dataService).stream().reduce((first, second) -> second);
        return supplierOn(from).isPresent()
                && latest.map(p -> from.isAfter(p.from()) && !(p.holder().equals(service) && p.contains(from)))
                        .orElse(true);
    }

    void requested(String service, LocalDate from) {
        String supplier = supplierOn(from).orElseThrow();
        entitled(Deliveries.requested(mpan, service, from), ofTheDay(from), supplier, service);
    }

    void rejected(String service, LocalDate from) {
        entitled(
                Deliveries.rejected(mpan, service),
                ofTheDay(from),
                supplierOn(from).orElseThrow(),
                service);
    }

    void accepted(boolean dataService, String service, LocalDate from) {
        String supplier = supplierOn(from).orElseThrow();
        List<Period> held = services.get(dataService);
        if (!held.isEmpty()
                && (held.getLast().to() == null || !held.getLast().to().isBefore(from))) {
            end(dataService, from.minusDays(1), supplier);
        }
        entitled(Deliveries.accepted(mpan, service, from), ofTheDay(from), supplier, service);
        held.add(new Period(from, null, service));
    }

    /** The appointment in force on the day that would end then (not already ending that day). */
    Optional<String> endableOn(boolean dataService, LocalDate lastDay) {
        return services.get(dataService).stream()
                .filter(p -> p.contains(lastDay) && !lastDay.equals(p.to()))
                .map(Period::holder)
                .findFirst();
    }

    void end(boolean dataService, LocalDate lastDay, String endedBy) {
        List<Period> held = services.get(dataService);
        Period ending =
                held.stream().filter(p -> p.contains(lastDay)).findFirst().orElseThrow();
        Set<String> parties = ofTheDay(lastDay);
        supplierOn(lastDay).ifPresent(parties::add);
        entitled(Deliveries.ended(mpan, ending.holder(), lastDay), parties, ending.holder(), endedBy);
        held.replaceAll(p -> p.equals(ending) ? p.endingOn(lastDay) : p);
    }

    void detailsChanged(LocalDate from, String gspGroup, boolean energisedFrom) {
        Set<String> parties = ofTheDay(from);
        supplierOn(from).ifPresent(parties::add);
        parties.add(dnoOn(gspGroup, from));
        entitled(Deliveries.detailsChanged(mpan, from), parties);
        gspGroups.put(from, gspGroup);
        energised.put(from, energisedFrom);
    }

    /** A period the holder may be granted: it overlaps none of its periods. */
    boolean allowsGrant(String holder, Period period) {
        return centralSettlement.get(holder).stream().noneMatch(held -> overlap(held, period));
    }

    static Period period(LocalDate from, @Nullable LocalDate to) {
        return new Period(from, to, "");
    }

    void granted(String holder, Period period) {
        centralSettlement.get(holder).add(period);
    }

    /** The period the revocation ends, if one holds the day and does not end on it already. */
    boolean allowsRevocation(String holder, LocalDate lastDay) {
        return centralSettlement.get(holder).stream().anyMatch(p -> p.contains(lastDay) && !lastDay.equals(p.to()));
    }

    void revoked(String holder, LocalDate lastDay) {
        centralSettlement.get(holder).replaceAll(p -> p.contains(lastDay) ? p.endingOn(lastDay) : p);
    }

    void consumption(LocalDate day) {
        int version = versions.merge(day, 1, Integer::sum);
        Set<String> parties = new HashSet<>();
        parties.add(supplierOn(day).orElseThrow());
        parties.add(serviceOn(true, day).orElseThrow());
        parties.add(dnoOn(gspGroupOn(day), day));
        events.add(new Entitled(Deliveries.consumption(mpan, day, version), parties, day));
    }

    // ---- the verdict

    /** Every participant of the timeline: the parties of its events, the role holders, the auditor. */
    Set<String> participants() {
        Set<String> all = new HashSet<>(centralSettlement.keySet());
        all.add(auditor);
        events.forEach(e -> all.addAll(e.parties()));
        return all;
    }

    /** What each participant is entitled to, in the order the events happened. */
    Map<String, List<String>> entitlements(Collection<String> participants) {
        Map<String, List<String>> entitled = new LinkedHashMap<>();
        for (String participant : participants) {
            entitled.put(
                    participant,
                    events.stream()
                            .filter(e -> participant.equals(auditor)
                                    || e.parties().contains(participant)
                                    || holdsCentralSettlementOn(participant, e.centralSettlementDay()))
                            .map(Entitled::event)
                            .toList());
        }
        return entitled;
    }

    private boolean holdsCentralSettlementOn(String participant, @Nullable LocalDate day) {
        return day != null
                && centralSettlement.getOrDefault(participant, List.of()).stream()
                        .anyMatch(p -> p.contains(day));
    }

    private static boolean overlap(Period a, Period b) {
        return (a.to() == null || !b.from().isAfter(a.to()))
                && (b.to() == null || !a.from().isAfter(b.to()));
    }

    private static <T> Optional<T> on(@Nullable NavigableMap<LocalDate, T> periods, LocalDate day) {
        return Optional.ofNullable(periods).map(p -> p.floorEntry(day)).map(Map.Entry::getValue);
    }

    @Override
    public String toString() {
        return Stream.of(
                        "groups " + gspGroups,
                        "suppliers " + suppliers,
                        "data services " + services.get(true),
                        "metering services " + services.get(false),
                        "central settlement " + centralSettlement,
                        "DNOs " + dnos)
                .reduce((a, b) -> a + "\n" + b)
                .orElse("");
    }
}
