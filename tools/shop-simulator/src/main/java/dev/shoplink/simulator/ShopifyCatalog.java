package dev.shoplink.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The shop's catalog as Shopify shows it: one product per coffee, its ShipStation product records
 * (one per bag size × grind, each with its own SKU) as the product's variants, in the same order.
 * Both views are read from the same {@link Product}s, so a SKU, its price and its times agree.
 *
 * <p>ShipStation's per-SKU {@code active} flag is ShipStation's own (a product record hidden there
 * stays on sale in Shopify), so a Shopify product is {@code ACTIVE} unless every one of its SKUs is
 * inactive, then {@code ARCHIVED}. A product's title is the coffee's name even where the ShipStation
 * record lost its name.
 */
final class ShopifyCatalog {

    /** Shopify's ids are large numbers; these keep the simulator's apart and derivable. */
    static final long PRODUCT_ID_BASE = 8_200_000_000_000L;
    static final long VARIANT_ID_BASE = 44_000_000_000_000L;

    /**
     * One Shopify product.
     *
     * @param line the coffee's number: {@code id = PRODUCT_ID_BASE + line + 1}
     * @param created epoch seconds (the first variant's creation)
     * @param updated epoch seconds (the latest variant change)
     */
    record ShopifyProduct(long id, int line, String title, String handle, String status, long created, long updated,
            List<Product> variants) {
    }

    private final List<ShopifyProduct> products;
    private final List<Product> records;

    ShopifyCatalog(List<Product> records) {
        this.records = records;
        List<ShopifyProduct> grouped = new ArrayList<>();
        int perCoffee = Vocabulary.VARIANTS_PER_COFFEE;
        for (int start = 0; start < records.size(); start += perCoffee) {
            List<Product> variants = records.subList(start, Math.min(records.size(), start + perCoffee));
            int line = start / perCoffee;
            Vocabulary.Coffee coffee = ProductGenerator.coffee(line);
            long created = Long.MAX_VALUE;
            long updated = Long.MIN_VALUE;
            boolean anyActive = false;
            for (Product p : variants) {
                created = Math.min(created, variantCreated(p));
                updated = Math.max(updated, variantUpdated(p));
                anyActive |= p.active();
            }
            grouped.add(new ShopifyProduct(PRODUCT_ID_BASE + line + 1, line, coffee.name(),
                    coffee.code().toLowerCase(java.util.Locale.ROOT), anyActive ? "ACTIVE" : "ARCHIVED", created, updated,
                    List.copyOf(variants)));
        }
        this.products = List.copyOf(grouped);
    }

    /** All products, by id. */
    List<ShopifyProduct> products() {
        return products;
    }

    ShopifyProduct product(long id) {
        long line = id - PRODUCT_ID_BASE - 1;
        return line < 0 || line >= products.size() ? null : products.get((int) line);
    }

    /** The product record behind a variant id, or null. */
    Product variant(long variantId) {
        long index = variantId - VARIANT_ID_BASE - ShopGenerator.FIRST_PRODUCT_ID;
        return index < 0 || index >= records.size() ? null : records.get((int) index);
    }

    /** The product record of a ShipStation productId, or null. */
    Product record(long productId) {
        return variant(VARIANT_ID_BASE + productId);
    }

    ShopifyProduct productOf(Product variant) {
        return products.get(variant.index() / Vocabulary.VARIANTS_PER_COFFEE);
    }

    static long variantId(Product p) {
        return VARIANT_ID_BASE + p.productId();
    }

    /** Shopify's variant title: the option values joined by " / ". */
    static String variantTitle(Product p) {
        return p.sizeLabel() + " / " + p.grindLabel();
    }

    /** 1-based position of the variant within its product. */
    static int position(Product p) {
        return p.index() % Vocabulary.VARIANTS_PER_COFFEE + 1;
    }

    static long variantCreated(Product p) {
        return Math.floorDiv(p.createdAtMillis(), 1000L);
    }

    static long variantUpdated(Product p) {
        return Math.floorDiv(p.modifiedAtMillis(), 1000L);
    }
}
