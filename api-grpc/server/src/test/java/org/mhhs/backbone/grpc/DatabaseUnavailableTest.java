package org.mhhs.backbone.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

/**
 * What counts as "the database was out of reach" (a retry will do) and what stays a fault of the hub: the failures
 * seen while PostgreSQL restarts or fails over (FaultSuiteTest provokes them through the API).
 */
class DatabaseUnavailableTest {

    @Test
    void noConnectionFromThePoolWithinItsTimeOutIsUnavailability() {
        assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException(
                        "no connection",
                        new SQLTransientConnectionException("hub - Connection is not available, request timed out"))))
                .isTrue();
    }

    @Test
    void aSessionEndedByTheServerOrALostConnectionIsUnavailability() {
        // 57P01: terminating connection due to administrator command; 08006: connection failure
        for (String state : new String[] {"57P01", "57P02", "57P03", "08006", "08001", "25006"}) {
            assertThat(DatabaseUnavailable.causedBy(
                            new UncategorizedSQLException("insert", "INSERT", new SQLException("gone", state))))
                    .as(state)
                    .isTrue();
        }
    }

    @Test
    void aConnectionThePoolAlreadyClosedAsBrokenIsUnavailability() {
        assertThat(DatabaseUnavailable.causedBy(
                        new CommandExecutionException("failed", new SQLException("Connection is closed"))))
                .isTrue();
    }

    @Test
    void aRollbackThatFailedOnTheLostConnectionIsJudgedByWhatFailedFirst() {
        TransactionSystemException rollbackFailed =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new SQLException("terminating connection", "57P01"));
        assertThat(DatabaseUnavailable.causedBy(rollbackFailed)).isTrue();
    }

    @Test
    void aBrokenConstraintOrABugIsNoUnavailability() {
        assertThat(DatabaseUnavailable.causedBy(
                        new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("a bug")))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("closed otherwise", "08003")))
                .isTrue();
    }

    @Test
    void theRefusalIsUnavailableWithItsReasonAndADelayToRetryAfter() throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(DatabaseUnavailable.status());

        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE.value());
        assertThat(status.getDetails(0).unpack(ErrorInfo.class).getReason()).isEqualTo(DatabaseUnavailable.REASON);
        assertThat(status.getDetails(1).unpack(RetryInfo.class).getRetryDelay().getSeconds())
                .isEqualTo(1);
    }
}
