package org.mhhs.backbone.settlement;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.settlement.api.AllocatedVolumeView;
import org.mhhs.backbone.settlement.api.AllocationAsAtView;
import org.mhhs.backbone.settlement.api.AuditView;
import org.mhhs.backbone.settlement.api.SettlementAudits;
import org.mhhs.backbone.settlement.api.SettlementQueries;
import org.mhhs.backbone.settlement.api.SettlementRunView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Audits a run by re-deriving its allocation from the event store up to the run's recorded position and comparing it
 * with the figures the run published; records every request and its outcome in settlement.audit_record. When
 * some MPAN-days the run counted were shredded since, the run cannot be re-derived: the outcome is SHREDDED, naming
 * them, with no differences (they would be nothing but the shredded volumes).
 */
@Component
class JdbcSettlementAudits implements SettlementAudits {

    private final EventStoreAllocationDerivation derivation;
    private final SettlementQueries queries;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    JdbcSettlementAudits(
            EventStoreAllocationDerivation derivation, SettlementQueries queries, JdbcTemplate jdbc, Clock clock) {
        this.derivation = derivation;
        this.queries = queries;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<AuditView> auditRun(LocalDate settlementDate, SettlementRunType runType, ParticipantId auditor) {
        Optional<SettlementRunView> found = queries.findRun(settlementDate, runType);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SettlementRunView run = found.get();
        EventStoreAllocationDerivation.Derivation rederived =
                derivation.derive(settlementDate, run.position(), new HashSet<>(run.excludedPositions()));
        SortedMap<Allocation.Cell, Allocation.Figure> derived = rederived.cells();
        List<String> shredded = List.copyOf(rederived.shreddedConsumptionDays());
        SortedMap<Allocation.Cell, Allocation.Figure> published = new TreeMap<>();
        queries.findRunVolumes(settlementDate, runType, Optional.empty(), Optional.empty())
                .forEach(volume -> published.put(
                        cellOf(volume), new Allocation.Figure(volume.energy().wattHours(), volume.mpanCount())));
        String derivedHash = AllocationHash.of(derived);
        List<AuditView.Difference> differences = shredded.isEmpty() ? differences(published, derived) : List.of();
        boolean identical = shredded.isEmpty() && differences.isEmpty() && derivedHash.equals(run.contentHash());
        AuditView audit = new AuditView(
                UUID.randomUUID(),
                auditor,
                clock.instant(),
                settlementDate,
                runType,
                run.position(),
                identical,
                run.contentHash(),
                derivedHash,
                differences,
                shredded);
        String outcome = !shredded.isEmpty() ? "SHREDDED" : identical ? "IDENTICAL" : "DIFFERENT";
        record(
                audit.auditId(),
                auditor,
                audit.auditedAt(),
                settlementDate,
                runType,
                run.position(),
                outcome,
                derivedHash,
                differences.size());
        return Optional.of(audit);
    }

    @Override
    public AllocationAsAtView allocationAsAt(LocalDate settlementDate, long position, ParticipantId auditor) {
        SortedMap<Allocation.Cell, Allocation.Figure> derived =
                derivation.derive(settlementDate, position, Set.of()).cells();
        String hash = AllocationHash.of(derived);
        List<AllocatedVolumeView> volumes = new ArrayList<>(derived.size());
        derived.forEach((cell, figure) -> volumes.add(new AllocatedVolumeView(
                cell.settlementDate(),
                cell.period(),
                cell.gspGroupId(),
                cell.supplier(),
                Energy.ofWattHours(figure.wattHours()),
                figure.mpanCount())));
        UUID auditId = UUID.randomUUID();
        record(auditId, auditor, clock.instant(), settlementDate, null, position, "AS_AT", hash, 0);
        return new AllocationAsAtView(auditId, settlementDate, position, hash, volumes);
    }

    private static Allocation.Cell cellOf(AllocatedVolumeView volume) {
        return new Allocation.Cell(volume.settlementDate(), volume.gspGroupId(), volume.supplier(), volume.period());
    }

    private static List<AuditView.Difference> differences(
            SortedMap<Allocation.Cell, Allocation.Figure> published,
            SortedMap<Allocation.Cell, Allocation.Figure> derived) {
        TreeSet<Allocation.Cell> cells = new TreeSet<>(published.keySet());
        cells.addAll(derived.keySet());
        List<AuditView.Difference> differences = new ArrayList<>();
        for (Allocation.Cell cell : cells) {
            Allocation.Figure expected = published.get(cell);
            Allocation.Figure found = derived.get(cell);
            if (expected == null || !expected.equals(found)) {
                differences.add(new AuditView.Difference(
                        cell.period(),
                        cell.gspGroupId(),
                        cell.supplier(),
                        Optional.ofNullable(expected).map(f -> Energy.ofWattHours(f.wattHours())),
                        Optional.ofNullable(found).map(f -> Energy.ofWattHours(f.wattHours())),
                        expected == null ? 0 : expected.mpanCount(),
                        found == null ? 0 : found.mpanCount()));
            }
        }
        return differences;
    }

    private void record(
            UUID auditId,
            ParticipantId auditor,
            Instant at,
            LocalDate settlementDate,
            SettlementRunType runType,
            long position,
            String outcome,
            String hash,
            int differenceCount) {
        jdbc.update(
                """
                INSERT INTO settlement.audit_record (audit_id, auditor_id, audited_at, settlement_date, run_type,
                    position, outcome, content_hash, difference_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                auditId,
                auditor.value(),
                Timestamp.from(at),
                Date.valueOf(settlementDate),
                runType == null ? null : runType.name(),
                position,
                outcome,
                hash,
                differenceCount);
    }
}
