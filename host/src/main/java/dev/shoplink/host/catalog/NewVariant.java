package dev.shoplink.host.catalog;

/** A variant to add: its SKU, and a unit and grind style as configured (matched case- and space-insensitively). */
public record NewVariant(String sku, String unit, String grindStyle) {
}
