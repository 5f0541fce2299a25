package dev.shoplink.bench;

import dev.shoplink.host.catalog.CatalogRepository;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
 * reads afterwards is the same rows an import writes.
 */
final class OrderSeeder {

    record Shop(long integrationId, String shopKey) {
    }

    record Seeded(int orders, int lines, int listings, double millis, String searchTerm, long searchMatches,
                  long filteredMatches, long filteredIntegrationId) {
    }

    private static final String[] FIRST = {"Amara", "Ben", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines",
        "Jonas", "Keiko", "Liam", "Maya", "Noah", "Olivia", "Pablo", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera",
        "Wen", "Ximena", "Yusuf", "Zoe", "Aiko", "Bruno", "Clara", "Diego", "Emma", "Felix", "Greta", "Hana", "Ivan",
        "Julia", "Kofi", "Lena", "Marco", "Nina"};
    private static final String[] LAST = {"Anders", "Baptiste", "Chen", "Dubois", "Eriksen", "Fischer", "Garcia", "Hoffmann",
        "Ivanova", "Jensen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Schmidt",
        "Tanaka", "Umarov", "Varga", "Weber", "Xu", "Yilmaz", "Zimmermann", "Alvarez", "Brennan", "Costa", "Dlamini",
        "Evans", "Ferreira", "Gomez", "Haddad", "Ito", "Jovanovic", "Kim", "Lopez", "Murphy", "Novak", "Olsen", "Park",
        "Quinn", "Reyes", "Silva", "Torres", "Ueda", "Vogel", "Walsh", "Young"};
    private static final String[] CITIES = {"Portland|OR|97201", "Seattle|WA|98101", "Austin|TX|73301", "Denver|CO|80202",
        "Chicago|IL|60601", "Boston|MA|02108", "Oakland|CA|94607", "Asheville|NC|28801", "Madison|WI|53703",
        "Burlington|VT|05401"};
    private static final String[] COFFEES = {"Ethiopia Guji", "Kenya Nyeri", "Colombia Huila", "Guatemala Huehuetenango",
        "Brazil Cerrado", "Costa Rica Tarrazu", "Rwanda Nyamasheke", "Peru Cajamarca", "Sumatra Mandheling",
        "Honduras Marcala", "House Blend", "Espresso Blend", "Decaf Colombia", "Burundi Kayanza", "Panama Boquete",
        "Mexico Chiapas", "Nicaragua Jinotega", "El Salvador Santa Ana", "Yemen Haraz", "Tanzania Mbeya"};
    private static final String[] UNITS = {"250 g", "340 g", "1 kg", "2.5 kg", "5 lb"};
    private static final String[] UNIT_CODES = {"250", "340", "1000", "2500", "5LB"};
    private static final String[] GRINDS = {"WHOLE_BEAN", "ESPRESSO", "FILTER", "FRENCH_PRESS"};
    private static final String[] GRIND_CODES = {"WB", "ES", "FI", "FP"};

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
            try (Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("select count(*) from shop_order");
                rs.next();
                if (rs.getLong(1) != 0) {
                    throw new IllegalStateException("the database already holds orders");
                }
            }

