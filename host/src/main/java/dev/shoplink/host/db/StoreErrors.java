package dev.shoplink.host.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.apache.commons.lang3.exception.ExceptionUtils;

/**
 * Tells a store error worth retrying from one that is not. A transient error left the database as it was before the
 * statement's transaction (it was rolled back), so the work can simply run again: a lock not granted in time (H2's
 * {@code LOCK_TIMEOUT}, which an H2 file just recovered from a crash can hold for seconds while it ends the
 * transactions the crash left open), a deadlock or serialization failure, a connection the pool could not give in
 * time or that the server dropped.
 */
public final class StoreErrors {
    private StoreErrors() {
    }

    /** Whether any SQL exception behind {@code e} is one a retry of the same work can get past. */
    public static boolean isTransient(Throwable e) {
        for (Throwable t : ExceptionUtils.getThrowableList(e)) {
            if (t instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            // H2: a lock timeout (JdbcSQLTimeoutException), a deadlock (…TransactionRollbackException); Hikari: no
            // connection within its timeout (SQLTransientConnectionException)
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        // SQL standard class 40: transaction rollback (PostgreSQL 40001 serialization failure, 40P01 deadlock);
        // class 08: connection exception; PostgreSQL 55P03 lock not available, 57P01 the server is shutting down
        return state.startsWith("40") || state.startsWith("08") || state.equals("55P03") || state.equals("57P01");
    }
}
