package dev.shoplink.host.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.shoplink.host.config.ConfigException;
import dev.shoplink.host.config.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, the migrated schema and the Jdbi instance over it.
 *
 * <p>The embedded H2 store is opened so that an answered write survives {@code kill -9}: every
 * commit writes its chunk to the file before the commit returns ({@code WRITE_DELAY=0}; H2's default
 * writes up to half a second later), and H2's own shutdown hook is off so that the host closes the
 * database last, after the sync workers stopped. A marker file in the data folder tells an unclean
 * stop; the next start reads the whole store through every index ({@link StoreIntegrity}) before
 * anything else touches it, and refuses to start on an inconsistent file with one clear line.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Present while a host has the embedded store open; found at start, it means the last stop was unclean. */
    static final String RUNNING_MARKER = "shoplink.running";
    private static final Pattern LOCK_TIMEOUT = Pattern.compile("(?i);LOCK_TIMEOUT=(\\d+)");

    private final HikariDataSource pool;
    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final Optional<Path> marker;
    private final boolean postgres;
    private final boolean uncleanStop;

    private Database(HikariDataSource pool, DataSource dataSource, Optional<Path> marker, boolean postgres,
                     boolean uncleanStop) {
        this.pool = pool;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new UtcInstants());
        this.marker = marker;
        this.postgres = postgres;
        this.uncleanStop = uncleanStop;
    }

    /** Opens the pool and runs pending migrations; fails with one clear line when it cannot. */
    public static Database open(HostConfig config) {
        String url = durable(config.jdbcUrl());
        boolean embedded = isEmbeddedH2(url);
        Optional<Path> marker = Optional.empty();
        // the data folder holds the admin token and the credential key even when the database is a server
        OwnerOnly.directory(config.dataDir());
        if (!Files.isWritable(config.dataDir())) {
            throw new ConfigException("data folder " + config.dataDir() + " is not writable");
        }
        boolean uncleanStop = false;
        if (embedded) {
            marker = Optional.of(config.dataDir().resolve(RUNNING_MARKER));
            uncleanStop = Files.exists(marker.get()) && Files.exists(config.dataDir().resolve("shoplink.mv.db"));
        }
        HikariConfig hikari = poolConfig(url, config);
        HikariDataSource ds = new HikariDataSource(hikari);
        if (uncleanStop) {
            ds = checkedAfterUncleanStop(ds, hikari, config);
        }
        try {
            migrate(ds);
        } catch (FlywayException | IllegalStateException e) {
            ds.close();
            throw new ConfigException("cannot open the database " + redact(config.jdbcUrl()) + ": " + rootMessage(e), e);
        }
        if (embedded) {
            OwnerOnly.filesIn(config.dataDir(), "shoplink.");
            OwnerOnly.write(marker.get(), ProcessHandle.current().pid() + "\n");
        }
        // one write transaction at a time on the embedded store (SerialWrites says why); migrations ran before, alone
        DataSource exposed = embedded ? new SerialWrites(ds, lockTimeout(url)) : ds;
        return new Database(ds, exposed, marker, url.startsWith("jdbc:postgresql:"), uncleanStop);
    }

    private static HikariConfig poolConfig(String url, HostConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        // each sync thread holds a connection while it writes a page; the rest serve the admin API and the scheduler
        hikari.setMaximumPoolSize(config.syncThreads() + 8);
        hikari.setPoolName("shoplink");
        hikari.setInitializationFailTimeout(-1);
        if (url.startsWith("jdbc:postgresql:")) {
            // a host frozen in the middle of a transaction (a stalled VM, a stopped process) must not hold its row locks
            // forever: the other hosts' takeover waits for them. No transaction of the host waits on a shop.
            hikari.setConnectionInitSql("set idle_in_transaction_session_timeout = '30s'");
        }
        return hikari;
    }

    /**
     * The pool over a store read through every index after an unclean stop, rebuilt first when only indexes lack
     * rows; refused (the pool closed) otherwise. Checked through the pool, so that the store is opened (and recovered)
     * once and stays open: closing it between the check and the pool would add a close and a reopen right after a
     * crash recovery.
     */
    private static HikariDataSource checkedAfterUncleanStop(HikariDataSource ds, HikariConfig hikari, HostConfig config) {
        try {
            StoreIntegrity.Report report = checkAfterUncleanStop(ds, config);
            if (!report.consistent() && report.onlyIndexesLackRows()) {
                LOG.warn("after the unclean stop the store's indexes disagree with its tables ({}); rebuilding it from"
                        + " the tables' rows", String.join("; ", report.problems()));
                ds = StoreRebuild.rebuild(ds, hikari, config.dataDir());
                report = checkAfterUncleanStop(ds, config);
            }
            accept(report, config);
            return ds;
        } catch (RuntimeException | SQLException | IOException e) {
            ds.close();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new ConfigException("the database in " + config.dataDir() + " could not be rebuilt after an unclean"
                    + " stop: " + rootMessage(e) + " (restore a backup; see docs/RELIABILITY.md)", e);
        }
    }

    /**
     * H2 file URLs get the settings that make a commit durable when it returns, and lose H2's
     * shutdown hook (the host closes the database itself, last); other URLs are left alone.
     */
    static String durable(String url) {
        if (!isEmbeddedH2(url)) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(url);
        if (!upper.contains(";WRITE_DELAY=")) {
            out.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            out.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        // a sync's page transaction holds its integration's row lock while it writes the page: ~0.1 s on an idle
        // machine, seconds on a loaded one (3 s a page was measured at load 20). H2's default of 1 s made a request
        // that needs the same row (a disconnect, a patch) or a resuming run fail instead of waiting its turn
        if (!upper.contains(";LOCK_TIMEOUT=")) {
            out.append(";LOCK_TIMEOUT=10000");
        }
        // every chunk appended at the end of the file: the kill suite showed H2 2.5 losing every commit of a host's
        // life when its chunks went into reused space in the middle of the file and the process was killed (the
        // next recovery did not find them); appended chunks are found from the file's end. No automatic compaction
        // (it would only move data to the end again); H2 compacts for up to MAX_COMPACT_TIME at a clean close.
        if (!upper.contains(";REUSE_SPACE=")) {
            out.append(";REUSE_SPACE=FALSE");
        }
        if (!upper.contains(";AUTO_COMPACT_FILL_RATE=")) {
            out.append(";AUTO_COMPACT_FILL_RATE=0");
        }
        return out.toString();
    }

    /** H2's {@code LOCK_TIMEOUT} as the URL sets it: how long a write waits for its turn before it gives up. */
    static Duration lockTimeout(String url) {
        Matcher m = LOCK_TIMEOUT.matcher(url);
        return Duration.ofMillis(m.find() ? Long.parseLong(m.group(1)) : 10_000);
    }

    private static boolean isEmbeddedH2(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:");
    }

    private static StoreIntegrity.Report checkAfterUncleanStop(HikariDataSource ds, HostConfig config) {
        StoreIntegrity.Report report;
        try (Connection c = ds.getConnection()) {
            // right after a crash recovery H2 may still hold a table lock while it ends the transactions the crash
            // left open; the check waits for it (up to 30 s) instead of reporting the lock as an inconsistency
            // (the kill suite saw "Timeout trying to lock table" at H2's default of 1 s). This connection is then
            // dropped from the pool, so no other work runs with the long timeout
            try (Statement s = c.createStatement()) {
                s.execute("set lock_timeout 30000");
            }
            try {
                report = StoreIntegrity.check(c);
            } finally {
                ds.evictConnection(c);
            }
        } catch (SQLException e) {
            throw new ConfigException("the database in " + config.dataDir() + " cannot be read after an unclean stop: "
                    + rootMessage(e) + " (restore a backup; see docs/RELIABILITY.md)", e);
        }
        return report;
    }

    /** Refuses a store still inconsistent (after a rebuild where one could help), else logs what the check read. */
    private static void accept(StoreIntegrity.Report report, HostConfig config) {
        if (!report.consistent()) {
            throw new ConfigException("the database in " + config.dataDir() + " is inconsistent after an unclean stop: "
                    + String.join("; ", report.problems()) + "; restore a backup (see docs/RELIABILITY.md)");
        }
        for (String note : report.notes()) {
            // every index reaches the same rows; only H2's size counter of the table is off (what count(*) answers)
            LOG.warn("after the unclean stop {}; every index agrees with the table", note);
        }
        LOG.info("the last stop was unclean; the store was read through every index ({} rows in {} ms) and is consistent",
                report.rowsRead(), report.millis());
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

    /** The innermost cause's first line: H2 appends the SQL statement and its own stack to messages. */
    private static String rootMessage(Throwable e) {
        Throwable root = ExceptionUtils.getRootCause(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The connections the host works with: on the embedded store, one write transaction at a time. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The connection pool itself, for its meters. */
    public HikariDataSource pool() {
        return pool;
    }

    /** The embedded store's file folder (the data folder), where derived indexes beside it live; none for a server. */
    public Optional<Path> embeddedFolder() {
        return marker.map(Path::getParent);
    }

    /** Whether the embedded store was found after an unclean stop (and checked, {@link StoreIntegrity}). */
    public boolean uncleanStop() {
        return uncleanStop;
    }

    /** Whether the database is PostgreSQL (else H2). */
    public boolean postgres() {
        return postgres;
    }

    @Override
    public void close() {
        pool.close();
        // the pool closed every connection, so H2 (without its own hook) has closed the file: a clean stop
        marker.ifPresent(m -> {
            try {
                Files.deleteIfExists(m);
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", m, e.getMessage());
            }
        });
    }
}
