package org.mhhs.backbone.grpc.disputes;

import static org.mhhs.backbone.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.UUID;
import org.mhhs.backbone.disputes.api.DisputeQueries;
import org.mhhs.backbone.disputes.api.DisputeView;
import org.mhhs.backbone.disputes.api.RaiseDispute;
import org.mhhs.backbone.disputes.api.ResolveDispute;
import org.mhhs.backbone.grpc.CallerContext;
import org.mhhs.backbone.grpc.CallerRoles;
import org.mhhs.backbone.grpc.CommandDispatcher;
import org.mhhs.backbone.grpc.CommandDispatcher.Dispatch;
import org.mhhs.backbone.grpc.CommandDispatcher.Outcome;
import org.mhhs.backbone.grpc.CommandDispatcher.Target;
import org.mhhs.backbone.grpc.ProtoMapping;
import org.mhhs.backbone.grpc.RequestFields;
import org.mhhs.backbone.grpc.v1.CommandAck;
import org.mhhs.backbone.grpc.v1.Dispute;
import org.mhhs.backbone.grpc.v1.DisputeServiceGrpc;
import org.mhhs.backbone.grpc.v1.GetDisputeRequest;
import org.mhhs.backbone.grpc.v1.RaiseDisputeRequest;
import org.mhhs.backbone.grpc.v1.RaiseDisputeResponse;
import org.mhhs.backbone.grpc.v1.ResolveDisputeRequest;
import org.mhhs.backbone.kernel.MarketRole;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.springframework.stereotype.Service;

@Service
class DisputeGrpcService extends DisputeServiceGrpc.DisputeServiceImplBase {

    /** A dispute the caller may not see is answered exactly as one that does not exist. */
    static final String DISPUTE_MUST_EXIST = "DisputeMustExist";

    private static final int MAX_TEXT = 200;

    private final CommandDispatcher dispatcher;
    private final DisputeQueries disputes;
    private final CallerRoles roles;

    DisputeGrpcService(CommandDispatcher dispatcher, DisputeQueries disputes, CallerRoles roles) {
        this.dispatcher = dispatcher;
        this.disputes = disputes;
        this.roles = roles;
    }

    /** The id is random, so that nobody can guess another supplier's; a resent command answers the first one's. */
    @Override
    public void raiseDispute(RaiseDisputeRequest request, StreamObserver<RaiseDisputeResponse> response) {
        UUID disputeId = UUID.randomUUID();
        Outcome outcome = dispatcher.send(request, fields -> {
            LocalDate day = fields.date("settlement_date", request.getSettlementDate());
            String reason = fields.text("reason", request.getReason(), MAX_TEXT, true);
            return () -> new Dispatch<>(
                    new RaiseDispute(disputeId, day, CallerContext.participant(), reason),
                    new Target("dispute " + disputeId));
        });
        reply(
                response,
                outcome.into(RaiseDisputeResponse.newBuilder())
                        .setDisputeId(outcome.result())
                        .build());
    }

    @Override
    public void resolveDispute(ResolveDisputeRequest request, StreamObserver<CommandAck> response) {
        dispatcher.answer(request, response, fields -> {
            UUID disputeId = fields.uuid("dispute_id", request.getDisputeId());
            String resolution = fields.text("resolution", request.getResolution(), MAX_TEXT, true);
            return () -> new Dispatch<>(
                    new ResolveDispute(disputeId, resolution, CallerContext.participant()),
                    new Target("dispute " + disputeId));
        });
    }

    @Override
    public void getDispute(GetDisputeRequest request, StreamObserver<Dispute> response) {
        RequestFields fields = new RequestFields();
        UUID disputeId = fields.uuid("dispute_id", request.getDisputeId());
        fields.validate();
        ParticipantId caller = CallerContext.participant();
        DisputeView dispute = disputes.findDispute(disputeId)
                .filter(found -> found.supplier().equals(caller)
                        || roles.holdsAnyToday(caller, MarketRole.OPERATOR, MarketRole.AUDITOR))
                .orElseThrow(() -> RuleViolation.notFound(
                        DISPUTE_MUST_EXIST, disputeId.toString(), "there is no dispute " + disputeId));
        Dispute.Builder answer = Dispute.newBuilder()
                .setDisputeId(dispute.disputeId().toString())
                .setSettlementDate(dispute.settlementDate().toString())
                .setSupplierId(dispute.supplier().value())
                .setReason(dispute.reason())
                .setRaisedAt(ProtoMapping.timestamp(dispute.raisedAt()))
                .setResolution(dispute.resolution() == null ? "" : dispute.resolution())
                .setResolvedBy(ProtoMapping.id(dispute.resolvedBy()));
        reply(response, answer.build());
    }
}
