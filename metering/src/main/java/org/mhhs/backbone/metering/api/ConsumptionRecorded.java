package org.mhhs.backbone.metering.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * Version {@code version} of an MPAN's consumption for a settlement day, replacing the version before it (none for
 * the first). It carries the supplier and GSP group in force that day so that no consumer needs a join. Those
 * routing fields are in clear; the readings (watt-hours and quality flags, in {@link ReadingsCodec}'s binary form)
 * are encrypted with version {@code keyVersion} of the MPAN's data key and kept as base64 in {@code sealedReadings}:
 * open them with {@link ConsumptionCipher}. Once the MPAN's key is shredded they can never be opened again.
 * Revision 2: what can be derived (the consumption day id, the version replaced) is not stored, which pays for the
 * encryption's nonce and tag; there is no revision 1 data to upcast.
 */
@Revision("2")
public record ConsumptionRecorded(
        Mpan mpan,
        LocalDate settlementDate,
        int version,
        ParticipantId dataService,
        ParticipantId supplier,
        GspGroupId gspGroupId,
        int periodCount,
        int keyVersion,
        String sealedReadings)
        implements ConsumptionEvent {

    @Override
    public String consumptionDayId() {
        return ConsumptionDayId.of(mpan, settlementDate);
    }

    /** 0 for the first version. */
    public int replacesVersion() {
        return version - 1;
    }
}
