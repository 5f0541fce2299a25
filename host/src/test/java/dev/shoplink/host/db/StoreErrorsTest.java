package dev.shoplink.host.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

/** Which store errors a sync retries (the page rolled back, the same work can run again) and which it does not. */
class StoreErrorsTest {

    @Test
    void aLockNotGrantedInTimeByH2IsTransientAsJdbiWrapsIt() throws Exception {
        String url = "jdbc:h2:mem:store-errors;LOCK_TIMEOUT=100";
        try (Connection holder = DriverManager.getConnection(url); Connection waiter = DriverManager.getConnection(url)) {
            try (Statement s = holder.createStatement()) {
                s.execute("create table t (id int primary key)");
                s.execute("insert into t values (1)");
            }
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("select id from t where id = 1 for update").close();
            }
            SQLException timeout = null;
            try (Statement s = waiter.createStatement()) {
                s.executeQuery("select id from t where id = 1 for update").close();
            } catch (SQLException e) {
                timeout = e;
            }
            assertThat((Throwable) timeout).as("H2 did not time out").isNotNull();
            assertThat(StoreErrors.isTransient(new UnableToExecuteStatementException(timeout, null))).isTrue();
            holder.rollback();
        }
    }

    @Test
    void rollbacksLockTimeoutsAndLostConnectionsOfPostgreSqlAreTransientByTheirSqlState() {
        assertThat(StoreErrors.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(StoreErrors.isTransient(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(StoreErrors.isTransient(new SQLException("canceling statement due to lock timeout", "55P03"))).isTrue();
        assertThat(StoreErrors.isTransient(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(StoreErrors.isTransient(new ConnectionException(new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 30000ms.")))).isTrue();
    }

    @Test
    void aBrokenRuleOrAMissingTableIsNot() {
        assertThat(StoreErrors.isTransient(new SQLException("duplicate key value violates unique constraint", "23505")))
                .isFalse();
        assertThat(StoreErrors.isTransient(new SQLException("relation \"shop_order\" does not exist", "42P01"))).isFalse();
        assertThat(StoreErrors.isTransient(new SQLException("no state"))).isFalse();
        assertThat(StoreErrors.isTransient(new IllegalStateException("not SQL at all"))).isFalse();
    }
}
