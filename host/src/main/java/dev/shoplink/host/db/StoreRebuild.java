package dev.shoplink.host.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an embedded H2 store whose indexes disagree with its tables after an unclean stop. H2 2.5 can leave a
 * secondary index without entries for committed rows (or with entries for rows that are gone) when the process is
 * killed while two transactions write (reproduced outside the host with two writer threads and {@code kill -9}; the
 * kill suite met it as "shop_order holds 5529 rows but index … reaches 5527"). The rows themselves are the truth: the
 * store is exported as SQL through a walk of each table (committed rows only, every constraint and identity
 * position), written into a new file, and the old file is kept beside it for the operator.
 */
final class StoreRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRebuild.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private StoreRebuild() {
    }

    /**
     * Exports the store behind {@code pool} (closed afterwards), moves its file aside and imports the export into a new
     * file; answers the pool on the new file.
     */
    static HikariDataSource rebuild(HikariDataSource pool, HikariConfig settings, Path dataDir) throws SQLException, IOException {
        long t0 = System.nanoTime();
        String stamp = STAMP.format(Instant.now());
        Path script = dataDir.resolve("shoplink-rebuild-" + stamp + ".sql");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("set lock_timeout 30000");
            s.execute("script to " + literal(script));
        }
        OwnerOnly.filesIn(dataDir, "shoplink");
        pool.close(); // the last connection: H2 closes the file
        Path file = dataDir.resolve("shoplink.mv.db");
        Path kept = dataDir.resolve("shoplink.mv.db.inconsistent-" + stamp);
        Files.move(file, kept);
        HikariDataSource fresh = new HikariDataSource(settings);
        try (Connection c = fresh.getConnection(); Statement s = c.createStatement()) {
            s.execute("runscript from " + literal(script));
        } catch (SQLException | RuntimeException e) {
            fresh.close();
            throw e;
        }
        Files.delete(script);
        LOG.warn("the store was rebuilt from its tables' rows in {} ms; the inconsistent file is kept as {} (remove it once"
                + " the host runs as expected)", (System.nanoTime() - t0) / 1_000_000, kept);
        return fresh;
    }

    private static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
