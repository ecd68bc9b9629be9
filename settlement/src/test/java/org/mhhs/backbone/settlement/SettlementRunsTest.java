package org.mhhs.backbone.settlement;

import static org.hamcrest.Matchers.equalTo;
import static org.mhhs.backbone.isd.api.SettlementRunType.DF;
import static org.mhhs.backbone.isd.api.SettlementRunType.R1;
import static org.mhhs.backbone.isd.api.SettlementRunType.R2;
import static org.mhhs.backbone.isd.api.SettlementRunType.R3;
import static org.mhhs.backbone.isd.api.SettlementRunType.RF;
import static org.mhhs.backbone.isd.api.SettlementRunType.SF;
import static org.mhhs.backbone.kernel.RuleViolation.Kind.PRECONDITION;
import static org.mhhs.backbone.kernel.testing.MarketFixture.EASTERN;
import static org.mhhs.backbone.kernel.testing.MarketFixture.OPERATOR;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_A;
import static org.mhhs.backbone.kernel.testing.MarketFixture.SUPPLIER_B;
import static org.mhhs.backbone.kernel.testing.MarketFixture.WESTERN;
import static org.mhhs.backbone.kernel.testing.RuleViolationMatcher.aViolationOf;
import static org.mhhs.backbone.settlement.SettlementFixtures.DAY;
import static org.mhhs.backbone.settlement.SettlementFixtures.DNO_EAST;
import static org.mhhs.backbone.settlement.SettlementFixtures.DNO_WEST;
import static org.mhhs.backbone.settlement.SettlementFixtures.completed;
import static org.mhhs.backbone.settlement.SettlementFixtures.longAfter;
import static org.mhhs.backbone.settlement.SettlementFixtures.on;
import static org.mhhs.backbone.settlement.SettlementFixtures.run;
import static org.mhhs.backbone.settlement.SettlementFixtures.scheduled;
import static org.mhhs.backbone.settlement.SettlementFixtures.settlementDayFixture;
import static org.mhhs.backbone.settlement.SettlementFixtures.theMarket;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.settlement.SettlementFixtures.Frozen;
import org.mhhs.backbone.settlement.api.DnoTotalsPublished;
import org.mhhs.backbone.settlement.api.RunTrigger;
import org.mhhs.backbone.settlement.api.SettlementRunCompleted;
import org.mhhs.backbone.settlement.api.SupplierAllocationPublished;
import org.mhhs.backbone.settlement.api.SupplierAllocationPublished.Volume;

/** Run ordering, the calendar's due dates, and what a run publishes to whom. */
class SettlementRunsTest {

    private static final String DAY_ID = DAY.toString();
    /** The content hash of an empty allocation: what a run over {@code new Frozen()} answers. */
    private static final String NOTHING_HASH = AllocationHash.of(new Frozen().cells());

    @Test
    void aRunPublishesEachSupplierItsOwnVolumesEachDnoItsGroupsTotalsAndASummaryWithTheHash() {
        Frozen allocation = new Frozen()
                .at(42, 40L)
                .cell(EASTERN, SUPPLIER_A, 1, 1_250, 2)
                .cell(EASTERN, SUPPLIER_B, 1, 500, 1)
                .cell(WESTERN, SUPPLIER_A, 1, 2_000, 1);
        String hash = AllocationHash.of(allocation.cells());

        settlementDayFixture(theMarket(), allocation, longAfter())
                .givenNoPriorActivity()
                .when(run(SF))
                .expectEvents(
                        new SupplierAllocationPublished(
                                DAY_ID,
                                DAY,
                                SF,
                                SUPPLIER_A,
                                List.of(
                                        new Volume(EASTERN, 1, Energy.ofWattHours(1_250), 2),
                                        new Volume(WESTERN, 1, Energy.ofWattHours(2_000), 1))),
                        new SupplierAllocationPublished(
                                DAY_ID,
                                DAY,
                                SF,
                                SUPPLIER_B,
                                List.of(new Volume(EASTERN, 1, Energy.ofWattHours(500), 1))),
                        new DnoTotalsPublished(
                                DAY_ID,
                                DAY,
                                SF,
                                DNO_EAST,
                                List.of(new DnoTotalsPublished.Total(EASTERN, 1, Energy.ofWattHours(1_750), 3))),
                        new DnoTotalsPublished(
                                DAY_ID,
                                DAY,
                                SF,
                                DNO_WEST,
                                List.of(new DnoTotalsPublished.Total(WESTERN, 1, Energy.ofWattHours(2_000), 1))),
                        new SettlementRunCompleted(
                                DAY_ID,
                                DAY,
                                SF,
                                42,
                                List.of(40L),
                                hash,
                                3,
                                2,
                                Energy.ofWattHours(3_750),
                                OPERATOR,
                                RunTrigger.OPERATOR))
                .expectResultMessagePayload(hash);
    }

    @Test
    void aDayWithoutConsumptionStillHasItsRunWithTheHashOfNothing() {
        settlementDayFixture(theMarket(), new Frozen().at(7), longAfter())
                .givenNoPriorActivity()
                .when(run(SF))
                .expectEvents(new SettlementRunCompleted(
                        DAY_ID,
                        DAY,
                        SF,
                        7,
                        List.of(),
                        AllocationHash.of(new Frozen().cells()),
                        0,
                        0,
                        Energy.ZERO,
                        OPERATOR,
                        RunTrigger.OPERATOR));
    }

