package dev.shoplink.host.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The embedded H2 store's connections, with one write transaction at a time.
 *
 * <p>Why: H2 2.5's MVStore writes the whole in-memory state at every commit, so a commit also stores the uncommitted
 * rows of every other open write transaction; a {@code kill -9} then leaves those for the next open to roll back. With
 * two writers interleaved, that recovery left a secondary index missing committed rows, or a row lock that no
 * transaction holds and no restart clears ({@code H2KillRepro}, docs/RELIABILITY.md: 6 of 13 series of 12 kills went
 * wrong, against 0 of 13 with the writers taking turns). With writes taken one transaction at a time, no commit ever
 * stores another transaction's rows.
 *
 * <p>How: a statement that writes (anything but a plain {@code SELECT}/{@code WITH}/{@code VALUES}/{@code EXPLAIN}
 * without {@code FOR UPDATE}; a row lock is a write in MVStore) takes the store's one write permit for its connection
 * before it runs. An auto-commit statement gives it back when it returns; a transaction gives it back at
 * {@code commit}, {@code rollback}, {@code setAutoCommit(true)} or {@code close}. Reads never wait (MVStore reads a
 * snapshot). A thread that holds the permit through one connection and writes through a second one is let through, so
 * such code slows nothing down but keeps today's overlap. A permit not granted within the lock timeout ends the
 * statement with a {@link SQLTransientException}, which the host answers like H2's own lock timeout (a 503 or a
 * sync retry), instead of waiting forever.
 *
 * <p>PostgreSQL needs none of this: its write-ahead log never holds another transaction's rows as committed.
 */
final class SerialWrites implements DataSource {
    private static final Pattern READ = Pattern.compile("^(select|with|values|explain|show|table)\\b");
    private static final Pattern LEADING_NOISE = Pattern.compile("^(\\s|\\(|--[^\\n]*\\n|/\\*.*?\\*/)+", Pattern.DOTALL);
    private static final Pattern FOR_UPDATE = Pattern.compile("\\bfor\\s+update\\b");

    private final DataSource target;
    private final Semaphore permit = new Semaphore(1, true);
    private final long waitMillis;
    private volatile Thread holder;

    SerialWrites(DataSource target, Duration wait) {
        this.target = target;
        this.waitMillis = wait.toMillis();
    }

    /** Whether {@code sql} changes the store or locks rows (and so must not overlap another transaction's writes). */
    static boolean writes(String sql) {
        String s = LEADING_NOISE.matcher(sql).replaceFirst("").toLowerCase(Locale.ROOT);
        return !READ.matcher(s).find() || FOR_UPDATE.matcher(s).find();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection c) {
        Gated gated = new Gated(c);
        gated.proxy = (Connection) Proxy.newProxyInstance(SerialWrites.class.getClassLoader(),
                new Class<?>[] {Connection.class}, gated);
        return gated.proxy;
    }

    /** One connection's share of the permit: whether it holds it, and whether it got it by a thread's re-entry. */
    private final class Gated implements InvocationHandler {
        private final Connection connection;
        private Connection proxy;
        private boolean holds;
        private boolean reentered;

        Gated(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "createStatement":
                    return statement(Statement.class, invoke(method, args), null);
                case "prepareStatement":
                    return statement(PreparedStatement.class, invoke(method, args), (String) args[0]);
                case "prepareCall":
                    return statement(CallableStatement.class, invoke(method, args), (String) args[0]);
                case "commit", "rollback", "close":
                    try {
                        return invoke(method, args);
                    } finally {
                        if (!(name.equals("rollback") && args != null && args.length == 1)) {
                            release();
                        }
                    }
                case "setAutoCommit":
                    try {
                        return invoke(method, args);
                    } finally {
                        if ((Boolean) args[0]) {
                            release();
                        }
                    }
                case "unwrap":
                    return ((Class<?>) args[0]).isInstance(proxy) ? proxy : connection.unwrap((Class<?>) args[0]);
                case "isWrapperFor":
                    return ((Class<?>) args[0]).isInstance(proxy) || connection.isWrapperFor((Class<?>) args[0]);
                default:
                    return invoke(method, args);
            }
        }

        private Object invoke(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /**
         * A statement whose executions take the turn when they write; a prepared one is classified once, here, not at
         * each execution of the sync's hot path ({@code null}: a plain statement, whose SQL comes with each execute).
         */
        private <T extends Statement> T statement(Class<T> type, Object statement, String preparedSql) {
            Boolean preparedWrites = preparedSql == null ? null : writes(preparedSql);
            return type.cast(Proxy.newProxyInstance(SerialWrites.class.getClassLoader(), new Class<?>[] {type},
                    (p, method, args) -> execute(statement, method, args, preparedWrites)));
        }

        /** Runs a statement's method; an execute that writes first takes the permit for this connection. */
        private Object execute(Object statement, Method method, Object[] args, Boolean preparedWrites)
                throws Throwable {
            String name = method.getName();
            if (name.equals("getConnection")) {
                return this.proxy;
            }
            // execute(sql) says what it runs; a prepared statement was classified when prepared; a plain statement's
            // executeBatch() (of strings added before) always counts as a write
            boolean writes = name.startsWith("execute") && (args != null && args.length > 0 && args[0] instanceof String sql
                    ? writes(sql) : preparedWrites == null || preparedWrites);
            if (writes) {
                acquire();
            }
            try {
                return method.invoke(statement, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (writes) {
                    releaseAfterAutoCommit();
                }
            }
        }

        /** An auto-commit statement's turn ends with it; a connection that cannot answer gives its turn back at close. */
        private void releaseAfterAutoCommit() {
            try {
                if (connection.getAutoCommit()) {
                    release();
                }
            } catch (SQLException closed) {
                // keep the statement's own failure: the pool's close() of this connection still gives the turn back
            }
        }

        private void acquire() throws SQLException {
            if (holds) {
                return;
            }
            Thread me = Thread.currentThread();
            if (holder == me) {
                holds = true;
                reentered = true;
                return;
            }
            boolean granted;
            try {
                granted = permit.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLTransientException("interrupted while waiting for the store's write turn", "HYT00", e);
            }
            if (!granted) {
                throw new SQLTransientException("the store is busy: another write held it for " + waitMillis
                        + " ms (nothing was changed; try again)", "HYT00");
            }
            holder = me;
            holds = true;
            reentered = false;
        }

        private void release() {
            if (!holds) {
                return;
            }
            holds = false;
            if (!reentered) {
                holder = null;
                permit.release();
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}
