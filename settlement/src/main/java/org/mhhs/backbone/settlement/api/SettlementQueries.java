package org.mhhs.backbone.settlement.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;

/** Allocated volumes and settlement runs. Reflects events processed so far. */
public interface SettlementQueries {

    /**
     * The live allocation of a day, optionally for one GSP group and/or one supplier, ordered by GSP group, supplier,
     * period.
     */
    List<AllocatedVolumeView> findAllocatedVolumes(
            LocalDate settlementDate, Optional<GspGroupId> gspGroupId, Optional<ParticipantId> supplier);

    /** The runs of a day in the order they happened. */
    List<SettlementRunView> findRuns(LocalDate settlementDate);

    Optional<SettlementRunView> findRun(LocalDate settlementDate, SettlementRunType runType);

    /** The figures a run froze, optionally for one GSP group and/or one supplier. */
    List<AllocatedVolumeView> findRunVolumes(
            LocalDate settlementDate,
            SettlementRunType runType,
            Optional<GspGroupId> gspGroupId,
            Optional<ParticipantId> supplier);
}
