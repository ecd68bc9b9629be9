package org.mhhs.backbone.grpc;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * A call that failed because the database was out of reach (its primary lost, restarting, being failed over) is
 * refused UNAVAILABLE, reason {@code DatabaseUnavailable}, with a {@code RetryInfo} delay: nothing was acknowledged,
 * and the same request sent again with the same command id is stored once (a resend of what did commit answers the
 * first result). Any other failure stays INTERNAL.
 */
public final class DatabaseUnavailable {

    public static final String REASON = "DatabaseUnavailable";

    private static final long RETRY_AFTER_SECONDS = 1;

    private DatabaseUnavailable() {}

    /** Whether the failure, or anything it was caused by, says the database could not be reached. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || (t instanceof SQLException sql && (connectionLost(sql.getSQLState()) || closedByThePool(sql)))) {
                return true;
            }
            // a rollback that failed on the lost connection hides what failed first
            if (t instanceof TransactionSystemException rollback
                    && rollback.getApplicationException() != null
                    && causedBy(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01-57P03 (the server shutting down or starting), 25006 (a read-only
     * transaction: a session still on a server that has become a standby).
     */
    private static boolean connectionLost(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P0") || state.equals("25006"));
    }

    /** HikariCP's answer on a connection it already evicted as broken (it carries no SQLSTATE). */
    private static boolean closedByThePool(SQLException failure) {
        return failure.getSQLState() == null && "Connection is closed".equals(failure.getMessage());
    }

    public static StatusException status() {
        return GrpcErrors.status(
                Status.Code.UNAVAILABLE,
                REASON,
                "the hub's database is unavailable for a moment (failover or restart); send the request again, with"
                        + " the same command id",
                Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(RETRY_AFTER_SECONDS))
                        .build()));
    }
}
