package dev.shoplink.host.listings;

import java.time.Instant;
import java.util.Optional;

/** A listing as the admin API shows it. */
public record ListingView(
        long id,
        String externalId,
        String sku,
        String name,
        String variant,
        Optional<String> price,
        boolean active,
        boolean offered,
        Instant createdAt,
        ListingState state,
        Optional<String> problem,
        Optional<Mapping> mapping) {

    /** The catalog variant a mapped listing points to. */
    public record Mapping(long productId, String productName, long variantId, String sku, String unit, String grindStyle) {
    }
}
