package org.mhhs.backbone.grpc.disputes;

import static org.mhhs.backbone.grpc.ProtoMapping.date;
import static org.mhhs.backbone.grpc.ProtoMapping.id;

import org.mhhs.backbone.disputes.api.DisputeEvent;
import org.mhhs.backbone.disputes.api.DisputeRaised;
import org.mhhs.backbone.disputes.api.DisputeResolved;
import org.mhhs.backbone.grpc.EnvelopeContent;
import org.mhhs.backbone.grpc.v1.EventEnvelope;
import org.springframework.stereotype.Component;

/** The typed body of every disputes event in the envelope subscribers receive. */
@Component
class DisputesEnvelopeContent implements EnvelopeContent {

    @Override
    public boolean fill(Object payload, EventEnvelope.Builder envelope) {
        if (!(payload instanceof DisputeEvent event)) {
            return false;
        }
        switch (event) {
            case DisputeRaised e ->
                envelope.setDisputeRaised(org.mhhs.backbone.grpc.v1.DisputeRaised.newBuilder()
                        .setDisputeId(e.disputeId().toString())
                        .setSettlementDate(date(e.settlementDate()))
                        .setSupplier(id(e.supplier()))
                        .setReason(e.reason()));
            case DisputeResolved e ->
                envelope.setDisputeResolved(org.mhhs.backbone.grpc.v1.DisputeResolved.newBuilder()
                        .setDisputeId(e.disputeId().toString())
                        .setSettlementDate(date(e.settlementDate()))
                        .setSupplier(id(e.supplier()))
                        .setResolution(e.resolution())
                        .setResolvedBy(id(e.resolvedBy())));
        }
        return true;
    }
}
