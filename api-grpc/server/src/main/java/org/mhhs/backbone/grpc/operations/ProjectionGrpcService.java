package org.mhhs.backbone.grpc.operations;

import static org.mhhs.backbone.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import java.util.UUID;
import org.mhhs.backbone.access.AuditTrail;
import org.mhhs.backbone.grpc.CallerContext;
import org.mhhs.backbone.grpc.RequestFields;
import org.mhhs.backbone.grpc.v1.DeadLetter;
import org.mhhs.backbone.grpc.v1.EvictDeadLetterRequest;
import org.mhhs.backbone.grpc.v1.EvictDeadLetterResponse;
import org.mhhs.backbone.grpc.v1.GetRebuildProgressRequest;
import org.mhhs.backbone.grpc.v1.ListDeadLettersRequest;
import org.mhhs.backbone.grpc.v1.ListDeadLettersResponse;
import org.mhhs.backbone.grpc.v1.ListProjectionsRequest;
import org.mhhs.backbone.grpc.v1.ListProjectionsResponse;
import org.mhhs.backbone.grpc.v1.Projection;
import org.mhhs.backbone.grpc.v1.ProjectionServiceGrpc;
import org.mhhs.backbone.grpc.v1.ProjectionState;
import org.mhhs.backbone.grpc.v1.RebuildProgress;
import org.mhhs.backbone.grpc.v1.RebuildProjectionRequest;
import org.mhhs.backbone.grpc.v1.RetryDeadLetterRequest;
import org.mhhs.backbone.grpc.v1.RetryDeadLetterResponse;
import org.mhhs.backbone.hub.DeadLetters;
import org.mhhs.backbone.hub.ProjectionOperations;
import org.mhhs.backbone.kernel.RuleViolation;
import org.springframework.stereotype.Service;

@Service
class ProjectionGrpcService extends ProjectionServiceGrpc.ProjectionServiceImplBase {

    private final ProjectionOperations projections;
    private final DeadLetters deadLetters;
    private final AuditTrail audit;

    ProjectionGrpcService(ProjectionOperations projections, DeadLetters deadLetters, AuditTrail audit) {
        this.projections = projections;
        this.deadLetters = deadLetters;
        this.audit = audit;
    }

    @Override
    public void listDeadLetters(ListDeadLettersRequest request, StreamObserver<ListDeadLettersResponse> response) {
        String projection = projection(request.getProjection());
        ListDeadLettersResponse.Builder answer = ListDeadLettersResponse.newBuilder();
        deadLetters.list(projection).forEach(letter -> answer.addDeadLetters(deadLetter(letter)));
        reply(response, answer.build());
    }

    /** Audited whatever the outcome of the processing, once the retry ran. */
    @Override
    public void retryDeadLetter(RetryDeadLetterRequest request, StreamObserver<RetryDeadLetterResponse> response) {
        String projection = projection(request.getProjection());
        String id = deadLetterId(request.getDeadLetterId());
        boolean succeeded = deadLetters.retry(projection, id);
        long remaining = deadLetters.count(projection);
        record(
                ProjectionServiceGrpc.getRetryDeadLetterMethod().getFullMethodName(),
                "dead letter " + id + " of " + projection + " retried: "
                        + (succeeded ? "processed" : "still failing, parked again") + "; " + remaining
                        + " left");
        reply(
                response,
                RetryDeadLetterResponse.newBuilder()
                        .setSucceeded(succeeded)
                        .setRemaining(remaining)
                        .build());
    }

    @Override
    public void evictDeadLetter(EvictDeadLetterRequest request, StreamObserver<EvictDeadLetterResponse> response) {
        String projection = projection(request.getProjection());
        String id = deadLetterId(request.getDeadLetterId());
        DeadLetters.Letter evicted = deadLetters.evict(projection, id);
        long remaining = deadLetters.count(projection);
        record(
                ProjectionServiceGrpc.getEvictDeadLetterMethod().getFullMethodName(),
                "dead letter " + id + " of " + projection + " evicted: event " + evicted.eventId() + " ("
                        + evicted.eventType() + " of " + evicted.aggregateId() + ") will not be handled; "
                        + remaining + " left");
        reply(
                response,
                EvictDeadLetterResponse.newBuilder().setRemaining(remaining).build());
    }

