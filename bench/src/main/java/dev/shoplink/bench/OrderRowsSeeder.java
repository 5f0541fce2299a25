package dev.shoplink.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order part of a seeding: N orders over the last two years (ids follow the order date, as an import reads
 * oldest first), spread over the shops by their shares, each with 3 lines of the catalog's listings; counts the
 * rows the {@code q=} and the filtered benchmark queries will match.
 */
final class OrderRowsSeeder {
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

    private final SplittableRandom rng;
    private final CatalogSeeder catalog;
    private final List<OrderSeeder.Shop> shops;
    private final double[] cumulative;
    private final long[] refs;
    private final String search;
    private final long filteredIntegration;
    private int lines;
    private long searchMatches;
    private long filteredMatches;

    OrderRowsSeeder(SplittableRandom rng, CatalogSeeder catalog, List<OrderSeeder.Shop> shops, double[] shares,
            String searchLastName) {
        this.rng = rng;
        this.catalog = catalog;
        this.shops = shops;
        this.cumulative = new double[shares.length];
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            sum += shares[i];
            cumulative[i] = sum;
        }
        this.refs = new long[shops.size()];
        this.search = searchLastName.toLowerCase();
        this.filteredIntegration = shops.get(Math.min(1, shops.size() - 1)).integrationId();
    }

    int lines() {
        return lines;
    }

    String search() {
        return search;
    }

    long searchMatches() {
        return searchMatches;
    }

    long filteredMatches() {
        return filteredMatches;
    }

    long filteredIntegration() {
        return filteredIntegration;
    }

    /** Inserts the orders in batches, committing every 50,000; {@code t0} is when the seeding started (for the log). */
    void insert(Connection c, int orderCount, Instant now, long t0) throws SQLException {
        long span = Duration.ofDays(730).toMillis();
        long[] placed = new long[orderCount];
        long end = now.toEpochMilli() - 60_000;
        for (int i = 0; i < orderCount; i++) {
            placed[i] = end - (long) (rng.nextDouble() * span);
        }
        Arrays.sort(placed);
        try (PreparedStatement o = c.prepareStatement("insert into shop_order (id, integration_id, shop_key, external_id,"
                + " external_ref, external_status, external_state, status, order_date, shop_modified_at, customer_name,"
                + " customer_email, address, city, region, postal_code, country, phone, imported_at, updated_at, search_text)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'US', ?, ?, ?, ?)");
             PreparedStatement ol = c.prepareStatement("insert into order_line (order_id, external_id,"
                     + " listing_external_id, sku, name, quantity, unit_price) values (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < orderCount; i++) {
                int[] lineListings = order(o, i, placed[i], (end - placed[i]) / 86_400_000L);
                addLines(ol, i + 1, lineListings);
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
    }

    /** Adds order {@code i} to the batch and counts its matches; returns the listings of its 3 lines. */
    private int[] order(PreparedStatement o, int i, long placedMillis, long ageDays) throws SQLException {
        long id = i + 1;
        int s = shopIndex(rng.nextDouble());
        OrderSeeder.Shop shop = shops.get(s);
        String[] status = status(rng, ageDays);
        String first = FIRST[rng.nextInt(FIRST.length)];
        String last = LAST[rng.nextInt(LAST.length)];
        String[] city = CITIES[rng.nextInt(CITIES.length)].split("\\|");
        OffsetDateTime placedAt = OffsetDateTime.ofInstant(Instant.ofEpochMilli(placedMillis), ZoneOffset.UTC);
        String ref = Long.toString(10_001 + refs[s]++);
        String email = (first + "." + last).toLowerCase() + (i % 9973) + "@example.com";
        o.setLong(1, id);
        o.setLong(2, shop.integrationId());
        o.setString(3, shop.shopKey());
        o.setString(4, Long.toString(187_400_001L + i));
        o.setString(5, ref);
        o.setString(6, status[0]);
        o.setString(7, status[1]);
        o.setString(8, status[2]);
        o.setObject(9, placedAt);
        o.setObject(10, placedAt.plusHours(1 + rng.nextInt(72)));
        o.setString(11, first + " " + last);
        o.setString(12, email);
        o.setString(13, (1 + rng.nextInt(9800)) + " Main St");
        o.setString(14, city[0]);
        o.setString(15, city[1]);
        o.setString(16, city[2]);
        o.setString(17, rng.nextBoolean() ? "555-01" + (10 + rng.nextInt(90)) : "");
        o.setObject(18, placedAt.plusMinutes(20));
        o.setObject(19, placedAt.plusMinutes(20));
        int listings = catalog.listingsPerShop();
        int[] lineListings = {rng.nextInt(listings), rng.nextInt(listings), rng.nextInt(listings)};
        o.setString(20, searchText(ref, first, last, email, lineListings));
        o.addBatch();
        if (last.toLowerCase().contains(search) || first.toLowerCase().contains(search)) {
            searchMatches++;
        }
        if (shop.integrationId() == filteredIntegration && status[2].equals("RECEIVED")) {
            filteredMatches++;
        }
        return lineListings;
    }

    /** The shop a roll in [0, 1) falls to by the cumulative shares. */
    private int shopIndex(double roll) {
        int s = 0;
        while (s < cumulative.length - 1 && roll >= cumulative[s]) {
            s++;
        }
        return s;
    }

    /** What the host's OrderColumns.searchText writes: reference, customer, e-mail, the lines' SKUs. */
    private String searchText(String ref, String first, String last, String email, int[] lineListings) {
        StringBuilder searchText = new StringBuilder().append(ref).append(' ')
                .append(first).append(' ').append(last).append(' ').append(email);
        for (int listing : lineListings) {
            searchText.append(' ').append(catalog.sku(listing));
        }
        return searchText.toString().toLowerCase();
    }

    private void addLines(PreparedStatement ol, long id, int[] lineListings) throws SQLException {
        for (int k = 0; k < 3; k++) {
            int listing = lineListings[k];
            ol.setLong(1, id);
            ol.setString(2, Long.toString(402_000_000L + id * 8 + k));
            ol.setString(3, Long.toString(31_200_001L + listing));
            ol.setString(4, catalog.sku(listing));
            ol.setString(5, catalog.name(listing));
            ol.setInt(6, 1 + (rng.nextInt(10) < 8 ? 0 : rng.nextInt(3)));
            ol.setBigDecimal(7, CatalogSeeder.price(listing));
            ol.addBatch();
            lines++;
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
