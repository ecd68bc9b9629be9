package org.mhhs.bench.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Month;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.SettlementDate;

class SyntheticMarketTest {

    private static final LocalDate SPRING_FORWARD = LocalDate.of(2026, 3, 29);
    private static final LocalDate AUTUMN_BACK = LocalDate.of(2026, 10, 25);

    @Test
    void theSameSeedGivesTheSameMarket() {
        MarketSize size = MarketSize.of(3, 200, 5, LocalDate.of(2026, 3, 27));
        SyntheticMarket one = SyntheticMarket.generate(42, size);
        SyntheticMarket again = SyntheticMarket.generate(42, size);

        assertThat(again.participants()).isEqualTo(one.participants());
        assertThat(again.meteringPoints()).isEqualTo(one.meteringPoints());
        assertThat(again.consumption().toList()).isEqualTo(one.consumption().toList());
    }

    @Test
    void anotherSeedGivesAnotherMarket() {
        MarketSize size = MarketSize.of(3, 200, 2, LocalDate.of(2026, 3, 27));
        SyntheticMarket one = SyntheticMarket.generate(42, size);
        SyntheticMarket other = SyntheticMarket.generate(43, size);

        assertThat(other.meteringPoints()).isNotEqualTo(one.meteringPoints());
        assertThat(other.consumption().limit(10).toList())
                .isNotEqualTo(one.consumption().limit(10).toList());
    }

    @Test
    void standingDataHasTheRolesAndEveryGspGroupWithItsOwnDno() {
        SyntheticMarket market = SyntheticMarket.generate(7, MarketSize.of(5, 10, 1, LocalDate.of(2026, 6, 1)));

        for (MarketRole role : List.of(
                MarketRole.SUPPLIER,
                MarketRole.DATA_SERVICE,
                MarketRole.METERING_SERVICE,
                MarketRole.REGISTRATION_SERVICE)) {
            assertThat(market.participants(role)).hasSize(5);
        }
        assertThat(market.participants(MarketRole.DNO)).hasSize(14);
        assertThat(market.participants(MarketRole.CENTRAL_SETTLEMENT)).hasSize(1);
        assertThat(market.participants(MarketRole.AUDITOR)).hasSize(1);
        assertThat(market.participants())
                .extracting(SyntheticParticipant::id)
                .allMatch(id -> id.matches("[A-Z0-9]{4}"))
                .doesNotHaveDuplicates()
                .doesNotContain("OPER");
        assertThat(market.gspGroups())
                .extracting(SyntheticGspGroup::id)
                .containsExactlyInAnyOrderElementsOf(
                        GspGroupId.all().stream().map(GspGroupId::value).toList());
        assertThat(market.gspGroups())
                .extracting(SyntheticGspGroup::dnoId)
                .doesNotHaveDuplicates()
                .allMatch(dno -> market.participants(MarketRole.DNO).stream().anyMatch(p -> p.id().equals(dno)));
    }

    @Test
    void meteringPointsHaveValidUniqueMpansOfTheirGspGroupsDistributor() {
        SyntheticMarket market = SyntheticMarket.generate(11, MarketSize.of(4, 5_000, 1, LocalDate.of(2026, 6, 1)));
        Map<String, Integer> distributorOfGroup = market.gspGroups().stream()
                .collect(Collectors.toMap(SyntheticGspGroup::id, SyntheticGspGroup::distributorId));

        assertThat(market.meteringPoints())
                .extracting(SyntheticMeteringPoint::mpan)
                .doesNotHaveDuplicates()
                .allMatch(Mpan::isValid);
        assertThat(market.meteringPoints()).allSatisfy(point -> {
            assertThat(Integer.parseInt(point.mpan().substring(0, 2)))
                    .isEqualTo(distributorOfGroup.get(point.gspGroupId()));
            assertThat(point.registeredFrom()).isBefore(market.size().firstDay());
            assertThat(point.suppliers().getFirst().from()).isEqualTo(point.registeredFrom());
        });
        assertThat(market.meteringPoints())
                .extracting(SyntheticMeteringPoint::gspGroupId)
                .hasSameElementsAs(
                        GspGroupId.all().stream().map(GspGroupId::value).toList());
    }

    @Test
    void changesOfSupplierGoToAnotherSupplierAfterTheConsumptionWindowWithinTheHubsDefaultHorizon() {
        SyntheticMarket market = SyntheticMarket.generate(5, MarketSize.of(4, 2_000, 30, LocalDate.of(2026, 6, 1)));
        List<SyntheticMeteringPoint> changing = market.meteringPoints().stream()
                .filter(point -> point.suppliers().size() == 2)
                .toList();

        assertThat(changing).hasSizeBetween(50, 150);
        assertThat(changing).allSatisfy(point -> {
            assertThat(point.suppliers().get(1).supplierId())
                    .isNotEqualTo(point.suppliers().get(0).supplierId());
            // the day after the window is "today" of a market whose consumption ends yesterday, and the hub takes a
            // change of supplier at most 28 days ahead unless ISD says otherwise
            assertThat(point.suppliers().get(1).from())
                    .isAfter(market.size().lastDay().plusDays(1))
                    .isBeforeOrEqualTo(market.size().lastDay().plusDays(1 + 28));
        });
    }

