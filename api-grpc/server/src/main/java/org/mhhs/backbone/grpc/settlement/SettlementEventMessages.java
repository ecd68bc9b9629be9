package org.mhhs.backbone.grpc.settlement;

import org.mhhs.backbone.grpc.ProtoMapping;
import org.mhhs.backbone.grpc.v1.RunVolume;
import org.mhhs.backbone.settlement.api.DnoTotalsPublished;
import org.mhhs.backbone.settlement.api.RunTrigger;
import org.mhhs.backbone.settlement.api.SettlementRunCompleted;
import org.mhhs.backbone.settlement.api.SupplierAllocationPublished;

/** The wire form of the events a settlement run publishes, for the envelope subscribers receive. */
final class SettlementEventMessages {

    private SettlementEventMessages() {}

    static org.mhhs.backbone.grpc.v1.SupplierAllocationPublished of(SupplierAllocationPublished event) {
        var message = org.mhhs.backbone.grpc.v1.SupplierAllocationPublished.newBuilder()
                .setSettlementDate(event.settlementDate().toString())
                .setRunType(ProtoMapping.runType(event.runType()))
                .setSupplier(event.supplier().value());
        event.volumes()
                .forEach(volume -> message.addVolumes(RunVolume.newBuilder()
                        .setGspGroupId(volume.gspGroupId().value())
                        .setPeriod(volume.period())
                        .setKwh(volume.energy().toString())
                        .setMpanCount(volume.mpanCount())));
        return message.build();
    }

    static org.mhhs.backbone.grpc.v1.DnoTotalsPublished of(DnoTotalsPublished event) {
        var message = org.mhhs.backbone.grpc.v1.DnoTotalsPublished.newBuilder()
                .setSettlementDate(event.settlementDate().toString())
                .setRunType(ProtoMapping.runType(event.runType()))
                .setDno(event.dno().value());
        event.totals()
                .forEach(total -> message.addTotals(RunVolume.newBuilder()
                        .setGspGroupId(total.gspGroupId().value())
                        .setPeriod(total.period())
                        .setKwh(total.energy().toString())
                        .setMpanCount(total.mpanCount())));
        return message.build();
    }

    static org.mhhs.backbone.grpc.v1.SettlementRunCompleted of(SettlementRunCompleted event) {
        return org.mhhs.backbone.grpc.v1.SettlementRunCompleted.newBuilder()
                .setSettlementDate(event.settlementDate().toString())
                .setRunType(ProtoMapping.runType(event.runType()))
                .setPosition(event.position())
                .addAllExcludedPositions(event.excludedPositions())
                .setContentHash(event.contentHash())
                .setCellCount(event.cellCount())
                .setSupplierCount(event.supplierCount())
                .setTotalKwh(event.total().toString())
                .setRequestedBy(event.requestedBy().value())
                .setTrigger(trigger(event.trigger()))
                .build();
    }

    static org.mhhs.backbone.grpc.v1.RunTrigger trigger(RunTrigger trigger) {
        return switch (trigger) {
            case OPERATOR -> org.mhhs.backbone.grpc.v1.RunTrigger.RUN_TRIGGER_OPERATOR;
            case SCHEDULER -> org.mhhs.backbone.grpc.v1.RunTrigger.RUN_TRIGGER_SCHEDULER;
        };
    }
}
