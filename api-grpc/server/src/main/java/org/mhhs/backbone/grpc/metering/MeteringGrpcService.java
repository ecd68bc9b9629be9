package org.mhhs.backbone.grpc.metering;

import static org.mhhs.backbone.grpc.Replies.reply;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.mhhs.backbone.access.AuditTrail;
import org.mhhs.backbone.access.Caller;
import org.mhhs.backbone.grpc.CallerContext;
import org.mhhs.backbone.grpc.CommandDispatcher;
import org.mhhs.backbone.grpc.CommandDispatcher.Dispatch;
import org.mhhs.backbone.grpc.CommandDispatcher.Outcome;
import org.mhhs.backbone.grpc.CommandDispatcher.Target;
import org.mhhs.backbone.grpc.DataEntitlement;
import org.mhhs.backbone.grpc.GrpcErrors;
import org.mhhs.backbone.grpc.OpenStreams;
import org.mhhs.backbone.grpc.ProtoMapping;
import org.mhhs.backbone.grpc.RequestFields;
import org.mhhs.backbone.grpc.v1.Consumption;
import org.mhhs.backbone.grpc.v1.ConsumptionAccepted;
import org.mhhs.backbone.grpc.v1.ConsumptionShreddedResponse;
import org.mhhs.backbone.grpc.v1.ConsumptionVersion;
import org.mhhs.backbone.grpc.v1.GetConsumptionRequest;
import org.mhhs.backbone.grpc.v1.ListConsumptionVersionsRequest;
import org.mhhs.backbone.grpc.v1.ListConsumptionVersionsResponse;
import org.mhhs.backbone.grpc.v1.MeteringServiceGrpc;
import org.mhhs.backbone.grpc.v1.ShredConsumptionRequest;
import org.mhhs.backbone.grpc.v1.SubmissionResult;
import org.mhhs.backbone.grpc.v1.SubmitConsumptionRequest;
import org.mhhs.backbone.kernel.Energy;
import org.mhhs.backbone.kernel.Mpan;
import org.mhhs.backbone.kernel.RuleViolation;
import org.mhhs.backbone.metering.api.ConsumptionVersionView;
import org.mhhs.backbone.metering.api.MeteringQueries;
import org.mhhs.backbone.metering.api.ShredConsumption;
import org.mhhs.backbone.metering.api.SubmitConsumption;
import org.springframework.stereotype.Service;

@Service
class MeteringGrpcService extends MeteringServiceGrpc.MeteringServiceImplBase {

    static final String CONSUMPTION_SHREDDED = "ConsumptionShredded";
    private static final int MAX_REASON = 200;

    private final CommandDispatcher dispatcher;
    private final MeteringQueries metering;
    private final DataEntitlement entitlement;
    private final GrpcErrors errors;
    private final AuditTrail audit;
    private final OpenStreams openStreams;

    MeteringGrpcService(
            CommandDispatcher dispatcher,
            MeteringQueries metering,
            DataEntitlement entitlement,
            GrpcErrors errors,
            AuditTrail audit,
            OpenStreams openStreams) {
        this.audit = audit;
        this.openStreams = openStreams;
        this.dispatcher = dispatcher;
        this.metering = metering;
        this.entitlement = entitlement;
        this.errors = errors;
    }

    @Override
    public void submitConsumption(SubmitConsumptionRequest request, StreamObserver<ConsumptionAccepted> response) {
        reply(response, submit(request));
    }

    /** One item after the other (ConsumptionSubmissionStream), while the caller's credential and role hold. */
    @Override
    public StreamObserver<SubmitConsumptionRequest> submitConsumptionStream(StreamObserver<SubmissionResult> response) {
        ConsumptionSubmissionStream stream = new ConsumptionSubmissionStream(
                this::submit, errors, (ServerCallStreamObserver<SubmissionResult>) response);
        stream.registeredAs(openStreams.register(stream));
        return stream;
    }

    /** Unary and streamed submissions are one command: an item sent again by the other RPC is the same command. */
    private ConsumptionAccepted submit(SubmitConsumptionRequest request) {
        Outcome outcome = dispatcher.send(MeteringServiceGrpc.getSubmitConsumptionMethod(), request, fields -> {
            Mpan mpan = fields.mpan("mpan", request.getMpan());
            LocalDate day = fields.date("settlement_date", request.getSettlementDate());
            List<SubmitConsumption.Reading> readings = fields.readings("readings", request.getReadingsList());
            return () -> new Dispatch<>(
                    SubmitConsumption.of(mpan, day, readings, CallerContext.participant()),
                    new Target("consumption of " + mpan + " on " + day));
        });
        return outcome.into(ConsumptionAccepted.newBuilder())
                .setVersion(Integer.parseInt(outcome.result()))
                .build();
    }

