package dev.shoplink.host.testing;

import java.nio.file.Path;
import java.util.Map;

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

    /** A database name that is the same for the same data folder (a host restarted on its data finds it again). */
    public static String nameFor(Path dataDir) {
        String abs = dataDir.toAbsolutePath().normalize().toString();
        return "t_" + Integer.toHexString(abs.hashCode()) + "_" + dataDir.getFileName();
    }
}
