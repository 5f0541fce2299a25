package dev.shoplink.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One product line of an order.
 *
 * @param externalId the shop's id of the line, unique within the order
 * @param listingExternalId the {@link Listing#externalId()} it sold; empty when the shop does not link it
 * @param sku the SKU on the line; empty when none
 * @param name the product name on the line
 * @param quantity units ordered, at least 1
 * @param unitPrice price of one unit
 */
public record OrderLine(String externalId, String listingExternalId, String sku, String name, int quantity, BigDecimal unitPrice) {
    public OrderLine {
        Objects.requireNonNull(externalId, "externalId");
        listingExternalId = listingExternalId == null ? "" : listingExternalId;
        sku = sku == null ? "" : sku.strip();
        name = name == null ? "" : name;
        Objects.requireNonNull(unitPrice, "unitPrice");
    }
}