    @Override
    public void listConsumptionVersions(
            ListConsumptionVersionsRequest request, StreamObserver<ListConsumptionVersionsResponse> response) {
        RequestFields fields = new RequestFields();
        Mpan mpan = fields.mpan("mpan", request.getMpan());
        LocalDate day = fields.date("settlement_date", request.getSettlementDate());
        fields.validate();
        entitlement.checkDay(CallerContext.participant(), mpan, day);
        ListConsumptionVersionsResponse.Builder answer = ListConsumptionVersionsResponse.newBuilder();
        metering.findVersions(mpan, day).forEach(version -> answer.addVersions(version(version)));
        reply(response, answer.build());
    }

    @Override
    public void getConsumption(GetConsumptionRequest request, StreamObserver<Consumption> response) {
        RequestFields fields = new RequestFields();
        Mpan mpan = fields.mpan("mpan", request.getMpan());
        LocalDate day = fields.date("settlement_date", request.getSettlementDate());
        if (request.getVersion() < 0) {
            fields.violation("version", "0 for the latest, or a version number");
        }
        fields.validate();
        entitlement.checkDay(CallerContext.participant(), mpan, day);
        var consumption = metering.findConsumption(mpan, day, request.getVersion())
                .orElseThrow(() -> RuleViolation.notFound(
                        "ConsumptionMustBeRecorded",
                        mpan + "/" + day,
                        "no consumption"
                                + (request.getVersion() == 0 ? "" : " version " + request.getVersion())
                                + " is recorded for "
                                + mpan + " on " + day));
        if (consumption.version().shredded()) {
            throw RuleViolation.precondition(
                    CONSUMPTION_SHREDDED,
                    mpan + "/" + day,
                    "the consumption of " + mpan + " on " + day + " was shredded: its readings can no longer be read");
        }
        Consumption.Builder answer = Consumption.newBuilder()
                .setMpan(mpan.value())
                .setSettlementDate(day.toString())
                .setVersion(version(consumption.version()));
        consumption.readings().forEach(reading -> answer.addReadings(ProtoMapping.periodReading(reading)));
        reply(response, answer.build());
    }

    /**
     * Destroys the MPAN's data key (and records ConsumptionShredded) in one transaction; a resent command answers
     * what the first one did.
     */
    @Override
    public void shredConsumption(
            ShredConsumptionRequest request, StreamObserver<ConsumptionShreddedResponse> response) {
        Caller caller = CallerContext.current();
        Outcome outcome = dispatcher.send(
                request,
                fields -> {
                    Mpan mpan = fields.mpan("mpan", request.getMpan());
                    String reason = fields.text("reason", request.getReason(), MAX_REASON, true);
                    return () -> new Dispatch<>(
                            ShredConsumption.of(mpan, reason, caller.participantId()),
                            new Target("consumption of " + mpan));
                },
                (shred, accepted) -> audit.recordDone(
                        AuditTrail.Category.KEY_DESTROYED,
                        caller,
                        MeteringServiceGrpc.getShredConsumptionMethod().getFullMethodName(),
                        "data key of " + shred.mpan() + " destroyed (key version and count: " + accepted.result()
                                + "): " + shred.reason()));
        // the handler answers "keyVersion versions shreddedAt"
        String[] answer = outcome.result().split(" ");
        reply(
                response,
                outcome.into(ConsumptionShreddedResponse.newBuilder())
                        .setMpan(request.getMpan())
                        .setKeyVersion(Integer.parseInt(answer[0]))
                        .setVersionsShredded(Integer.parseInt(answer[1]))
                        .setShreddedAt(ProtoMapping.timestamp(Instant.parse(answer[2])))
                        .build());
    }

    private static ConsumptionVersion version(ConsumptionVersionView version) {
        return ConsumptionVersion.newBuilder()
                .setVersion(version.version())
                .setReplacesVersion(version.replacesVersion())
                .setRecordedAt(version.recordedAt().toString())
                .setDataServiceId(version.dataService().value())
                .setSupplierId(version.supplier().value())
                .setGspGroupId(version.gspGroupId().value())
                .setTotalKwh(version.total().map(Energy::toString).orElse(""))
                .setShredded(version.shredded())
                .build();
    }
}
