package dev.shoplink.host.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.shoplink.host.config.ConfigLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Which database the end-to-end and repository tests run on: H2 (the embedded default) unless the
 * build's PostgreSQL pass sets {@code -Dshoplink.test.db=postgres}, in which case every test host
 * gets a database of its own on the real {@link PostgresServer}.
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** {@code h2} or {@code postgres}. */
    public static String kind() {
        return System.getProperty("shoplink.test.db", "h2");
    }

    public static boolean postgres() {
        return kind().equals("postgres");
    }

    /** Points {@code env} at a PostgreSQL database named after {@code name} in the PostgreSQL pass; else leaves H2. */
    public static Map<String, String> use(Map<String, String> env, String name) {
        if (postgres()) {
            env.put("SHOPLINK_DB_URL", PostgresServer.get().database(name));
            env.put("SHOPLINK_DB_USER", "shoplink");
            env.put("SHOPLINK_DB_PASSWORD", "");
        }
        return env;
    }

    /**
     * Makes the host's store give up waiting for a row lock after {@code millis} (H2's {@code LOCK_TIMEOUT}, PostgreSQL's
     * {@code lock_timeout}) instead of the host's 10 s on H2 and PostgreSQL's waiting for ever.
     */
    public static Map<String, String> lockTimeout(Map<String, String> env, int millis) {
        String url = new ConfigLoader(env, new Properties()).load().jdbcUrl();
        env.put("SHOPLINK_DB_URL", postgres()
                ? url + (url.contains("?") ? "&" : "?") + "options=-c%20lock_timeout=" + millis
                : url + ";LOCK_TIMEOUT=" + millis);
        return env;
    }

    /**
     * A transaction of its own that holds the integration's row ({@code select … for update}) until the connection is
     * closed (its rollback ends the lock), as a sync's page write holds it. Taken from the pool itself, past the
     * embedded store's one-write-at-a-time turn ({@code SerialWrites}): only what needs this row waits (and meets the
     * lock timeout), as on PostgreSQL, so the host's other writes, e.g. a failed sync recording its error, go on.
     */
    public static Connection lockIntegration(TestHost host, long integrationId) throws SQLException {
        Connection c = host.app().dataSource().unwrap(HikariDataSource.class).getConnection();
        try (PreparedStatement s = c.prepareStatement("select id from integration where id = ? for update")) {
            c.setAutoCommit(false);
            s.setLong(1, integrationId);
            s.executeQuery().close();
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** A database name that is the same for the same data folder (a host restarted on its data finds it again). */
    public static String nameFor(Path dataDir) {
        String abs = dataDir.toAbsolutePath().normalize().toString();
        return "t_" + Integer.toHexString(abs.hashCode()) + "_" + dataDir.getFileName();
    }
}
