package org.mhhs.bench.market;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.mhhs.backbone.kernel.MarketRole;

/**
 * A synthetic market, the same for the same seed and size: standing data (participants, the 14 GSP groups), metering
 * points with their registrations and appointments, and the consumption their data services submit. Consumption is
 * generated lazily, MPAN-day by MPAN-day, so a market of millions of submissions never sits in memory.
 */
public final class SyntheticMarket {

    /** Every participant holds its role from this day on. */
    public static final LocalDate ROLES_FROM = LocalDate.of(2020, 1, 1);
    /** Readings above this are implausible for the hub (10,000 kWh per period). */
    public static final long MAX_READING_WATT_HOURS = 10_000_000L;

    private static final int DOMESTIC_PERCENT = 85;
    private static final int SMALL_BUSINESS_PERCENT = 13;

    private final long seed;
    private final MarketSize size;
    private final List<SyntheticParticipant> participants;
    private final List<SyntheticMeteringPoint> meteringPoints;

    private SyntheticMarket(
            long seed,
            MarketSize size,
            List<SyntheticParticipant> participants,
            List<SyntheticMeteringPoint> meteringPoints) {
        this.seed = seed;
        this.size = size;
        this.participants = participants;
        this.meteringPoints = meteringPoints;
    }

    public static SyntheticMarket generate(long seed, MarketSize size) {
        List<SyntheticParticipant> participants = new ArrayList<>();
        for (MarketRole role : List.of(
                MarketRole.SUPPLIER,
                MarketRole.DATA_SERVICE,
                MarketRole.METERING_SERVICE,
                MarketRole.REGISTRATION_SERVICE)) {
            for (int i = 0; i < size.participantsPerRole(); i++) {
                participants.add(participant(role, i));
            }
        }
        for (int i = 0; i < MarketIdentifiers.GSP_GROUPS.size(); i++) {
            participants.add(participant(MarketRole.DNO, i));
        }
        participants.add(participant(MarketRole.CENTRAL_SETTLEMENT, 0));
        participants.add(participant(MarketRole.AUDITOR, 0));

        SplittableRandom random = new SplittableRandom(seed);
        long mpanOffset = random.nextLong();
        List<SyntheticMeteringPoint> meteringPoints = new ArrayList<>(size.meteringPoints());
        for (int i = 0; i < size.meteringPoints(); i++) {
            meteringPoints.add(meteringPoint(i, random.split(), mpanOffset, size));
        }
        return new SyntheticMarket(seed, size, List.copyOf(participants), List.copyOf(meteringPoints));
    }

    public long seed() {
        return seed;
    }

    public MarketSize size() {
        return size;
    }

    public List<SyntheticParticipant> participants() {
        return participants;
    }

    public List<SyntheticParticipant> participants(MarketRole role) {
        return participants.stream().filter(p -> p.role() == role).toList();
    }

    public List<SyntheticGspGroup> gspGroups() {
        return MarketIdentifiers.GSP_GROUPS;
    }

    public List<SyntheticMeteringPoint> meteringPoints() {
        return meteringPoints;
    }

    /**
     * Every submission in the order data services would send them: each day's first versions for all metering
     * points, then the revisions of the previous day.
     */
    public Stream<ConsumptionSubmission> consumption() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                        new SubmissionIterator(), Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /** How many submissions {@link #consumption()} yields, first versions and revisions. */
    public long submissionCount() {
        long revisions = 0;
        for (int d = 0; d < size.days(); d++) {
            LocalDate day = size.firstDay().plusDays(d);
            for (SyntheticMeteringPoint point : meteringPoints) {
                if (isRevised(point, day)) {
                    revisions++;
                }
            }
        }
        return (long) size.days() * meteringPoints.size() + revisions;
    }

    /** The first version of a metering point's day (readings depend only on the seed, the point and the day). */
    public ConsumptionSubmission firstVersion(SyntheticMeteringPoint point, LocalDate day) {
        SplittableRandom random = randomFor(point, day, 1);
        double[] expected = DailyShape.expected(point.profile(), point.annualWattHours(), day);
        long[] wattHours = new long[expected.length];
        boolean[] estimated = new boolean[expected.length];
        for (int i = 0; i < expected.length; i++) {
            wattHours[i] = reading(expected[i] * noise(random));
        }
        if (random.nextInt(100) < size.estimatedPercent()) {
            int length = 4 + random.nextInt(13);
            int from = random.nextInt(expected.length - length + 1);
            for (int i = from; i < from + length; i++) {
                estimated[i] = true;
                wattHours[i] = reading(expected[i]);
            }
        }
        return new ConsumptionSubmission(point.mpan(), day, 1, point.dataServiceId(), wattHours, estimated);
    }

    /** Version 2 of a revised day: estimated readings replaced by actual ones, or a few corrected readings. */
    public ConsumptionSubmission revision(SyntheticMeteringPoint point, LocalDate day) {
        ConsumptionSubmission first = firstVersion(point, day);
        SplittableRandom random = randomFor(point, day, 2);
        long[] wattHours = first.wattHours();
        boolean[] estimated = first.estimated();
        boolean replacedEstimates = false;
        for (int i = 0; i < wattHours.length; i++) {
            if (estimated[i]) {
                estimated[i] = false;
                wattHours[i] = reading(wattHours[i] * noise(random));
                replacedEstimates = true;
            }
        }
        int corrections = replacedEstimates ? 0 : 1 + random.nextInt(6);
        for (int c = 0; c < corrections; c++) {
            int i = random.nextInt(wattHours.length);
            wattHours[i] = reading(wattHours[i] * (0.8 + 0.4 * random.nextDouble()));
        }
        if (Arrays.equals(wattHours, first.wattHours())) {
            int largest = 0;
            for (int i = 1; i < wattHours.length; i++) {
                largest = wattHours[i] > wattHours[largest] ? i : largest;
            }
            wattHours[largest] += wattHours[largest] == MAX_READING_WATT_HOURS ? -1 : 1;
        }
        return new ConsumptionSubmission(point.mpan(), day, 2, point.dataServiceId(), wattHours, estimated);
    }

