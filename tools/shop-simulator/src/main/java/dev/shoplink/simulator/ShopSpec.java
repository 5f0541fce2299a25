package dev.shoplink.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Everything the generated shop depends on. Same spec, same shop, byte for byte.
 *
 * @param now the moment the shop is generated "at": orders lie in the {@code orderDays} before it
 * @param newProductsSince products are split into ones created before this instant and ones after it,
 *     so the host's "older listings only once ordered" rule has something to bite on
 * @param newProductShare share of products created after {@code newProductsSince}
 */
record ShopSpec(long seed, int productCount, int orderCount, Instant now, Instant newProductsSince,
        double newProductShare, int orderDays) {

    ShopSpec {
        if (productCount < 1) {
            throw new IllegalArgumentException("at least one product is needed, got " + productCount);
        }
        if (orderCount < 0) {
            throw new IllegalArgumentException("order count must not be negative: " + orderCount);
        }
        if (newProductShare < 0 || newProductShare > 1) {
            throw new IllegalArgumentException("newProductShare must be within [0, 1]: " + newProductShare);
        }
        if (orderDays < 1) {
            throw new IllegalArgumentException("orderDays must be positive: " + orderDays);
        }
    }

    static Instant defaultNewProductsSince(Instant now) {
        return now.minus(Duration.ofDays(30));
    }
}