    private void record(String rpc, String detail) {
        audit.recordDone(AuditTrail.Category.DEAD_LETTER, CallerContext.current(), rpc, detail);
    }

    private static DeadLetter deadLetter(DeadLetters.Letter letter) {
        return DeadLetter.newBuilder()
                .setDeadLetterId(letter.id())
                .setProjection(letter.processingGroup())
                .setSequenceId(letter.sequenceId())
                .setSequenceIndex(letter.sequenceIndex())
                .setEventId(letter.eventId())
                .setEventType(letter.eventType())
                .setAggregateId(letter.aggregateId())
                .setAggregateSequence(letter.aggregateSequence())
                .setEnqueuedAt(letter.enqueuedAt())
                .setLastTouched(letter.lastTouched())
                .setCauseType(letter.causeType())
                .setCauseMessage(letter.causeMessage())
                .setAttempts(letter.attempts())
                .setRetries(letter.retries())
                .build();
    }

    private static String projection(String value) {
        RequestFields fields = new RequestFields();
        fields.text("projection", value, RequestFields.MAX_TEXT, true);
        fields.validate();
        return value;
    }

    private static String deadLetterId(String value) {
        RequestFields fields = new RequestFields();
        UUID id = fields.uuid("dead_letter_id", value);
        fields.validate();
        return id.toString();
    }

    @Override
    public void listProjections(ListProjectionsRequest request, StreamObserver<ListProjectionsResponse> response) {
        ListProjectionsResponse.Builder answer = ListProjectionsResponse.newBuilder();
        projections
                .list()
                .forEach(status -> answer.addProjections(Projection.newBuilder()
                        .setName(status.name())
                        .setState(state(status.state()))
                        .setPosition(status.position())
                        .setHead(status.head())
                        .setLag(status.lag())
                        .setSegmentCount(status.segmentCount())
                        .setDeadLetters(status.deadLetters())));
        reply(response, answer.build());
    }

    @Override
    public void rebuildProjection(RebuildProjectionRequest request, StreamObserver<RebuildProgress> response) {
        String name = name(request.getName());
        reply(response, progress(projections.rebuild(name)));
    }

    @Override
    public void getRebuildProgress(GetRebuildProgressRequest request, StreamObserver<RebuildProgress> response) {
        String name = name(request.getName());
        reply(
                response,
                progress(projections
                        .progress(name)
                        .orElseThrow(() -> RuleViolation.notFound(
                                "RebuildMustHaveStarted",
                                name,
                                "the projection " + name + " has not been rebuilt since the hub " + "started"))));
    }

    private static String name(String value) {
        RequestFields fields = new RequestFields();
        fields.text("name", value, RequestFields.MAX_TEXT, true);
        fields.validate();
        return value;
    }

    private static RebuildProgress progress(ProjectionOperations.RebuildProgress progress) {
        return RebuildProgress.newBuilder()
                .setName(progress.name())
                .setState(state(progress.state()))
                .setEventsDone(progress.eventsDone())
                .setEventsTotal(progress.eventsTotal())
                .setEventsPerSecond(progress.eventsPerSecond())
                .setEtaSeconds(progress.etaSeconds())
                .setFinished(progress.finished())
                .setStartedAt(progress.startedAt().toString())
                .setElapsedSeconds(progress.elapsed().toNanos() / 1e9)
                .build();
    }

    private static ProjectionState state(ProjectionOperations.State state) {
        return switch (state) {
            case RUNNING -> ProjectionState.PROJECTION_STATE_RUNNING;
            case REPLAYING -> ProjectionState.PROJECTION_STATE_REPLAYING;
            case ERROR -> ProjectionState.PROJECTION_STATE_ERROR;
            case STOPPED -> ProjectionState.PROJECTION_STATE_STOPPED;
            case DEGRADED -> ProjectionState.PROJECTION_STATE_DEGRADED;
        };
    }
}
