package dev.shoplink.bench;

import dev.shoplink.host.catalog.CatalogRepository;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The catalog part of a seeding: 20 coffees x 5 units x 4 grinds = 400 SKUs, and at every shop a listing of each
 * (70 % of them mapped) plus {@value #EXTRA} with SKUs the catalog does not know. Listing {@code k} is the same
 * product at every shop; order lines name listings by that index.
 */
final class CatalogSeeder {
    /** Listings per shop beyond the catalog's SKUs (merchandise the catalog does not know). */
    static final int EXTRA = 40;

    private static final String[] COFFEES = {"Ethiopia Guji", "Kenya Nyeri", "Colombia Huila", "Guatemala Huehuetenango",
        "Brazil Cerrado", "Costa Rica Tarrazu", "Rwanda Nyamasheke", "Peru Cajamarca", "Sumatra Mandheling",
        "Honduras Marcala", "House Blend", "Espresso Blend", "Decaf Colombia", "Burundi Kayanza", "Panama Boquete",
        "Mexico Chiapas", "Nicaragua Jinotega", "El Salvador Santa Ana", "Yemen Haraz", "Tanzania Mbeya"};
    private static final String[] UNITS = {"250 g", "340 g", "1 kg", "2.5 kg", "5 lb"};
    private static final String[] UNIT_CODES = {"250", "340", "1000", "2500", "5LB"};
    private static final String[] GRINDS = {"WHOLE_BEAN", "ESPRESSO", "FILTER", "FRENCH_PRESS"};
    private static final String[] GRIND_CODES = {"WB", "ES", "FI", "FP"};

    private final List<String> skus = new ArrayList<>();
    private final List<String> skuNames = new ArrayList<>();
    private final List<Long> variantIds = new ArrayList<>();

    /** Products and variants written. */
    static int products() {
        return COFFEES.length;
    }

    int variants() {
        return skus.size();
    }

    /** Listings at one shop: every SKU and the extra ones. */
    int listingsPerShop() {
        return skus.size() + EXTRA;
    }

    /** The SKU of listing {@code k}. */
    String sku(int k) {
        return k < skus.size() ? skus.get(k) : "MERCH-" + k;
    }

    /** The product name of listing {@code k}. */
    String name(int k) {
        return k < skus.size() ? skuNames.get(k) : "Mug no. " + k;
    }

    void insertCatalog(Connection c, OffsetDateTime nowAt) throws SQLException {
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
                variantId = addVariants(v, i, productId, variantId);
            }
            p.executeBatch();
            v.executeBatch();
        }
    }

    /** Every unit and grind of coffee {@code i}; returns the next free variant id. */
    private long addVariants(PreparedStatement v, int i, long productId, long variantId) throws SQLException {
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
        return variantId;
    }

    /** Every listing at every shop; returns how many. */
    int insertListings(Connection c, List<OrderSeeder.Shop> shops, SplittableRandom rng, OffsetDateTime nowAt)
            throws SQLException {
        int listingCount = 0;
        try (PreparedStatement l = c.prepareStatement("insert into listing (integration_id, shop_key, external_id, sku,"
                + " name, variant, parent_external_id, price, shop_active, active, offered, state, variant_id,"
                + " shop_created_at, shop_modified_at, first_seen_at) values (?, ?, ?, ?, ?, ?, ?, ?, true, true, true,"
                + " ?, ?, ?, ?, ?)")) {
            for (OrderSeeder.Shop shop : shops) {
                for (int k = 0; k < listingsPerShop(); k++) {
                    boolean mapped = k < skus.size() && rng.nextInt(10) < 7;
                    l.setLong(1, shop.integrationId());
                    l.setString(2, shop.shopKey());
                    l.setString(3, Long.toString(31_200_001L + k));
                    l.setString(4, sku(k));
                    l.setString(5, name(k));
                    l.setString(6, "");
                    l.setString(7, Long.toString(31_200_001L + k));
                    l.setBigDecimal(8, price(k));
                    l.setString(9, mapped ? "MAPPED" : "NEW");
                    if (mapped) {
                        l.setLong(10, variantIds.get(k));
                    } else {
                        l.setNull(10, Types.BIGINT);
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
        return listingCount;
    }

    /** The price of listing {@code k}, at every shop and on every order line. */
    static BigDecimal price(int k) {
        return BigDecimal.valueOf(1295 + 100L * (k % 30), 2);
    }
}
