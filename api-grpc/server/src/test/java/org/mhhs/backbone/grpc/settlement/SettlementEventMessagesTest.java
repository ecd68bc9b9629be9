package org.mhhs.backbone.grpc.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.settlement.api.DnoTotalsPublished;
import org.mhhs.backbone.settlement.api.RunTrigger;
import org.mhhs.backbone.settlement.api.SettlementRunCompleted;
import org.mhhs.backbone.settlement.api.SupplierAllocationPublished;
import org.mhhs.backbone.testing.MarketDays;

class SettlementEventMessagesTest {

    private static final LocalDate DAY = MarketDays.daysAgo(35);

    @Test
    void aSuppliersAllocationKeepsItsRecipientAndExactKwh() {
        var message = SettlementEventMessages.of(new SupplierAllocationPublished(
                DAY.toString(),
                DAY,
                SettlementRunType.SF,
                ParticipantId.of("SUPA"),
                List.of(new SupplierAllocationPublished.Volume(GspGroupId.of("_A"), 3, Energy.ofWattHours(1_250), 2))));

        assertThat(message.getSupplier()).isEqualTo("SUPA");
        assertThat(message.getRunType()).isEqualTo(org.mhhs.backbone.grpc.v1.SettlementRunType.SETTLEMENT_RUN_TYPE_SF);
        assertThat(message.getVolumes(0).getKwh()).isEqualTo("1.250");
        assertThat(message.getVolumes(0).getPeriod()).isEqualTo(3);
        assertThat(message.getVolumes(0).getMpanCount()).isEqualTo(2);
    }

    @Test
    void aDnosTotalsKeepTheirRecipient() {
        var message = SettlementEventMessages.of(new DnoTotalsPublished(
                DAY.toString(),
                DAY,
                SettlementRunType.R1,
                ParticipantId.of("DNOE"),
                List.of(new DnoTotalsPublished.Total(GspGroupId.of("_A"), 1, Energy.ofWattHours(7), 1))));

        assertThat(message.getDno()).isEqualTo("DNOE");
        assertThat(message.getTotals(0).getKwh()).isEqualTo("0.007");
    }

    @Test
    void theSummaryCarriesPositionGapsAndHash() {
        var message = SettlementEventMessages.of(new SettlementRunCompleted(
                DAY.toString(),
                DAY,
                SettlementRunType.RF,
                42,
                List.of(40L),
                "ab".repeat(32),
                3,
                2,
                Energy.ofWattHours(3_750),
                ParticipantId.of("OPER"),
                RunTrigger.SCHEDULER));

        assertThat(message.getPosition()).isEqualTo(42);
        assertThat(message.getExcludedPositionsList()).containsExactly(40L);
        assertThat(message.getTotalKwh()).isEqualTo("3.750");
        assertThat(message.getTrigger()).isEqualTo(org.mhhs.backbone.grpc.v1.RunTrigger.RUN_TRIGGER_SCHEDULER);
    }
}
