package org.mhhs.backbone.grpc.operations;

import static org.mhhs.backbone.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import org.mhhs.backbone.grpc.RequestFields;
import org.mhhs.backbone.grpc.v1.GetRebuildProgressRequest;
import org.mhhs.backbone.grpc.v1.ListProjectionsRequest;
import org.mhhs.backbone.grpc.v1.ListProjectionsResponse;
import org.mhhs.backbone.grpc.v1.Projection;
import org.mhhs.backbone.grpc.v1.ProjectionServiceGrpc;
import org.mhhs.backbone.grpc.v1.ProjectionState;
import org.mhhs.backbone.grpc.v1.RebuildProgress;
import org.mhhs.backbone.grpc.v1.RebuildProjectionRequest;
import org.mhhs.backbone.hub.ProjectionOperations;
import org.mhhs.backbone.kernel.RuleViolation;
import org.springframework.stereotype.Service;

@Service
class ProjectionGrpcService extends ProjectionServiceGrpc.ProjectionServiceImplBase {

    private final ProjectionOperations projections;

    ProjectionGrpcService(ProjectionOperations projections) {
        this.projections = projections;
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
                        .setSegmentCount(status.segmentCount())));
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
        };
    }
}