    @Test
    void sfCannotRunBeforeItFallsDue() {
        // SF is due 5 working days after Monday 2 November: Monday 9 November
        settlementDayFixture(theMarket(), new Frozen(), on("2026-11-06"))
                .givenNoPriorActivity()
                .when(scheduled(SF))
                .expectNoEvents()
                .expectException(aViolationOf(RunMustHaveFallenDue.RULE, PRECONDITION));
    }

    @Test
    void sfRunsOnTheDayItFallsDue() {
        settlementDayFixture(theMarket(), new Frozen(), on("2026-11-09"))
                .givenNoPriorActivity()
                .when(scheduled(SF))
                .expectEvents(completed(SF, RunTrigger.SCHEDULER))
                .expectResultMessagePayload(NOTHING_HASH);
    }

    @Test
    void aBankHolidayIsNotAWorkingDaySoItPushesTheDueDateBack() {
        var withHoliday = theMarket().withBankHoliday(LocalDate.of(2026, 11, 4), "Bank holiday");

        settlementDayFixture(withHoliday, new Frozen(), on("2026-11-09"))
                .givenNoPriorActivity()
                .when(scheduled(SF))
                .expectNoEvents()
                .expectException(aViolationOf(RunMustHaveFallenDue.RULE, PRECONDITION));
        settlementDayFixture(withHoliday, new Frozen(), on("2026-11-10"))
                .givenNoPriorActivity()
                .when(scheduled(SF))
                .expectEvents(completed(SF, RunTrigger.SCHEDULER))
                .expectResultMessagePayload(NOTHING_HASH);
    }

    @Test
    void aCalendarWithoutScheduleMakesNoRunDue() {
        settlementDayFixture(theMarket().withRunSchedule(Map.of()), new Frozen(), longAfter())
                .givenNoPriorActivity()
                .when(run(SF))
                .expectNoEvents()
                .expectException(aViolationOf(RunMustHaveFallenDue.RULE, PRECONDITION));
    }

    @Test
    void aRunCannotBeRepeated() {
        settlementDayFixture(theMarket(), new Frozen(), longAfter())
                .given(completed(SF))
                .when(run(SF))
                .expectNoEvents()
                .expectException(aViolationOf(RunHappensOnce.RULE, PRECONDITION).about(equalTo("SF " + DAY)));
    }

    @Test
    void r1NeedsSfFirst() {
        settlementDayFixture(theMarket(), new Frozen(), longAfter())
                .givenNoPriorActivity()
                .when(run(R1))
                .expectNoEvents()
                .expectException(
                        aViolationOf(RunsHappenInOrder.RULE, PRECONDITION).about(equalTo("SF " + DAY)));
    }

    @Test
    void rfComesOnlyAfterSfAndTheReconciliationRuns() {
        settlementDayFixture(theMarket(), new Frozen(), longAfter())
                .given(completed(SF), completed(R1), completed(R2))
                .when(run(RF))
                .expectNoEvents()
                .expectException(
                        aViolationOf(RunsHappenInOrder.RULE, PRECONDITION).about(equalTo("R3 " + DAY)));
        settlementDayFixture(theMarket(), new Frozen(), longAfter())
                .given(completed(SF), completed(R1), completed(R2), completed(R3))
                .when(run(RF))
                .expectEvents(completed(RF))
                .expectResultMessagePayload(NOTHING_HASH);
    }

    @Test
    void rfCannotRunBeforeItFallsDueEvenAfterR3() {
        settlementDayFixture(theMarket(), new Frozen(), on("2027-01-29"))
                .given(completed(SF), completed(R1), completed(R2), completed(R3))
                .when(run(RF))
                .expectNoEvents()
                .expectException(aViolationOf(RunMustHaveFallenDue.RULE, PRECONDITION));
    }

    @Test
    void dfComesOnlyAfterRf() {
        settlementDayFixture(theMarket(), new Frozen(), longAfter())
                .given(completed(SF), completed(R1), completed(R2), completed(R3))
                .when(run(DF))
                .expectNoEvents()
                .expectException(
                        aViolationOf(RunsHappenInOrder.RULE, PRECONDITION).about(equalTo("RF " + DAY)));
    }

    @Test
    void dfRunsOnAnOperatorsRequestAfterRfWithoutADueDate() {
        settlementDayFixture(theMarket().withRunSchedule(Map.of()), new Frozen(), longAfter())
                .given(completed(SF), completed(R1), completed(R2), completed(R3), completed(RF))
                .when(run(DF))
                .expectEvents(completed(DF))
                .expectResultMessagePayload(NOTHING_HASH);
    }

    @Test
    void theSchedulerCannotStartDf() {
        settlementDayFixture(theMarket(), new Frozen(), longAfter())
                .given(completed(SF), completed(R1), completed(R2), completed(R3), completed(RF))
                .when(scheduled(DF))
                .expectNoEvents()
                .expectException(aViolationOf(DfOnlyOnOperatorRequest.RULE, PRECONDITION));
    }
}
