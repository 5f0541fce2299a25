package dev.shoplink.host.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an embedded H2 store whose indexes lack entries for rows their tables hold after an unclean stop. H2 2.5 can
 * leave a secondary index without entries for committed rows when the process is killed while two transactions write (reproduced outside the host with two writer threads and {@code kill -9}; the
 * kill suite met it as "shop_order holds 5529 rows but index … reaches 5527"). The rows themselves are the truth: the
 * store is exported as SQL through a walk of each table (committed rows only, every constraint and identity
 * position), written into a new file, and a copy of the old file is kept beside it for the operator. An index that
 * reaches rows its table lost is not rebuilt this way (the rows would be gone for good): {@code Database} refuses it.
 */
final class StoreRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRebuild.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private StoreRebuild() {
    }

    /**
     * Exports the store behind {@code pool} (closed afterwards), imports the export into a new file beside it, keeps a
     * copy of the old file and puts the new one in its place; answers a pool on the new file. A kill at any point leaves
     * either the old file (rebuilt again at the next start) or the complete new one, never a partial store.
     */
    static HikariDataSource rebuild(HikariDataSource pool, HikariConfig settings, Path dataDir) throws SQLException, IOException {
        long t0 = System.nanoTime();
        String stamp = STAMP.format(Instant.now());
        Path script = dataDir.resolve("shoplink-rebuild-" + stamp + ".sql");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("set lock_timeout 30000");
            s.execute("script to " + literal(script));
        } finally {
            pool.close(); // its last connection closed, H2 closes the old file (DB_CLOSE_DELAY 0)
        }
        OwnerOnly.filesIn(dataDir, "shoplink");
        // imported under a name of its own, one transaction per statement but not each written to disk at once: it
        // counts only once complete and moved into place
        String name = "shoplink-rebuild-" + stamp;
        String url = settings.getJdbcUrl();
        String options = url.indexOf(';') < 0 ? "" : url.substring(url.indexOf(';')).replace(";WRITE_DELAY=0", "");
        String importUrl = "jdbc:h2:file:" + dataDir.resolve(name).toAbsolutePath() + options;
        try (Connection c = DriverManager.getConnection(importUrl, settings.getUsername(), settings.getPassword());
             Statement s = c.createStatement()) {
            s.execute("runscript from " + literal(script));
        }
        Files.delete(script);
        Path file = dataDir.resolve("shoplink.mv.db");
        Path kept = dataDir.resolve("shoplink.mv.db.inconsistent-" + stamp);
        Files.copy(file, kept);
        Files.move(dataDir.resolve(name + ".mv.db"), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        OwnerOnly.filesIn(dataDir, "shoplink");
        LOG.warn("the store was rebuilt from its tables' rows in {} ms; a copy of the inconsistent file is kept as {}"
                + " (remove it once the host runs as expected)", (System.nanoTime() - t0) / 1_000_000, kept);
        return new HikariDataSource(settings);
    }

    private static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
