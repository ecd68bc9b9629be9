package org.mhhs.backbone.metering.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * Version {@code version} of an MPAN's consumption for a settlement day, replacing {@code replacesVersion} (0 for the
 * first). It carries the supplier and GSP group in force that day so that no consumer needs a join. Those routing
 * fields are in clear; the readings (watt-hours and quality flags, in {@link ReadingsCodec}'s binary form) are
 * encrypted with version {@code keyVersion} of the MPAN's data key and kept as base64 in {@code sealedReadings}:
 * open them with {@link ConsumptionCipher}. Once the MPAN's key is shredded they can never be opened again.
 */
@Revision("2")
public record ConsumptionRecorded(String consumptionDayId, Mpan mpan, LocalDate settlementDate, int version,
                                  int replacesVersion, ParticipantId dataService, ParticipantId supplier,
                                  GspGroupId gspGroupId, int periodCount, int keyVersion, String sealedReadings)
        implements ConsumptionEvent {
}