    @Test
    void clockChangeDaysHaveFortySixAndFiftyPeriods() {
        SyntheticMarket market = SyntheticMarket.generate(3, MarketSize.of(2, 20, 240, SPRING_FORWARD.minusDays(2)));

        Map<LocalDate, Set<Integer>> periodCounts = market.consumption()
                .collect(Collectors.groupingBy(
                        ConsumptionSubmission::day,
                        Collectors.mapping(ConsumptionSubmission::periodCount, Collectors.toSet())));

        assertThat(periodCounts.get(SPRING_FORWARD)).containsExactly(46);
        assertThat(periodCounts.get(AUTUMN_BACK)).containsExactly(50);
        assertThat(periodCounts.get(SPRING_FORWARD.minusDays(1))).containsExactly(48);
        assertThat(periodCounts)
                .allSatisfy((day, counts) -> assertThat(counts)
                        .containsExactly(SettlementDate.of(day).periodCount()));
    }

    @Test
    void everyReadingPassesTheHubsRules() {
        SyntheticMarket market = SyntheticMarket.generate(9, MarketSize.of(3, 300, 40, LocalDate.of(2026, 1, 1)));

        assertThat(market.consumption())
                .allSatisfy(submission -> IntStream.rangeClosed(1, submission.periodCount())
                        .forEach(period -> {
                            long wh = submission.wattHours(period);
                            assertThat(wh).isBetween(0L, SyntheticMarket.MAX_READING_WATT_HOURS);
                            assertThat(Energy.ofKwh(Energy.ofWattHours(wh).toString())
                                            .wattHours())
                                    .isEqualTo(wh);
                        }));
    }

    @Test
    void domesticDaysAreLowAtNightWithMorningAndLargerEveningPeaks() {
        SyntheticMarket market = SyntheticMarket.generate(21, MarketSize.of(3, 400, 14, LocalDate.of(2026, 1, 12)));
        Set<String> domestic = market.meteringPoints().stream()
                .filter(p -> p.profile() == LoadProfile.DOMESTIC)
                .map(SyntheticMeteringPoint::mpan)
                .collect(Collectors.toSet());
        long[] byPeriod = new long[48];
        market.consumption()
                .filter(s -> s.version() == 1 && domestic.contains(s.mpan()))
                .forEach(s -> {
                    for (int period = 1; period <= 48; period++) {
                        byPeriod[period - 1] += s.wattHours(period);
                    }
                });

        long night = byPeriod[6] + byPeriod[7]; // 03:00-04:00
        long morning = byPeriod[14] + byPeriod[15]; // 07:00-08:00
        long evening = byPeriod[36] + byPeriod[37]; // 18:00-19:00
        assertThat(morning).isGreaterThan(2 * night);
        assertThat(evening).isGreaterThan(morning).isGreaterThan(3 * night);
    }

    @Test
    void yearlyTotalsMatchTheMeteringPointsScaleAndWinterExceedsSummer() {
        SyntheticMarket market = SyntheticMarket.generate(13, MarketSize.of(2, 30, 365, LocalDate.of(2025, 7, 1)));
        Map<String, Long> annual = market.meteringPoints().stream()
                .collect(Collectors.toMap(SyntheticMeteringPoint::mpan, SyntheticMeteringPoint::annualWattHours));
        Map<String, Long> total = new java.util.HashMap<>();
        long[] january = new long[1];
        long[] july = new long[1];
        market.consumption().filter(s -> s.version() == 1).forEach(s -> {
            total.merge(s.mpan(), s.totalWattHours(), Long::sum);
            if (s.day().getMonth() == Month.JANUARY) {
                january[0] += s.totalWattHours();
            } else if (s.day().getMonth() == Month.JULY) {
                july[0] += s.totalWattHours();
            }
        });

        assertThat(total)
                .allSatisfy(
                        (mpan, wh) -> assertThat((double) wh / annual.get(mpan)).isBetween(0.8, 1.2));
        assertThat(january[0]).isGreaterThan(july[0]);
    }

    @Test
    void aShareOfDaysIsRevisedWithChangedReadingsAfterTheirFirstVersion() {
        SyntheticMarket market = SyntheticMarket.generate(17, MarketSize.of(3, 500, 20, LocalDate.of(2026, 4, 1)));
        List<ConsumptionSubmission> all = market.consumption().toList();
        Map<String, Integer> firstIndex = new java.util.HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).version() == 1) {
                firstIndex.put(all.get(i).mpan() + all.get(i).day(), i);
            }
        }
        List<ConsumptionSubmission> revisions =
                all.stream().filter(s -> s.version() == 2).toList();

        assertThat(all).hasSize((int) market.submissionCount());
        assertThat(firstIndex).hasSize(500 * 20);
        assertThat(revisions).hasSizeBetween(800, 1200);
        assertThat(revisions).allSatisfy(revision -> {
            int first = firstIndex.get(revision.mpan() + revision.day());
            assertThat(all.indexOf(revision)).isGreaterThan(first);
            assertThat(revision.wattHours()).isNotEqualTo(all.get(first).wattHours());
        });
        assertThat(all).anySatisfy(s -> assertThat(s.estimated()).contains(true));
    }

    @Test
    void consumptionIsGeneratedLazily() {
        SyntheticMarket market =
                SyntheticMarket.generate(1, MarketSize.of(2, 10_000, 10_000, LocalDate.of(1999, 1, 1)));

        Set<String> firstDayMpans = new HashSet<>();
        market.consumption().limit(5).forEach(s -> firstDayMpans.add(s.mpan() + s.day()));

        assertThat(firstDayMpans).hasSize(5);
    }
}
