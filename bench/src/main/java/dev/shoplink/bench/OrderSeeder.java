package dev.shoplink.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeds a migrated (and stopped) host's H2 database with a large order book straight through JDBC, in
 * the host's own schema: a catalog, listings per integration (part of them mapped), and N orders with
 * 3 lines each, spread over the integrations, the last two years and the order statuses. Importing a
 * million orders through a sync would take far longer than the benchmark itself; what the admin API
 * reads afterwards is the same rows an import writes. The rows are {@link CatalogSeeder}'s and
 * {@link OrderRowsSeeder}'s, from one random stream in that order.
 */
final class OrderSeeder {

    record Shop(long integrationId, String shopKey) {
    }

    record Seeded(int orders, int lines, int listings, double millis, String searchTerm, long searchMatches,
                  long filteredMatches, long filteredIntegrationId) {
    }

    private OrderSeeder() {
    }

    static String jdbcUrl(Path dataDir) {
        // the URL the host builds for its H2 file (HostConfig.jdbcUrl)
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("shoplink")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** Where the seeder writes: the host's H2 file, or a PostgreSQL database (user without password). */
    record Store(String url, String user, boolean postgres) {
        static Store h2(Path dataDir) {
            return new Store(jdbcUrl(dataDir), "sa", false);
        }

        static Store postgres(String url, String user) {
            // one round trip per batch instead of per row
            return new Store(url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true", user, true);
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, "");
        }
    }

    static List<Shop> shops(Store store) throws SQLException {
        List<Shop> shops = new ArrayList<>();
        try (Connection c = store.connect();
             ResultSet rs = c.createStatement().executeQuery("select id, shop_key from integration order by id")) {
            while (rs.next()) {
                shops.add(new Shop(rs.getLong(1), rs.getString(2)));
            }
        }
        return shops;
    }

    /**
     * @param shares share of the orders per shop (same order as {@code shops}), summing to 1
     * @param searchLastName a customer last name used by the {@code q=} benchmark; its match count is returned
     */
    static Seeded seed(Store store, List<Shop> shops, double[] shares, int orderCount, long seed, Instant now,
                       String searchLastName) throws SQLException {
        long t0 = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(seed);
        OffsetDateTime nowAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            if (scalar(c, "select count(*) from shop_order") != 0) {
                throw new IllegalStateException("the database already holds orders");
            }
            CatalogSeeder catalog = new CatalogSeeder();
            catalog.insertCatalog(c, nowAt);
            int listingCount = catalog.insertListings(c, shops, rng, nowAt);
            c.commit();
            OrderRowsSeeder orders = new OrderRowsSeeder(rng, catalog, shops, shares, searchLastName);
            orders.insert(c, orderCount, now, t0);
            c.commit();
            settle(c, store, orderCount, catalog);
            return new Seeded(orderCount, orders.lines(), listingCount, (System.nanoTime() - t0) / 1e6, orders.search(),
                    orders.searchMatches(), orders.filteredMatches(), orders.filteredIntegration());
        }
    }

    /** After the inserts: ids continue after the seeded ones, statistics as a settled database has them. */
    private static void settle(Connection c, Store store, int orderCount, CatalogSeeder catalog) throws SQLException {
        try (Statement s = c.createStatement()) {
            // later inserts by the host continue after the seeded ids
            s.execute("alter table shop_order alter column id restart with " + (orderCount + 1));
            s.execute("alter table product alter column id restart with " + (CatalogSeeder.products() + 1));
            s.execute("alter table product_variant alter column id restart with " + (catalog.variants() + 1));
            // what H2 would have gathered by itself (ANALYZE_AUTO) while such a table grows; PostgreSQL's autovacuum
            s.execute("analyze");
        }
        c.commit();
        if (store.postgres()) {
            // the visibility map, so that counts and keyset pages are index-only scans as on a settled database
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("vacuum analyze shop_order");
                s.execute("vacuum analyze order_line");
            }
        }
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return scalar(s, sql);
        }
    }

    /** What an earlier run seeded into {@code store} (--api-reuse); empty when it holds no orders. */
    static java.util.Optional<Seeded> existing(Store store, String searchLastName) throws SQLException {
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            long orders = scalar(s, "select count(*) from shop_order");
            if (orders == 0) {
                return java.util.Optional.empty();
            }
            List<Shop> shops = shops(store);
            long filtered = shops.get(Math.min(1, shops.size() - 1)).integrationId();
            String term = searchLastName.toLowerCase();
            return java.util.Optional.of(new Seeded((int) orders, (int) scalar(s, "select count(*) from order_line"),
                    (int) scalar(s, "select count(*) from listing"), 0, term,
                    scalar(s, "select count(*) from shop_order where lower(customer_name) like '%" + term + "%'"),
                    scalar(s, "select count(*) from shop_order where status = 'RECEIVED' and integration_id = " + filtered),
                    filtered));
        }
    }

    private static long scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
