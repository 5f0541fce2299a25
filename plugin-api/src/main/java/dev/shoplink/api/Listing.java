package dev.shoplink.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One sellable shop variant, as the shop reports it. Shops that group variants under a product
 * (Shopify) flatten them: one listing per variant, with {@code parentProductId} set.
 *
 * @param externalId the shop's id of this variant, unique within one shop
 * @param sku the shop's SKU; empty when the shop has none
 * @param name the product name; empty when the shop has none (such a listing is still returned)
 * @param variantTitle the variant's own title (e.g. {@code 250 g / Whole bean}); empty when none
 * @param parentProductId the shop's product id grouping this variant; empty when the shop has no grouping
 * @param price the unit price, when the shop reports one
 * @param active whether the shop offers it for sale
 * @param createdAt when it was created in the shop
 * @param modifiedAt when it was last changed in the shop
 */
public record Listing(
        String externalId,
        String sku,
        String name,
        String variantTitle,
        String parentProductId,
        Optional<BigDecimal> price,
        boolean active,
        Instant createdAt,
        Instant modifiedAt) {
    public Listing {
        Objects.requireNonNull(externalId, "externalId");
        if (externalId.isBlank()) {
            throw new IllegalArgumentException("externalId must not be blank");
        }
        sku = sku == null ? "" : sku.strip();
        name = name == null ? "" : name.strip();
        variantTitle = variantTitle == null ? "" : variantTitle.strip();
        parentProductId = parentProductId == null ? "" : parentProductId;
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
    }

    /** Whether the shop gave this listing a name. */
    public boolean hasName() {
        return !name.isEmpty();
    }
}
