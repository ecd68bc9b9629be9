package org.mhhs.backbone.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;
import org.mhhs.backbone.grpc.v1.IssueTokenRequest;
import org.mhhs.backbone.grpc.v1.RegisterParticipantRequest;
import org.mhhs.backbone.grpc.v1.RunOffset;
import org.mhhs.backbone.grpc.v1.SetRunScheduleRequest;
import org.mhhs.backbone.grpc.v1.SettlementRunType;
import org.mhhs.backbone.testing.HubClient;
import org.mhhs.backbone.testing.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Requests the hostile-input sweep found answered with INTERNAL, each answered precisely now. */
@HubIntegrationTest
class HostileInputRegressionTest {

    @Autowired
    HubClient hub;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRunScheduleNamingOneRunManyTimesIsInvalidArgument() {
        SetRunScheduleRequest.Builder request =
                SetRunScheduleRequest.newBuilder().setHeader(HubClient.newCommand());
        for (int i = 0; i < 58; i++) {
            request.addOffsets(RunOffset.newBuilder()
                    .setRunType(SettlementRunType.SETTLEMENT_RUN_TYPE_SF)
                    .setWorkingDays(5));
        }
        long events = hub.storedEvents();

        StatusRuntimeException refusal = catchThrowableOfType(
                StatusRuntimeException.class, () -> hub.operatorIsd().setRunSchedule(request.build()));

        assertThat(HubClient.code(refusal)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(HubClient.violatedFields(refusal)).isNotEmpty();
        assertThat(hub.storedEvents()).isEqualTo(events);
    }

    @Test
    void aNulCharacterInANameOrDescriptionIsInvalidArgumentNamingTheField() {
        long events = hub.storedEvents();
        long tokens = jdbc.sql("SELECT count(*) FROM access.bearer_token")
                .query(Long.class)
                .single();

        StatusRuntimeException name = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> hub.operatorIsd()
                        .registerParticipant(RegisterParticipantRequest.newBuilder()
                                .setHeader(HubClient.newCommand())
                                .setParticipantId("NULL")
                                .setName("Nul\u0000l")
                                .build()));
        StatusRuntimeException description = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> hub.access(hub.operatorToken())
                        .issueToken(IssueTokenRequest.newBuilder()
                                .setParticipantId("OPER")
                                .setDescription("a\u0000b")
                                .build()));

        assertThat(HubClient.code(name)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(HubClient.violatedFields(name)).containsExactly("name");
        assertThat(HubClient.code(description)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(HubClient.violatedFields(description)).containsExactly("description");
        assertThat(hub.storedEvents()).isEqualTo(events);
        assertThat(jdbc.sql("SELECT count(*) FROM access.bearer_token")
                        .query(Long.class)
                        .single())
                .isEqualTo(tokens);
    }

    @Test
    void aParticipantIdOfAHundredThousandCharactersIsInvalidArgumentNamingTheField() {
        long events = hub.storedEvents();

        StatusRuntimeException refusal = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> hub.operatorIsd()
                        .registerParticipant(RegisterParticipantRequest.newBuilder()
                                .setHeader(HubClient.newCommand())
                                .setParticipantId("A".repeat(100_000))
                                .setName("Long")
                                .build()));

        assertThat(HubClient.code(refusal)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(HubClient.violatedFields(refusal)).contains("participant_id");
        assertThat(refusal.getStatus().getDescription()).hasSizeLessThan(300);
        assertThat(hub.storedEvents()).isEqualTo(events);
    }

    @Test
    void aHealthCheckForAServiceNamedAHundredThousandCharactersIsNotFound() {
        StatusRuntimeException refusal = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> HealthGrpc.newBlockingStub(hub.channel())
                        .check(HealthCheckRequest.newBuilder()
                                .setService("A".repeat(100_000))
                                .build()));

        assertThat(HubClient.code(refusal)).isEqualTo(Status.Code.NOT_FOUND);
    }
}
