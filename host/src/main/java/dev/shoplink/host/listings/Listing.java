package dev.shoplink.host.listings;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** A stored listing row. */
public record Listing(
        long id,
        long integrationId,
        String externalId,
        String sku,
        String name,
        String variant,
        Optional<BigDecimal> price,
        boolean shopActive,
        boolean active,
        boolean offered,
        ListingState state,
        Optional<Long> variantId,
        Instant createdAt,
        String parentExternalId) {
}
