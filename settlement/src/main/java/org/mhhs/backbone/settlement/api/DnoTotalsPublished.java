package org.mhhs.backbone.settlement.api;

import java.time.LocalDate;
import java.util.List;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * One DNO's frozen totals in a run: every supplier together, per GSP group of that DNO and settlement period,
 * ordered by GSP group, then period.
 */
public record DnoTotalsPublished(
        String settlementDayId,
        LocalDate settlementDate,
        SettlementRunType runType,
        ParticipantId dno,
        List<Total> totals)
        implements SettlementRunEvent {

    public DnoTotalsPublished {
        totals = List.copyOf(totals);
    }

    public record Total(GspGroupId gspGroupId, int period, Energy energy, int mpanCount) {}
}
