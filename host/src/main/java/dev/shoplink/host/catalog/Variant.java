package dev.shoplink.host.catalog;

/** A catalog variant: the SKU that links shop listings, with its unit and grind style. */
public record Variant(long id, long productId, String sku, String unit, String grindStyle) {
}
