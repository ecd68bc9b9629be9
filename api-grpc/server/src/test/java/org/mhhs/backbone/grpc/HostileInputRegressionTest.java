package org.mhhs.backbone.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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

    /** README "Errors": messages are cut at 200 characters and at most 16 violations are listed. */
    private static final int MESSAGE_LIMIT = 200;

    private static final int VIOLATION_LIMIT = 16;

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

        // 57 violations, one per repeated SF: README "Errors" promises the message cut at 200 characters and at
        // most 16 violations listed
        String uncut = IntStream.rangeClosed(1, 57)
                .mapToObj(i -> "offsets[" + i + "].run_type: SF appears more than once")
                .collect(Collectors.joining("; "));
        assertThat(HubClient.code(refusal)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refusal.getStatus().getDescription())
                .isEqualTo(uncut.substring(0, MESSAGE_LIMIT) + "... (" + (uncut.length() - MESSAGE_LIMIT)
                        + " more characters)");
        assertThat(HubClient.violatedFields(refusal))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, VIOLATION_LIMIT)
                        .mapToObj(i -> "offsets[" + i + "].run_type")
                        .toList());
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
        // the value is quoted by its first 40 characters, so the message stays within the 200 characters README
        // "Errors" promises without being cut
        assertThat(HubClient.violatedFields(refusal)).containsExactly("participant_id");
        assertThat(refusal.getStatus().getDescription())
                .isEqualTo("participant_id: participant id must be exactly 4 characters from A-Z and 0-9 but was \""
                        + "A".repeat(40) + "\"... (100000 characters)")
                .hasSizeLessThanOrEqualTo(MESSAGE_LIMIT);
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
