package dev.shoplink.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What Shopify reports under {@code extensions.cost} of every GraphQL answer: the cost it reserved
 * before running the query ({@code requestedQueryCost}), the cost it charged after
 * ({@code actualQueryCost}, null when the query was throttled) and the app's bucket for this shop
 * ({@code throttleStatus}).
 */
record QueryCost(double requested, Optional<Double> actual, double maximumAvailable, double currentlyAvailable,
                 double restoreRate) {

    /** The cost block of an answer, when it has a complete one. */
    static Optional<QueryCost> from(JsonNode answer) {
        JsonNode cost = answer.path("extensions").path("cost");
        JsonNode status = cost.path("throttleStatus");
        if (!cost.path("requestedQueryCost").isNumber() || !status.path("maximumAvailable").isNumber()
                || !status.path("currentlyAvailable").isNumber() || !status.path("restoreRate").isNumber()
                || status.path("restoreRate").asDouble() <= 0) {
            return Optional.empty();
        }
        JsonNode actual = cost.path("actualQueryCost");
        return Optional.of(new QueryCost(
                cost.path("requestedQueryCost").asDouble(),
                actual.isNumber() ? Optional.of(actual.asDouble()) : Optional.empty(),
                status.path("maximumAvailable").asDouble(),
                status.path("currentlyAvailable").asDouble(),
                status.path("restoreRate").asDouble()));
    }
}
