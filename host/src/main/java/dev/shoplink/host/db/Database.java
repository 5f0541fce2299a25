package dev.shoplink.host.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shoplink.host.config.ConfigException;
import dev.shoplink.host.config.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The connection pool, the migrated schema and the Jdbi instance over it. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }

    /** Opens the pool and runs pending migrations; fails with one clear line when it cannot. */
    public static Database open(HostConfig config) {
        if (config.dbUrl().isEmpty()) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new ConfigException("cannot create data folder " + config.dataDir() + ": " + e.getMessage(), e);
            }
            if (!Files.isWritable(config.dataDir())) {
                throw new ConfigException("data folder " + config.dataDir() + " is not writable");
            }
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        hikari.setMaximumPoolSize(10);
        hikari.setPoolName("shoplink");
        hikari.setInitializationFailTimeout(-1);
        HikariDataSource ds = new HikariDataSource(hikari);
        try {
            migrate(ds);
        } catch (FlywayException | IllegalStateException e) {
            ds.close();
            throw new ConfigException("cannot open the database " + redact(config.jdbcUrl()) + ": " + rootMessage(e), e);
        }
        return new Database(ds);
    }

    private static void migrate(DataSource ds) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load()
                .migrate();
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst().orElse("");
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
