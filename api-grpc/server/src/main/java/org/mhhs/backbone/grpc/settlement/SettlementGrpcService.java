package org.mhhs.backbone.grpc.settlement;

import static org.mhhs.backbone.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.time.LocalDate;
import java.util.Optional;
import org.mhhs.backbone.grpc.CallerContext;
import org.mhhs.backbone.grpc.CommandDispatcher;
import org.mhhs.backbone.grpc.CommandDispatcher.Dispatch;
import org.mhhs.backbone.grpc.CommandDispatcher.Outcome;
import org.mhhs.backbone.grpc.CommandDispatcher.Target;
import org.mhhs.backbone.grpc.ProtoMapping;
import org.mhhs.backbone.grpc.RequestFields;
import org.mhhs.backbone.grpc.v1.AllocatedVolume;
import org.mhhs.backbone.grpc.v1.AllocationAsAt;
import org.mhhs.backbone.grpc.v1.AuditSettlementRunRequest;
import org.mhhs.backbone.grpc.v1.CellDifference;
import org.mhhs.backbone.grpc.v1.GetAllocationAsAtRequest;
import org.mhhs.backbone.grpc.v1.GetSettlementRunResultRequest;
import org.mhhs.backbone.grpc.v1.ListAllocatedVolumesRequest;
import org.mhhs.backbone.grpc.v1.ListAllocatedVolumesResponse;
import org.mhhs.backbone.grpc.v1.ListSettlementRunsRequest;
import org.mhhs.backbone.grpc.v1.ListSettlementRunsResponse;
import org.mhhs.backbone.grpc.v1.SettlementRun;
import org.mhhs.backbone.grpc.v1.SettlementRunAudit;
import org.mhhs.backbone.grpc.v1.SettlementRunResult;
import org.mhhs.backbone.grpc.v1.SettlementRunStarted;
import org.mhhs.backbone.grpc.v1.SettlementServiceGrpc;
import org.mhhs.backbone.grpc.v1.StartSettlementRunRequest;
import org.mhhs.backbone.isd.api.SettlementRunType;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.GspGroupId;
import org.mhhs.backbone.kernel.ParticipantId;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.settlement.api.AllocatedVolumeView;
import org.mhhs.backbone.settlement.api.AuditView;
import org.mhhs.backbone.settlement.api.RunTrigger;
import org.mhhs.backbone.settlement.api.SettlementAudits;
import org.mhhs.backbone.settlement.api.SettlementQueries;
import org.mhhs.backbone.settlement.api.SettlementRunView;
import org.mhhs.backbone.settlement.api.StartSettlementRun;
import org.springframework.stereotype.Service;

@Service
class SettlementGrpcService extends SettlementServiceGrpc.SettlementServiceImplBase {

    static final String RUN_MUST_EXIST = "SettlementRunMustExist";

    private final CommandDispatcher dispatcher;
    private final SettlementQueries settlement;
    private final SettlementAudits audits;
    private final AllocationReadAccess readAccess;

    SettlementGrpcService(
            CommandDispatcher dispatcher,
            SettlementQueries settlement,
            SettlementAudits audits,
            AllocationReadAccess readAccess) {
        this.dispatcher = dispatcher;
        this.settlement = settlement;
        this.audits = audits;
        this.readAccess = readAccess;
    }

    @Override
    public void startSettlementRun(StartSettlementRunRequest request, StreamObserver<SettlementRunStarted> response) {
        Outcome outcome = dispatcher.send(request, fields -> {
            LocalDate day = fields.date("settlement_date", request.getSettlementDate());
            SettlementRunType runType = fields.runType("run_type", request.getRunType());
            return () -> new Dispatch<>(
                    StartSettlementRun.of(day, runType, CallerContext.participant(), RunTrigger.OPERATOR),
                    new Target("the " + runType + " run of " + day));
        });
        reply(
                response,
                outcome.into(SettlementRunStarted.newBuilder())
                        .setContentHash(outcome.result())
                        .build());
    }

    @Override
    public void listAllocatedVolumes(
            ListAllocatedVolumesRequest request, StreamObserver<ListAllocatedVolumesResponse> response) {
        RequestFields fields = new RequestFields();
        LocalDate day = fields.date("settlement_date", request.getSettlementDate());
        Optional<GspGroupId> gsp = optionalGsp(fields, request.getGspGroupId());
        Optional<ParticipantId> supplier = optionalSupplier(fields, request.getSupplierId());
        fields.validate();
        AllocationReadAccess.Scope scope = readAccess.scope(CallerContext.participant(), day, gsp, supplier);
        ListAllocatedVolumesResponse.Builder answer = ListAllocatedVolumesResponse.newBuilder();
        scope.visible(settlement.findAllocatedVolumes(day, scope.gspGroupId(), scope.supplier()))
                .forEach(volume -> answer.addVolumes(volume(volume)));
        reply(response, answer.build());
    }

    @Override
    public void listSettlementRuns(
            ListSettlementRunsRequest request, StreamObserver<ListSettlementRunsResponse> response) {
        RequestFields fields = new RequestFields();
        LocalDate day = fields.date("settlement_date", request.getSettlementDate());
        fields.validate();
        ListSettlementRunsResponse.Builder answer = ListSettlementRunsResponse.newBuilder();
        settlement.findRuns(day).forEach(run -> answer.addRuns(run(run)));
        reply(response, answer.build());
    }

