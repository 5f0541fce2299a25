package dev.shoplink.shopify;

import dev.shoplink.api.ListingQuery;
import dev.shoplink.api.OrderQuery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Shopify's search syntax ({@code query:} of the products and orders connections) for the plugin API's queries. */
final class ShopSearch {
    private ShopSearch() {
    }

    /**
     * The products a listing query needs; null for all. "Created since" asks for products updated since
     * then (adding a variant updates its product); "active only" asks for products with status ACTIVE.
     */
    static String products(ListingQuery query) {
        List<String> terms = new ArrayList<>();
        if (query.createdSince().isAfter(Instant.EPOCH)) {
            terms.add("updated_at:>='" + time(query.createdSince()) + "'");
        }
        if (!query.includeInactive()) {
            terms.add("status:active");
        }
        return terms.isEmpty() ? null : String.join(" AND ", terms);
    }

    /** The orders of an order query: placed since its bound, and modified since the other when it has one. */
    static String orders(OrderQuery query) {
        List<String> terms = new ArrayList<>();
        terms.add("created_at:>='" + time(query.placedSince()) + "'");
        query.modifiedSince().ifPresent(since -> terms.add("updated_at:>='" + time(since) + "'"));
        return String.join(" AND ", terms);
    }

    /** Whole seconds, rounded down so that an "at or after" filter never starts after the instant asked for. */
    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