            // the catalog: 20 coffees x 5 units x 4 grinds = 400 SKUs
            List<String> skus = new ArrayList<>();
            List<String> skuNames = new ArrayList<>();
            List<Long> variantIds = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("insert into product (id, name, name_key, type, profile_group, notes,"
                    + " created_at) values (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement v = c.prepareStatement("insert into product_variant (id, product_id, sku, unit, grind_style)"
                         + " values (?, ?, ?, ?, ?)")) {
                long variantId = 1;
                for (int i = 0; i < COFFEES.length; i++) {
                    long productId = i + 1;
                    p.setLong(1, productId);
                    p.setString(2, COFFEES[i]);
                    p.setString(3, CatalogRepository.nameKey(COFFEES[i]));
                    p.setString(4, COFFEES[i].contains("Blend") ? "Blend" : "Single origin");
                    p.setString(5, i % 3 == 0 ? "Fruity" : i % 3 == 1 ? "Chocolate" : "Nutty");
                    p.setString(6, null);
                    p.setObject(7, nowAt.minusDays(400));
                    p.addBatch();
                    for (int u = 0; u < UNITS.length; u++) {
                        for (int g = 0; g < GRINDS.length; g++) {
                            String sku = "C" + (100 + i) + "-" + UNIT_CODES[u] + "-" + GRIND_CODES[g];
                            v.setLong(1, variantId);
                            v.setLong(2, productId);
                            v.setString(3, sku);
                            v.setString(4, UNITS[u]);
                            v.setString(5, GRINDS[g]);
                            v.addBatch();
                            skus.add(sku);
                            skuNames.add(COFFEES[i] + " - " + UNITS[u] + " - " + GRINDS[g].replace('_', ' ').toLowerCase());
                            variantIds.add(variantId++);
                        }
                    }
                }
                p.executeBatch();
                v.executeBatch();
            }

            // listings: every SKU at every shop (plus a few with SKUs the catalog does not know), 70 % mapped
            int listingCount = 0;
            int extra = 40;
            try (PreparedStatement l = c.prepareStatement("insert into listing (integration_id, shop_key, external_id, sku,"
                    + " name, variant, parent_external_id, price, shop_active, active, offered, state, variant_id,"
                    + " shop_created_at, shop_modified_at, first_seen_at) values (?, ?, ?, ?, ?, ?, ?, ?, true, true, true,"
                    + " ?, ?, ?, ?, ?)")) {
                for (Shop shop : shops) {
                    for (int k = 0; k < skus.size() + extra; k++) {
                        boolean known = k < skus.size();
                        boolean mapped = known && rng.nextInt(10) < 7;
                        l.setLong(1, shop.integrationId());
                        l.setString(2, shop.shopKey());
                        l.setString(3, Long.toString(31_200_001L + k));
                        l.setString(4, known ? skus.get(k) : "MERCH-" + k);
                        l.setString(5, known ? skuNames.get(k) : "Mug no. " + k);
                        l.setString(6, "");
                        l.setString(7, Long.toString(31_200_001L + k));
                        l.setBigDecimal(8, BigDecimal.valueOf(1295 + 100L * (k % 30), 2));
                        l.setString(9, mapped ? "MAPPED" : "NEW");
                        if (mapped) {
                            l.setLong(10, variantIds.get(k));
                        } else {
                            l.setNull(10, java.sql.Types.BIGINT);
                        }
                        l.setObject(11, nowAt.minusDays(500 - k % 400));
                        l.setObject(12, nowAt.minusDays(30));
                        l.setObject(13, nowAt.minusDays(30));
                        l.addBatch();
                        listingCount++;
                    }
                }
                l.executeBatch();
            }
            c.commit();

            // orders: ids follow the order date (an import reads oldest first), 3 lines each
            long span = Duration.ofDays(730).toMillis();
            long[] placed = new long[orderCount];
            long end = now.toEpochMilli() - 60_000;
            for (int i = 0; i < orderCount; i++) {
                placed[i] = end - (long) (rng.nextDouble() * span);
            }
            java.util.Arrays.sort(placed);
            double[] cumulative = new double[shares.length];
            double sum = 0;
            for (int i = 0; i < shares.length; i++) {
                sum += shares[i];
                cumulative[i] = sum;
            }
            long[] refs = new long[shops.size()];
            int lines = 0;
            long searchMatches = 0;
            long filteredMatches = 0;
            long filteredIntegration = shops.get(Math.min(1, shops.size() - 1)).integrationId();
            String search = searchLastName.toLowerCase();
            try (PreparedStatement o = c.prepareStatement("insert into shop_order (id, integration_id, shop_key, external_id,"
                    + " external_ref, external_status, external_state, status, order_date, shop_modified_at, customer_name,"
                    + " customer_email, address, city, region, postal_code, country, phone, imported_at, updated_at, search_text)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'US', ?, ?, ?, ?)");
                 PreparedStatement ol = c.prepareStatement("insert into order_line (order_id, external_id,"
                         + " listing_external_id, sku, name, quantity, unit_price) values (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < orderCount; i++) {
                    long id = i + 1;
                    double roll = rng.nextDouble();
                    int s = 0;
                    while (s < cumulative.length - 1 && roll >= cumulative[s]) {
                        s++;
                    }
                    Shop shop = shops.get(s);
                    long ageDays = (end - placed[i]) / 86_400_000L;
                    String[] status = status(rng, ageDays);
                    String first = FIRST[rng.nextInt(FIRST.length)];
                    String last = LAST[rng.nextInt(LAST.length)];
                    String[] city = CITIES[rng.nextInt(CITIES.length)].split("\\|");
                    OffsetDateTime placedAt = OffsetDateTime.ofInstant(Instant.ofEpochMilli(placed[i]), ZoneOffset.UTC);
                    o.setLong(1, id);
                    o.setLong(2, shop.integrationId());
                    o.setString(3, shop.shopKey());
                    o.setString(4, Long.toString(187_400_001L + i));
                    o.setString(5, Long.toString(10_001 + refs[s]++));
                    o.setString(6, status[0]);
                    o.setString(7, status[1]);
                    o.setString(8, status[2]);
                    o.setObject(9, placedAt);
                    o.setObject(10, placedAt.plusHours(1 + rng.nextInt(72)));
                    o.setString(11, first + " " + last);
                    o.setString(12, (first + "." + last).toLowerCase() + (i % 9973) + "@example.com");
                    o.setString(13, (1 + rng.nextInt(9800)) + " Main St");
                    o.setString(14, city[0]);
                    o.setString(15, city[1]);
                    o.setString(16, city[2]);
                    o.setString(17, rng.nextBoolean() ? "555-01" + (10 + rng.nextInt(90)) : "");
                    o.setObject(18, placedAt.plusMinutes(20));
                    o.setObject(19, placedAt.plusMinutes(20));
                    int[] lineListings = {rng.nextInt(skus.size() + extra), rng.nextInt(skus.size() + extra),
                            rng.nextInt(skus.size() + extra)};
                    // what the host's OrderRepository.searchText writes: reference, customer, e-mail, the lines' SKUs
                    StringBuilder searchText = new StringBuilder().append(Long.toString(10_001 + refs[s] - 1)).append(' ')
                            .append(first).append(' ').append(last).append(' ')
                            .append((first + "." + last).toLowerCase() + (i % 9973) + "@example.com");
                    for (int listing : lineListings) {
                        searchText.append(' ').append(listing < skus.size() ? skus.get(listing) : "MERCH-" + listing);
                    }
                    o.setString(20, searchText.toString().toLowerCase());
                    o.addBatch();
                    if (last.toLowerCase().contains(search) || first.toLowerCase().contains(search)) {
                        searchMatches++;
                    }
                    if (shop.integrationId() == filteredIntegration && status[2].equals("RECEIVED")) {
                        filteredMatches++;
                    }
                    for (int k = 0; k < 3; k++) {
                        int listing = lineListings[k];
                        boolean known = listing < skus.size();
                        ol.setLong(1, id);
                        ol.setString(2, Long.toString(402_000_000L + id * 8 + k));
                        ol.setString(3, Long.toString(31_200_001L + listing));
                        ol.setString(4, known ? skus.get(listing) : "MERCH-" + listing);
                        ol.setString(5, known ? skuNames.get(listing) : "Mug no. " + listing);
                        ol.setInt(6, 1 + (rng.nextInt(10) < 8 ? 0 : rng.nextInt(3)));
                        ol.setBigDecimal(7, BigDecimal.valueOf(1295 + 100L * (listing % 30), 2));
                        ol.addBatch();
                        lines++;
                    }
                    if ((i + 1) % 2_000 == 0) {
                        o.executeBatch();
                        ol.executeBatch();
                    }
                    if ((i + 1) % 50_000 == 0) {
                        c.commit();
                    }
                    if ((i + 1) % 200_000 == 0) {
                        Bench.log("  seeded %,d orders (%.0f s)", i + 1, (System.nanoTime() - t0) / 1e9);
                    }
                }
                o.executeBatch();
                ol.executeBatch();
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                // later inserts by the host continue after the seeded ids
                s.execute("alter table shop_order alter column id restart with " + (orderCount + 1));
                s.execute("alter table product alter column id restart with " + (COFFEES.length + 1));
                s.execute("alter table product_variant alter column id restart with " + (skus.size() + 1));
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
            return new Seeded(orderCount, lines, listingCount, (System.nanoTime() - t0) / 1e6, search, searchMatches,
                    filteredMatches, filteredIntegration);
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

    /** {external status, normalized state, Shoplink status}: recent orders are still open, old ones done. */
    private static String[] status(SplittableRandom rng, long ageDays) {
        int r = rng.nextInt(100);
        String[] shop = r < 60 ? new String[] {"shipped", "CLOSED"} : r < 80 ? new String[] {"awaiting_shipment", "PROCESSING"}
                : r < 92 ? new String[] {"awaiting_payment", "PENDING"} : new String[] {"cancelled", "CANCELLED"};
        int q = rng.nextInt(100);
        String status;
        if (ageDays < 14) {
            status = q < 70 ? "RECEIVED" : q < 90 ? "IN_PROGRESS" : "COMPLETED";
        } else if (ageDays < 60) {
            status = q < 15 ? "RECEIVED" : q < 30 ? "IN_PROGRESS" : "COMPLETED";
        } else {
            status = q < 3 ? "RECEIVED" : q < 70 ? "COMPLETED" : "ARCHIVED";
        }
        return new String[] {shop[0], shop[1], status};
    }
}
