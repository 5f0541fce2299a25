package dev.shoplink.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** The databases the benchmarks use on the {@code --postgres} server, and the host environment that points at one. */
final class PostgresDatabases {
    private PostgresDatabases() {
    }

    /** Drops and creates {@code name} on the --postgres server; the host's environment to use it. */
    static Map<String, String> fresh(BenchOptions o, String name) {
        try (Connection c = DriverManager.getConnection(o.postgres + "postgres", o.postgresUser, "");
             Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + o.postgres + ": " + e.getMessage(), e);
        }
        return env(o, name);
    }

    /** The host's environment to use database {@code name} of the --postgres server as it is. */
    static Map<String, String> env(BenchOptions o, String name) {
        return Map.of("SHOPLINK_DB_URL", o.postgres + name, "SHOPLINK_DB_USER", o.postgresUser, "SHOPLINK_DB_PASSWORD", "");
    }
}
