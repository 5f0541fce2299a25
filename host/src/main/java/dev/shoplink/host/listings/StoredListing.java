package dev.shoplink.host.listings;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A row of the {@code listing} table: what the shop last reported of one variant (the plugin API's
 * {@link dev.shoplink.api.Listing}, as {@link ListingRepository#upsert} stored it) plus the host's own state of it: whether
 * it is still active and offered for mapping, and its mapping state ({@code state}, {@code variantId}).
 */
public record StoredListing(
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
