package dev.shoplink.host.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shoplink.host.config.ConfigException;
import dev.shoplink.host.config.ConfigLoader;
import dev.shoplink.host.config.HostConfig;
import ch.qos.logback.classic.Level;
import dev.shoplink.host.testing.LogLines;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import org.h2.engine.SessionLocal;
import org.h2.index.Cursor;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.table.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's settings and what the host does after an unclean stop. */
class StoreIntegrityTest {
    @TempDir
    Path dir;

    private HostConfig config() {
        return new ConfigLoader(Map.of("SHOPLINK_DATA_DIR", dir.toString()), new Properties()).load();
    }

    @Test
    void anEmbeddedH2UrlGetsDurableCommitsAndNoShutdownHookOfItsOwn() {
        assertThat(Database.durable("jdbc:h2:file:/x/shoplink;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:/x/shoplink;MODE=PostgreSQL;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000"
                        + ";REUSE_SPACE=FALSE;AUTO_COMPACT_FILL_RATE=0");
        assertThat(Database.durable("jdbc:h2:file:/x/shoplink;LOCK_TIMEOUT=300")).contains("LOCK_TIMEOUT=300")
                .doesNotContain("LOCK_TIMEOUT=10000");
        assertThat(Database.durable("jdbc:h2:file:/x/shoplink;write_delay=100")).contains("write_delay=100")
                .doesNotContain("WRITE_DELAY=0");
        assertThat(Database.durable("jdbc:postgresql://db/shoplink")).isEqualTo("jdbc:postgresql://db/shoplink");
        assertThat(Database.durable("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void aCleanStopLeavesNoMarkerAndAnOpenStoreHasOne() throws Exception {
        try (Database db = Database.open(config())) {
            assertThat(dir.resolve(Database.RUNNING_MARKER)).exists();
            assertThat(db.jdbi().withHandle(StoreIntegrityTest::check)).isEmpty();
        }
        assertThat(dir.resolve(Database.RUNNING_MARKER)).doesNotExist();
    }

    @Test
    void anInconsistentStoreFoundAfterAnUncleanStopIsRefusedInOneLine() throws Exception {
        try (Database db = Database.open(config())) {
            db.jdbi().useHandle(h -> {
                // what a torn write would leave: a line whose order is gone
                h.execute("set referential_integrity false");
                h.execute("insert into order_line (order_id, external_id, listing_external_id, sku, name, quantity, unit_price)"
                        + " values (424242, 'l1', 'x', 'SKU', 'Coffee', 1, 12.50)");
                h.execute("set referential_integrity true");
            });
        }
        Files.writeString(dir.resolve(Database.RUNNING_MARKER), "1\n"); // as a killed host leaves it
        assertThatThrownBy(() -> Database.open(config())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is inconsistent after an unclean stop: 1 order lines belong to no order")
                .hasMessageContaining("restore a backup")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anIndexThatLostEntriesInAnUncleanStopIsRebuiltFromTheRowsAndTheOldFileIsKept() throws Exception {
        try (Database db = Database.open(config())) {
            db.jdbi().useHandle(h -> {
                for (String name : List.of("Ethiopia Guji", "Kenya AA", "Colombia Huila")) {
                    h.execute("insert into product (name, name_key, created_at) values (?, ?, current_timestamp)", name,
                            name.toLowerCase(Locale.ROOT));
                }
            });
            // what H2 2.5 can leave after a kill -9 during two writing transactions: committed rows an index lacks
            try (Connection c = db.dataSource().getConnection()) {
                SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
                Table product = session.getDatabase().getSchema("public").findTableOrView(session, "product");
                Index byName = product.getIndexes().stream().filter(i -> i.getName().equals("product_name_key"))
                        .findFirst().orElseThrow();
                Cursor first = byName.find(session, null, null, false);
                assertThat(first.next()).isTrue();
                byName.remove(session, first.get());
                session.commit(false);
            }
            assertThat(db.jdbi().withHandle(StoreIntegrityTest::check))
                    .containsExactly("product holds 3 rows but index product_name_key reaches 2");
        }
        Files.writeString(dir.resolve(Database.RUNNING_MARKER), "1\n"); // as a killed host leaves it

        try (LogLines log = LogLines.of(StoreRebuild.class, Level.WARN); Database db = Database.open(config())) {
            assertThat(db.jdbi().withHandle(StoreIntegrityTest::check)).isEmpty();
            List<String> found = db.jdbi().withHandle(h -> h.createQuery("select name from product where name_key = 'kenya aa'")
                    .mapTo(String.class).list());
            assertThat(found).containsExactly("Kenya AA");
            long rows = db.jdbi().withHandle(h -> h.createQuery("select count(*) from product").mapTo(Long.class).one());
            assertThat(rows).isEqualTo(3);
            // the identity goes on after the rows it had handed out
            long next = db.jdbi().withHandle(h -> h.createUpdate("insert into product (name, name_key, created_at)"
                    + " values ('Peru', 'peru', current_timestamp)").executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            assertThat(next).isGreaterThan(3);
            assertThat(log.events()).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("rebuilt from its tables' rows"));
        }
        try (var kept = Files.list(dir)) {
            assertThat(kept.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("shoplink.mv.db.inconsistent-"))
                    .noneMatch(n -> n.endsWith(".sql") || n.startsWith("shoplink-rebuild-"));
        }
    }

    @Test
    void aTableThatLostRowsItsIndexStillReachesIsRefusedNotRebuilt() throws Exception {
        try (Database db = Database.open(config())) {
            db.jdbi().useHandle(h -> {
                for (String name : List.of("Ethiopia Guji", "Kenya AA")) {
                    h.execute("insert into product (name, name_key, created_at) values (?, ?, current_timestamp)", name,
                            name.toLowerCase(Locale.ROOT));
                }
            });
            // the other way round: a row gone from the table while an index still has its entry; rebuilding from the
            // rows would drop it for good, so the operator decides (a backup, or the kept file)
            try (Connection c = db.dataSource().getConnection()) {
                SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
                Table product = session.getDatabase().getSchema("public").findTableOrView(session, "product");
                Index rows = product.getScanIndex(session);
                Cursor first = rows.find(session, null, null, false);
                assertThat(first.next()).isTrue();
                rows.remove(session, first.get());
                session.commit(false);
            }
        }
        Files.writeString(dir.resolve(Database.RUNNING_MARKER), "1\n");
        // H2 answers a walk of that index with a lock it waits for (30 s in the check) and then refuses, which is what
        // an index entry without its row looks like from SQL
        assertThatThrownBy(() -> Database.open(config())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("product through index product_name_key")
                .hasMessageContaining("restore a backup");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("inconsistent-"));
        }
    }

    @Test
    void aConsistentStoreAfterAnUncleanStopOpens() throws Exception {
        Database.open(config()).close();
        Files.writeString(dir.resolve(Database.RUNNING_MARKER), "1\n");
        try (Database db = Database.open(config())) {
            assertThat(db.postgres()).isFalse();
        }
    }

    private static java.util.List<String> check(org.jdbi.v3.core.Handle h) throws java.sql.SQLException {
        return StoreIntegrity.check(h.getConnection()).problems();
    }
}
