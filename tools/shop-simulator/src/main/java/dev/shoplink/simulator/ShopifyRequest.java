package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one Shopify GraphQL request reads: one order-book state, and the search warnings it collects; a bulk
 * operation's request also has the sink its top-level connection is written to.
 */
final class ShopifyRequest {
    final OrderBook.Snapshot orders;
    final ArrayNode searches = JsonNodeFactory.instance.arrayNode();
    final String version;
    final String origin;
    ShopifyBulk.Sink sink;
    boolean groupObjects;

    ShopifyRequest(OrderBook.Snapshot orders, String version, String origin) {
        this.orders = orders;
        this.version = version;
        this.origin = origin;
    }

    /** Shopify reports fields a search does not know in {@code extensions.search} rather than failing the query. */
    void warnings(GraphQl.Field f, String query, ShopifySearch.Parsed<?> search) {
        if (search.unknownFields().isEmpty()) {
            return;
        }
        ObjectNode entry = searches.addObject();
        entry.putArray("path").add(f.key());
        entry.put("query", query);
        ArrayNode warnings = entry.putArray("warnings");
        for (String field : search.unknownFields()) {
            warnings.addObject().put("field", field).put("message", "Invalid search field for this query.");
        }
    }
}
