package org.mhhs.backbone.settlement.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * The outcome of a reproducibility audit of a run: the allocation re-derived from the event store up to the run's
 * position is identical to what the run published (same content hash), or differs in the listed cells, or cannot
 * be re-derived because the readings of the listed MPAN-days ("MPAN/date") were shredded since.
 */
public record AuditView(
        UUID auditId,
        ParticipantId auditor,
        Instant auditedAt,
        LocalDate settlementDate,
        SettlementRunType runType,
        long position,
        boolean identical,
        String publishedHash,
        String derivedHash,
        List<Difference> differences,
        List<String> shreddedConsumptionDays) {

    public AuditView {
        differences = List.copyOf(differences);
        shreddedConsumptionDays = List.copyOf(shreddedConsumptionDays);
    }

    /** A cell whose published figure (empty when the run had no such cell) differs from the re-derived one. */
    public record Difference(
            int period,
            GspGroupId gspGroupId,
            ParticipantId supplier,
            Optional<Energy> published,
            Optional<Energy> derived,
            int publishedMpanCount,
            int derivedMpanCount) {}
}