    public boolean isRevised(SyntheticMeteringPoint point, LocalDate day) {
        return randomFor(point, day, 0).nextInt(100) < size.revisionPercent();
    }

    private SplittableRandom randomFor(SyntheticMeteringPoint point, LocalDate day, int purpose) {
        long mixed = seed * 0x9E3779B97F4A7C15L
                + point.index() * 0xBF58476D1CE4E5B9L
                + day.toEpochDay() * 0x94D049BB133111EBL
                + purpose;
        return new SplittableRandom(new SplittableRandom(mixed).nextLong());
    }

    private static double noise(SplittableRandom random) {
        double gaussian = 0;
        for (int i = 0; i < 4; i++) {
            gaussian += random.nextDouble() - 0.5;
        }
        return Math.max(0.05, 1 + 0.3 * gaussian);
    }

    private static long reading(double wattHours) {
        return Math.min(MAX_READING_WATT_HOURS, Math.max(0, Math.round(wattHours)));
    }

    private static SyntheticParticipant participant(MarketRole role, int index) {
        String id = MarketIdentifiers.participantId(role, index);
        return new SyntheticParticipant(
                id, "Synthetic " + role.name().toLowerCase().replace('_', ' ') + " " + id, role);
    }

    private static SyntheticMeteringPoint meteringPoint(
            int index, SplittableRandom random, long mpanOffset, MarketSize size) {
        SyntheticGspGroup group = MarketIdentifiers.GSP_GROUPS.get(random.nextInt(MarketIdentifiers.GSP_GROUPS.size()));
        int kind = random.nextInt(100);
        LoadProfile profile;
        String segment;
        long annual;
        if (kind < DOMESTIC_PERCENT) {
            profile = LoadProfile.DOMESTIC;
            segment = "SMART";
            annual = 1_500_000L + random.nextLong(4_500_000L);
        } else if (kind < DOMESTIC_PERCENT + SMALL_BUSINESS_PERCENT) {
            profile = LoadProfile.SMALL_BUSINESS;
            segment = random.nextInt(4) == 0 ? "ADVANCED" : "SMART";
            annual = 10_000_000L + random.nextLong(90_000_000L);
        } else {
            profile = LoadProfile.UNMETERED_LIGHTING;
            segment = "UNMETERED";
            annual = 500_000L + random.nextLong(2_000_000L);
        }
        int perRole = size.participantsPerRole();
        LocalDate registeredFrom = size.firstDay().minusDays(1 + random.nextInt(60));
        String firstSupplier = MarketIdentifiers.participantId(MarketRole.SUPPLIER, random.nextInt(perRole));
        List<SupplierPeriod> suppliers = new ArrayList<>(List.of(new SupplierPeriod(firstSupplier, registeredFrom)));
        if (perRole > 1 && random.nextInt(100) < size.changeOfSupplierPercent()) {
            int gaining = random.nextInt(perRole - 1);
            String gainingId = MarketIdentifiers.participantId(MarketRole.SUPPLIER, gaining);
            if (gainingId.equals(firstSupplier)) {
                gainingId = MarketIdentifiers.participantId(MarketRole.SUPPLIER, perRole - 1);
            }
            suppliers.add(new SupplierPeriod(gainingId, size.lastDay().plusDays(2 + random.nextInt(28))));
        }
        return new SyntheticMeteringPoint(
                index,
                MarketIdentifiers.mpan(group.distributorId(), index, mpanOffset),
                group.id(),
                segment,
                profile,
                annual,
                MarketIdentifiers.participantId(MarketRole.REGISTRATION_SERVICE, random.nextInt(perRole)),
                registeredFrom,
                suppliers,
                MarketIdentifiers.participantId(MarketRole.DATA_SERVICE, random.nextInt(perRole)),
                MarketIdentifiers.participantId(MarketRole.METERING_SERVICE, random.nextInt(perRole)));
    }

    /** Day by day: the day's first versions, then the previous day's revisions; the last day's revisions at the end. */
    private final class SubmissionIterator implements Iterator<ConsumptionSubmission> {

        private int day;
        private int point;
        private boolean revisionsOfPreviousDay;
        private ConsumptionSubmission next;

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public ConsumptionSubmission next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ConsumptionSubmission current = next;
            next = null;
            return current;
        }

        private ConsumptionSubmission advance() {
            while (day <= size.days()) {
                if (!revisionsOfPreviousDay) {
                    if (day < size.days() && point < meteringPoints.size()) {
                        return firstVersion(
                                meteringPoints.get(point++), size.firstDay().plusDays(day));
                    }
                    revisionsOfPreviousDay = true;
                    point = 0;
                }
                if (day > 0) {
                    LocalDate previous = size.firstDay().plusDays(day - 1L);
                    while (point < meteringPoints.size()) {
                        SyntheticMeteringPoint candidate = meteringPoints.get(point++);
                        if (isRevised(candidate, previous)) {
                            return revision(candidate, previous);
                        }
                    }
                }
                day++;
                point = 0;
                revisionsOfPreviousDay = false;
            }
            return null;
        }
    }
}
