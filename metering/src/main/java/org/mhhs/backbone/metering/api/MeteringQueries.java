package org.mhhs.backbone.metering.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.mhhs.backbone.kernel.Mpan;

/** Recorded consumption, by MPAN and settlement day. Reflects events processed so far. */
public interface MeteringQueries {

    List<ConsumptionVersionView> findVersions(Mpan mpan, LocalDate settlementDate);

    /** A version's readings; version 0 asks for the latest. */
    Optional<ConsumptionView> findConsumption(Mpan mpan, LocalDate settlementDate, int version);
}
