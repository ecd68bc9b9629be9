package org.mhhs.backbone.grpc.metering;

import static org.mhhs.backbone.grpc.ProtoMapping.date;
import static org.mhhs.backbone.grpc.ProtoMapping.id;
import static org.mhhs.backbone.grpc.ProtoMapping.timestamp;

import org.mhhs.backbone.grpc.EnvelopeContent;
import org.mhhs.backbone.grpc.ProtoMapping;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.metering.api.ConsumptionCipher;
import org.mhhs.backbone.metering.api.ConsumptionEvent;
import org.mhhs.backbone.metering.api.ConsumptionKeyEvent;
import org.mhhs.backbone.metering.api.ConsumptionRecorded;
import org.mhhs.backbone.metering.api.ConsumptionShredded;
import org.mhhs.backbone.metering.api.ReadingsCodec;
import org.springframework.stereotype.Component;

/**
 * The typed body of every metering event in the envelope subscribers receive. Consumption readings are opened with
 * the MPAN's data key; readings that no longer open (shredded) are rendered as shredded, without readings.
 */
@Component
class MeteringEnvelopeContent implements EnvelopeContent {

    private final ConsumptionCipher cipher;

    MeteringEnvelopeContent(ConsumptionCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public boolean fill(Object payload, EventEnvelope.Builder envelope) {
        switch (payload) {
            case ConsumptionEvent event -> {
                switch (event) {
                    case ConsumptionRecorded e -> envelope.setConsumptionRecorded(consumption(e));
                }
            }
            case ConsumptionKeyEvent event -> {
                switch (event) {
                    case ConsumptionShredded e ->
                        envelope.setConsumptionShredded(org.mhhs.backbone.grpc.v1.ConsumptionShredded.newBuilder()
                                .setMpan(e.mpan().value())
                                .setKeyVersion(e.keyVersion())
                                .setVersionsShredded(e.versionsShredded())
                                .setShreddedAt(timestamp(e.shreddedAt()))
                                .setShreddedBy(id(e.shreddedBy()))
                                .setReason(e.reason()));
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private org.mhhs.backbone.grpc.v1.ConsumptionRecorded consumption(ConsumptionRecorded e) {
        var recorded = org.mhhs.backbone.grpc.v1.ConsumptionRecorded.newBuilder()
                .setMpan(e.mpan().value())
                .setSettlementDate(date(e.settlementDate()))
                .setVersion(e.version())
                .setReplacesVersion(e.replacesVersion())
                .setDataService(id(e.dataService()))
                .setSupplier(id(e.supplier()))
                .setGspGroupId(e.gspGroupId().value());
        cipher.open(e)
                .ifPresentOrElse(
                        readings -> {
                            recorded.setTotalKwh(Energy.ofWattHours(ReadingsCodec.totalWattHours(readings))
                                    .toString());
                            readings.forEach(reading -> recorded.addReadings(ProtoMapping.periodReading(reading)));
                        },
                        () -> recorded.setShredded(true));
        return recorded.build();
    }
}
