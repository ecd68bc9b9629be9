package org.mhhs.backbone.grpc.settlement;

import org.mhhs.backbone.grpc.EnvelopeContent;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.mhhs.backbone.settlement.api.DnoTotalsPublished;
import org.mhhs.backbone.settlement.api.SettlementRunCompleted;
import org.mhhs.backbone.settlement.api.SettlementRunEvent;
import org.mhhs.backbone.settlement.api.SupplierAllocationPublished;
import org.springframework.stereotype.Component;

/** The typed body of every settlement event in the envelope subscribers receive. */
@Component
class SettlementEnvelopeContent implements EnvelopeContent {

    @Override
    public boolean fill(Object payload, EventEnvelope.Builder envelope) {
        if (!(payload instanceof SettlementRunEvent event)) {
            return false;
        }
        switch (event) {
            case SupplierAllocationPublished e ->
                envelope.setSupplierAllocationPublished(SettlementEventMessages.of(e));
            case DnoTotalsPublished e -> envelope.setDnoTotalsPublished(SettlementEventMessages.of(e));
            case SettlementRunCompleted e -> envelope.setSettlementRunCompleted(SettlementEventMessages.of(e));
        }
        return true;
    }
}