    @Override
    public void getSettlementRunResult(
            GetSettlementRunResultRequest request, StreamObserver<SettlementRunResult> response) {
        RequestFields fields = new RequestFields();
        LocalDate day = fields.date("settlement_date", request.getSettlementDate());
        SettlementRunType runType = fields.runType("run_type", request.getRunType());
        Optional<GspGroupId> gsp = optionalGsp(fields, request.getGspGroupId());
        Optional<ParticipantId> supplier = optionalSupplier(fields, request.getSupplierId());
        fields.validate();
        AllocationReadAccess.Scope scope = readAccess.scope(CallerContext.participant(), day, gsp, supplier);
        SettlementRunView run = settlement.findRun(day, runType).orElseThrow(() -> runNotFound(day, runType));
        SettlementRunResult.Builder answer = SettlementRunResult.newBuilder().setRun(run(run));
        scope.visible(settlement.findRunVolumes(day, runType, scope.gspGroupId(), scope.supplier()))
                .forEach(volume -> answer.addVolumes(volume(volume)));
        reply(response, answer.build());
    }

    @Override
    public void auditSettlementRun(AuditSettlementRunRequest request, StreamObserver<SettlementRunAudit> response) {
        RequestFields fields = new RequestFields();
        LocalDate day = fields.date("settlement_date", request.getSettlementDate());
        SettlementRunType runType = fields.runType("run_type", request.getRunType());
        fields.validate();
        AuditView audit =
                audits.auditRun(day, runType, CallerContext.participant()).orElseThrow(() -> runNotFound(day, runType));
        SettlementRunAudit.Builder answer = SettlementRunAudit.newBuilder()
                .setAuditId(audit.auditId().toString())
                .setSettlementDate(day.toString())
                .setRunType(ProtoMapping.runType(runType))
                .setPosition(audit.position())
                .setIdentical(audit.identical())
                .setPublishedHash(audit.publishedHash())
                .setDerivedHash(audit.derivedHash())
                .addAllShreddedConsumptionDays(audit.shreddedConsumptionDays());
        audit.differences()
                .forEach(difference -> answer.addDifferences(CellDifference.newBuilder()
                        .setPeriod(difference.period())
                        .setGspGroupId(difference.gspGroupId().value())
                        .setSupplierId(difference.supplier().value())
                        .setPublishedKwh(
                                difference.published().map(Energy::toString).orElse(""))
                        .setDerivedKwh(
                                difference.derived().map(Energy::toString).orElse(""))
                        .setPublishedMpanCount(difference.publishedMpanCount())
                        .setDerivedMpanCount(difference.derivedMpanCount())));
        reply(response, answer.build());
    }

    @Override
    public void getAllocationAsAt(GetAllocationAsAtRequest request, StreamObserver<AllocationAsAt> response) {
        RequestFields fields = new RequestFields();
        LocalDate day = fields.date("settlement_date", request.getSettlementDate());
        if (request.getPosition() < 1) {
            fields.violation("position", "a global event-store position is 1 or more");
        }
        fields.validate();
        var asAt = audits.allocationAsAt(day, request.getPosition(), CallerContext.participant());
        AllocationAsAt.Builder answer = AllocationAsAt.newBuilder()
                .setAuditId(asAt.auditId().toString())
                .setSettlementDate(day.toString())
                .setPosition(asAt.position())
                .setContentHash(asAt.contentHash());
        asAt.volumes().forEach(volume -> answer.addVolumes(volume(volume)));
        reply(response, answer.build());
    }

    private static Optional<GspGroupId> optionalGsp(RequestFields fields, String value) {
        return value.isEmpty() ? Optional.empty() : Optional.ofNullable(fields.gspGroupId("gsp_group_id", value));
    }

    private static Optional<ParticipantId> optionalSupplier(RequestFields fields, String value) {
        return value.isEmpty() ? Optional.empty() : Optional.ofNullable(fields.participantId("supplier_id", value));
    }

    private static RuleViolation runNotFound(LocalDate day, SettlementRunType runType) {
        return RuleViolation.notFound(
                RUN_MUST_EXIST, runType + " " + day, "the " + runType + " run of " + day + " has not happened");
    }

    private static AllocatedVolume volume(AllocatedVolumeView volume) {
        return AllocatedVolume.newBuilder()
                .setSettlementDate(volume.settlementDate().toString())
                .setPeriod(volume.period())
                .setGspGroupId(volume.gspGroupId().value())
                .setSupplierId(volume.supplier().value())
                .setKwh(volume.energy().toString())
                .setMpanCount(volume.mpanCount())
                .build();
    }

    private static SettlementRun run(SettlementRunView run) {
        return SettlementRun.newBuilder()
                .setSettlementDate(run.settlementDate().toString())
                .setRunType(ProtoMapping.runType(run.runType()))
                .setPosition(run.position())
                .addAllExcludedPositions(run.excludedPositions())
                .setContentHash(run.contentHash())
                .setCellCount(run.cellCount())
                .setSupplierCount(run.supplierCount())
                .setTotalKwh(run.total().toString())
                .setRequestedBy(run.requestedBy().value())
                .setTrigger(SettlementEventMessages.trigger(run.trigger()))
                .setCompletedAt(run.completedAt().toString())
                .build();
    }
}
