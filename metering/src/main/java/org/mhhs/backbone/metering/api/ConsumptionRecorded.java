package org.mhhs.backbone.metering.api;

import java.time.LocalDate;
import java.util.List;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.ParticipantId;

/**
 * Version {@code version} of an MPAN's consumption for a settlement day, replacing {@code replacesVersion} (0 for the
 * first). It carries the supplier and GSP group in force that day so that no consumer needs a join. The readings are
 * stored compactly (see {@link ReadingsCodec}): these events are most of the store.
 */
public record ConsumptionRecorded(String consumptionDayId, Mpan mpan, LocalDate settlementDate, int version,
                                  int replacesVersion, ParticipantId dataService, ParticipantId supplier,
                                  GspGroupId gspGroupId, int periodCount, String wattHours, String estimated)
        implements ConsumptionEvent {

    public List<SubmitConsumption.Reading> decodedReadings() {
        return ReadingsCodec.decode(periodCount, wattHours, estimated);
    }

    public long totalWattHours() {
        return ReadingsCodec.totalWattHours(wattHours);
    }
}
