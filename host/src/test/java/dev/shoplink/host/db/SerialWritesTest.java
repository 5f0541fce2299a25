package dev.shoplink.host.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SerialWritesTest {
    private SerialWrites store;
    private Connection keepAlive;

    @BeforeEach
    void store() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:serial-" + UUID.randomUUID() + ";LOCK_TIMEOUT=10000");
        keepAlive = h2.getConnection();
        try (Statement s = keepAlive.createStatement()) {
            s.execute("create table t(id int primary key, v varchar(10))");
            s.execute("insert into t values (1, 'a')");
        }
        store = new SerialWrites(h2, Duration.ofSeconds(5));
    }

    @Test
    void readsAreToldFromWritesByTheirFirstWord() {
        assertThat(SerialWrites.writes("select * from t")).isFalse();
        assertThat(SerialWrites.writes("  /* a note */ (SELECT 1)")).isFalse();
        assertThat(SerialWrites.writes("-- why\nwith x as (select 1) select * from x")).isFalse();
        assertThat(SerialWrites.writes("values 1")).isFalse();
        assertThat(SerialWrites.writes("select * from t where id = ? for update")).isTrue();
        assertThat(SerialWrites.writes("SELECT * FROM t FOR\n UPDATE SKIP LOCKED")).isTrue();
        assertThat(SerialWrites.writes("insert into t values (2, 'b')")).isTrue();
        assertThat(SerialWrites.writes("merge into t key(id) values (2, 'b')")).isTrue();
        assertThat(SerialWrites.writes("update t set v = 'x'")).isTrue();
        assertThat(SerialWrites.writes("delete from t")).isTrue();
        assertThat(SerialWrites.writes("set lock_timeout 30000")).isTrue();
        assertThat(SerialWrites.writes("selected_table_insert()")).isTrue();
    }

    @Test
    void aSecondWriteWaitsUntilTheFirstTransactionCommits() throws Exception {
        try (Connection first = store.getConnection()) {
            first.setAutoCommit(false);
            insert(first, 2);

            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> insertAlone(3));
            Thread.sleep(300);
            assertThat(second).as("a write while another transaction writes").isNotDone();

            first.commit();
            second.get(5, TimeUnit.SECONDS);
        }
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void aRowLockTakesTheTurnLikeAWrite() throws Exception {
        try (Connection first = store.getConnection()) {
            first.setAutoCommit(false);
            try (PreparedStatement s = first.prepareStatement("select * from t where id = ? for update")) {
                s.setInt(1, 1);
                s.executeQuery().close();
            }
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> insertAlone(3));
            Thread.sleep(300);
            assertThat(second).isNotDone();
            first.rollback();
            second.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void readsDoNotWaitForAWritingTransaction() throws Exception {
        try (Connection first = store.getConnection()) {
            first.setAutoCommit(false);
            insert(first, 2);
            long rows = CompletableFuture.supplyAsync(this::countQuietly).get(2, TimeUnit.SECONDS);
            assertThat(rows).as("the committed rows only").isEqualTo(1);
            first.rollback();
        }
    }

    @Test
    void closingATransactionWithoutCommitGivesTheTurnBack() throws Exception {
        Connection first = store.getConnection();
        first.setAutoCommit(false);
        insert(first, 2);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> insertAlone(3));
        Thread.sleep(200);
        assertThat(second).isNotDone();
        first.close();
        second.get(5, TimeUnit.SECONDS);
        assertThat(count()).as("the closed transaction rolled back, the second write stored").isEqualTo(2);
    }

    @Test
    void aWriteThatWaitsTooLongFailsAsTransientAndChangesNothing() throws Exception {
        SerialWrites impatient = new SerialWrites(unwrapped(), Duration.ofMillis(200));
        try (Connection first = impatient.getConnection()) {
            first.setAutoCommit(false);
            insert(first, 2);
            Throwable failure = CompletableFuture.runAsync(() -> {
                try (Connection c = impatient.getConnection()) {
                    insert(c, 3);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).handle((ok, e) -> e).get(5, TimeUnit.SECONDS);
            assertThat(failure).hasRootCauseInstanceOf(SQLTransientException.class)
                    .hasMessageContaining("the store is busy");
            assertThat(StoreErrors.isTransient(failure)).isTrue();
            first.rollback();
        }
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void theThreadThatHoldsTheTurnMayWriteThroughASecondConnection() throws Exception {
        try (Connection first = store.getConnection(); Connection second = store.getConnection()) {
            first.setAutoCommit(false);
            insert(first, 2);
            insert(second, 3);
            first.commit();
        }
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void autoCommitWritesTakeTurnsOneStatementEach() throws Exception {
        CompletableFuture<?>[] writers = new CompletableFuture<?>[8];
        for (int i = 0; i < writers.length; i++) {
            int id = 10 + i;
            writers[i] = CompletableFuture.runAsync(() -> insertAlone(id));
        }
        CompletableFuture.allOf(writers).get(10, TimeUnit.SECONDS);
        assertThat(count()).isEqualTo(9);
        assertThatThrownBy(() -> insertAlone(10)).hasRootCauseInstanceOf(SQLException.class);
        insertAlone(99); // the failed insert gave its turn back
    }

    private JdbcDataSource unwrapped() throws SQLException {
        return store.unwrap(JdbcDataSource.class);
    }

    private static void insert(Connection c, int id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into t values (?, 'x')")) {
            s.setInt(1, id);
            s.executeUpdate();
        }
    }

    private void insertAlone(int id) {
        try (Connection c = store.getConnection()) {
            insert(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count() throws SQLException {
        try (Connection c = store.getConnection(); ResultSet r = c.createStatement().executeQuery("select count(*) from t")) {
            r.next();
            return r.getLong(1);
        }
    }

    private long countQuietly() {
        try {
            return count();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
