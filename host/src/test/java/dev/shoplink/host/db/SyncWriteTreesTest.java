package dev.shoplink.host.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.shoplink.host.testing.MigratedDatabase;
import dev.shoplink.host.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sync's rows cost the embedded store to write (migrations V7 and V10): no table a sync fills keeps two index
 * trees of the same key, and no identity of those tables commits the store every few rows.
 */
class SyncWriteTreesTest {
    static final List<String> SYNC_TABLES = List.of("shop_order", "order_line", "order_status_change", "listing");

    @TempDir
    Path dir;

    /** Runs {@code test} on a migrated embedded store; PostgreSQL's pass skips it. */
    void onH2(Consumer<Jdbi> test) {
        assumeFalse(TestDatabases.postgres(), "H2's own trees and identity caches; PostgreSQL keeps its defaults");
        try (MigratedDatabase db = new MigratedDatabase(dir)) {
            test.accept(db.jdbi());
        }
    }

    @Test
    void noTableASyncFillsKeepsTwoIndexesOfOneKey() {
        onH2(jdbi -> SYNC_TABLES.forEach(table -> {
            // an H2 secondary index ends with the row's key (the id): (order_id) and (order_id, id) are one key
            Map<String, List<String>> keys = new LinkedHashMap<>();
            jdbi.useHandle(h -> h.createQuery("select index_name, column_name from information_schema.index_columns"
                            + " where table_schema = 'public' and table_name = :t order by index_name, ordinal_position")
                    .bind("t", table)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> keys.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
            keys.values().forEach(columns -> {
                if (!columns.contains("id")) {
                    columns.add("id");
                }
            });
            assertThat(keys).as("indexes of %s", table).hasSizeGreaterThan(1);
            assertThat(keys.values().stream().distinct().count()).as("distinct keys of %s's indexes %s", table, keys)
                    .isEqualTo(keys.size());
        }));
    }

    @Test
    void theIdentitiesASyncDrawsFromFlushRarely() {
        Map<String, Long> caches = new LinkedHashMap<>();
        onH2(jdbi -> jdbi.useHandle(h -> h.createQuery("select table_name, identity_cache from information_schema.columns"
                        + " where table_schema = 'public' and is_identity = 'YES' and table_name in (<tables>)")
                .bindList("tables", SYNC_TABLES)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> caches.put(e.getKey(), e.getValue()))));
        // a full import of ~100,000 orders: a handful of flushes for the lines and the history, ~20 for the orders
        assertThat(caches).containsEntry("order_line", 50_000L).containsEntry("order_status_change", 50_000L)
                .containsEntry("shop_order", 5_000L).containsEntry("listing", 5_000L);
    }
}
