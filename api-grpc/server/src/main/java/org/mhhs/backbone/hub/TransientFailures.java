package org.mhhs.backbone.hub;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Failures that say nothing about the event: the database unreachable or restarting, a deadlock or serialization
 * conflict, resources exhausted. The same event handled again later goes through, so such a failure never parks it.
 */
final class TransientFailures {

    /**
     * PostgreSQL SQLState classes and codes: 08 connection exception, 40 transaction rollback (serialization failure,
     * deadlock), 53 insufficient resources, 57P operator intervention (shutdown, cannot connect now).
     */
    private static final Set<String> TRANSIENT_STATE_PREFIXES = Set.of("08", "40", "53", "57P");

    private TransientFailures() {}

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (TRANSIENT_STATE_PREFIXES.stream().anyMatch(state::startsWith)) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
