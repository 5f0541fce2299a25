package dev.shoplink.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.api.Connection;
import dev.shoplink.api.Cursor;
import dev.shoplink.api.OrderQuery;
import dev.shoplink.api.Page;
import dev.shoplink.api.ShopOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Orders read page by page with Shopify's cursors ({@link OrderCursor}), each with all its lines: those
 * beyond the nested page of {@value Queries#LINES_PER_ORDER} are read with follow-up queries before the
 * page is returned, so an order is never split. Also what a bulk export of orders turns into orders.
 */
final class OrderPages {
    /** Orders with their lines from a bulk export. */
    static BulkExport.Kind<ShopOrder> bulkKind() {
        String what = "the bulk export of orders";
        return new BulkExport.Kind<>("orders", "OrdersCount", Queries.ORDERS_COUNT, "ordersCount", Queries::bulkOrders,
                (order, lines) -> List.of(Payloads.order(order, lines, what)));
    }

    private final ShopifyClient client;

    OrderPages(ShopifyClient client) {
        this.client = client;
    }

    /**
     * The page of orders at {@code cursor}: {@value Queries#ORDERS} orders sorted by creation, or by update
     * for an incremental query.
     */
    Page<ShopOrder> page(Connection connection, OrderQuery query, Cursor cursor) {
        OrderCursor at = OrderCursor.of(cursor);
        String what = "the Orders query";
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", Queries.ORDERS);
        variables.put("after", at.after());
        variables.put("query", ShopSearch.orders(query));
        variables.put("sortKey", query.modifiedSince().isPresent() ? "UPDATED_AT" : "CREATED_AT");
        variables.put("lines", Queries.LINES_PER_ORDER);
        JsonNode data = client.query(connection, "Orders", Queries.ORDERS_QUERY, variables, Queries.ORDERS_COST).data();
        Payloads.Connection page = Payloads.connection(data.path("orders"), "orders", "the shop", what);
        List<ShopOrder> orders = new ArrayList<>(page.nodes().size());
        for (JsonNode order : page.nodes()) {
            String where = "order " + order.path("id").asText("?");
            Payloads.Connection lines = Payloads.connection(order.path("lineItems"), "lineItems", where, what);
            List<JsonNode> all = new ArrayList<>(lines.nodes());
            if (lines.hasNextPage() && !restOfLines(connection, order.path("id").asText(), lines.endCursor(), all)) {
                continue; // deleted while we read it
            }
            orders.add(Payloads.order(order, all, what));
        }
        Optional<Cursor> next = page.hasNextPage() ? Optional.of(new OrderCursor(page.endCursor()).cursor()) : Optional.empty();
        return new Page<>(orders, next, OptionalLong.empty(), OptionalInt.empty());
    }

    /** Reads an order's lines after {@code after} into {@code lines}; false when the order is gone. */
    private boolean restOfLines(Connection connection, String orderGid, String after, List<JsonNode> lines) {
        String what = "the OrderLines query";
        String cursor = after;
        while (true) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("id", orderGid);
            variables.put("first", Queries.LINES);
            variables.put("after", cursor);
            JsonNode order = client.query(connection, "OrderLines", Queries.ORDER_LINES, variables, Queries.ORDER_LINES_COST)
                    .data().path("order");
            if (!order.isObject()) {
                return false;
            }
            Payloads.Connection more = Payloads.connection(order.path("lineItems"), "lineItems", "order " + orderGid, what);
            lines.addAll(more.nodes());
            if (!more.hasNextPage()) {
                return true;
            }
            cursor = more.endCursor();
        }
    }
}
