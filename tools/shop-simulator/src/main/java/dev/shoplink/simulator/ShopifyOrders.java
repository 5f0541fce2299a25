package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.shoplink.simulator.ShopifyConnection.Keyed;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The order side of the Shopify schema: {@code Order} and {@code LineItem} objects read from the same
 * ShipStation order records the {@link OrderBook} holds (so a mutation shows on both surfaces), and the
 * {@code orders} connection with its sort keys and search.
 */
final class ShopifyOrders {
    static final long ORDER_ID_BASE = 5_100_000_000_000L;
    static final long LINE_ITEM_ID_BASE = 14_000_000_000_000L;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ShopifyCatalog catalog;
    private final ShopifyProducts products;

    ShopifyOrders(ShopifyCatalog catalog, ShopifyProducts products) {
        this.catalog = catalog;
        this.products = products;
    }

    /** The {@code orders} connection, or in a bulk operation every matching order written to its sink. */
    JsonNode orders(GraphQl.Field f, ShopifyRequest request) {
        OrderBook.Snapshot s = request.orders;
        Iterator<Keyed<Integer>> matching = matching(f, request);
        if (request.sink != null) {
            return ShopifyBulkQueries.write(f, request, matching, "Order", position -> order(s, position));
        }
        return ShopifyConnection.page(f, "Order", matching, f.arg("reverse").asBoolean(false), position -> order(s, position));
    }

    /** The {@code order} field: the order of the gid's id in this request's state, or null. */
    JsonNode order(GraphQl.Field f, long gidNumber, ShopifyRequest request) {
        long position = gidNumber - ORDER_ID_BASE - ShopGenerator.FIRST_ORDER_ID;
        return position < 0 || position >= request.orders.size() ? NullNode.getInstance()
                : order(request.orders, (int) position).project(f);
    }

    /** The orders an {@code orders} (or {@code ordersCount}) field selects, in its order, read as they are needed. */
    Iterator<Keyed<Integer>> matching(GraphQl.Field f, ShopifyRequest request) {
        OrderBook.Snapshot s = request.orders;
        String sortKey = f.arg("sortKey").asText("ID");
        int[] permutation;
        long[] key;
        switch (sortKey) {
            case "ID" -> {
                permutation = null;
                key = null;
            }
            case "CREATED_AT", "PROCESSED_AT" -> {
                permutation = s.byCreated();
                key = s.created();
            }
            case "UPDATED_AT" -> {
                permutation = s.byUpdated();
                key = s.updated();
            }
            default -> throw ShopifyConnection.invalidSortKey(f, sortKey, "OrderSortKeys",
                    "ID, CREATED_AT, PROCESSED_AT, UPDATED_AT");
        }
        String query = f.arg("query").isTextual() ? f.arg("query").asText() : null;
        ShopifySearch.Parsed<Integer> search = ShopifySearch.parse(query, term -> filter(term, s));
        request.warnings(f, query, search);
        return new Matching(s.size(), f.arg("reverse").asBoolean(false), permutation, key, search.filter());
    }

    /** Walks the order positions in sort order (a permutation, or by id when null), keeping those the search matches. */
    private static final class Matching implements Iterator<Keyed<Integer>> {
        private final int n;
        private final boolean reverse;
        private final int[] permutation;
        private final long[] key;
        private final Predicate<Integer> filter;
        private int step;
        private Keyed<Integer> next;

        Matching(int n, boolean reverse, int[] permutation, long[] key, Predicate<Integer> filter) {
            this.n = n;
            this.reverse = reverse;
            this.permutation = permutation;
            this.key = key;
            this.filter = filter;
            this.next = advance();
        }

        private Keyed<Integer> advance() {
            while (step < n) {
                int k = reverse ? n - 1 - step : step;
                step++;
                int position = permutation == null ? k : permutation[k];
                if (filter.test(position)) {
                    long id = orderGid(position);
                    return new Keyed<>(position, key == null ? id : key[position], id);
                }
            }
            return null;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Keyed<Integer> next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Keyed<Integer> current = next;
            next = advance();
            return current;
        }
    }

    private static long orderGid(int position) {
        return ORDER_ID_BASE + ShopGenerator.FIRST_ORDER_ID + position;
    }

    private static Predicate<Integer> filter(ShopifySearch.Term term, OrderBook.Snapshot s) {
        if (term.field() == null) {
            String text = term.value().toLowerCase(Locale.ROOT).replace("#", "");
            return i -> {
                JsonNode o = tree(s, i);
                return o.path("orderNumber").asText().equals(text)
                        || o.path("customerEmail").asText("").toLowerCase(Locale.ROOT).contains(text);
            };
        }
        return switch (term.field()) {
            case "created_at", "processed_at" -> i -> term.matchesTime(s.created()[i]);
            case "updated_at" -> i -> term.matchesTime(s.updated()[i]);
            case "id" -> i -> term.matchesNumber(orderGid(i));
            case "name" -> i -> tree(s, i).path("orderNumber").asText().equals(term.value().replace("#", ""));
            case "email" -> i -> tree(s, i).path("customerEmail").asText("").equalsIgnoreCase(term.value());
            case "status" -> i -> {
                OrderStatus st = OrderStatus.byOrdinal(s.status()[i]);
                String status = st == OrderStatus.CANCELLED ? "cancelled" : st == OrderStatus.SHIPPED ? "closed" : "open";
                return term.matchesWord(status) || term.matchesWord("any");
            };
            case "financial_status" -> i -> term.matchesWord(financialStatus(tree(s, i)));
            case "fulfillment_status" -> i -> {
                String fulfillment = fulfillmentStatus(OrderStatus.byOrdinal(s.status()[i]));
                return term.matchesWord(fulfillment) || (fulfillment.equals("FULFILLED") && term.matchesWord("shipped"))
                        || (fulfillment.equals("UNFULFILLED") && term.matchesWord("unshipped"));
            };
            default -> null;
        };
    }

    private static JsonNode tree(OrderBook.Snapshot s, int position) {
        try {
            return ShopifyApi.MAPPER.readTree(s.json()[position]);
        } catch (IOException e) {
            throw new IllegalStateException("an order the simulator wrote is not JSON", e);
        }
    }

    /** Shopify's {@code displayFinancialStatus} for a ShipStation order. */
    static String financialStatus(JsonNode order) {
        OrderStatus status = OrderStatus.fromWire(order.path("orderStatus").asText());
        if (status == OrderStatus.AWAITING_PAYMENT) {
            return "PENDING";
        }
        if (status == OrderStatus.CANCELLED) {
            return order.path("amountPaid").decimalValue().signum() > 0 ? "REFUNDED" : "VOIDED";
        }
        return "PAID";
    }

    /** Shopify's {@code displayFulfillmentStatus} for a ShipStation status. */
    static String fulfillmentStatus(OrderStatus status) {
        return switch (status) {
            case SHIPPED -> "FULFILLED";
            case ON_HOLD -> "ON_HOLD";
            case PENDING_FULFILLMENT -> "IN_PROGRESS";
            default -> "UNFULFILLED";
        };
    }

    private GraphQlObject order(OrderBook.Snapshot s, int position) {
        JsonNode o = tree(s, position);
        long id = orderGid(position);
        long cancelled = s.cancelled()[position];
        OrderStatus status = OrderStatus.fromWire(o.path("orderStatus").asText());
        JsonNode shipTo = o.path("shipTo");
        List<JsonNode> lines = new ArrayList<>();
        for (JsonNode item : o.path("items")) {
            // ShipStation's discount lines are Shopify discount applications, not line items
            if (!item.path("adjustment").asBoolean(false)) {
                lines.add(item);
            }
        }
        return new GraphQlObject("Order")
                .put("id", "gid://shopify/Order/" + id)
                .put("legacyResourceId", Long.toString(id))
                .put("name", "#" + o.path("orderNumber").asText())
                .put("email", text(o.path("customerEmail")))
                .put("phone", (String) null)
                .put("createdAt", iso(s.created()[position]))
                .put("processedAt", iso(s.created()[position]))
                .put("updatedAt", iso(s.updated()[position]))
                .put("cancelledAt", cancelled < 0 ? null : iso(cancelled))
                .put("cancelReason", cancelled < 0 ? null : "CUSTOMER")
                .put("closed", status == OrderStatus.SHIPPED)
                .put("displayFinancialStatus", financialStatus(o))
                .put("displayFulfillmentStatus", fulfillmentStatus(status))
                .put("currencyCode", "USD")
                .put("note", text(o.path("customerNotes")))
                .put("totalPriceSet", f -> money(o.path("orderTotal")).project(f))
                .put("totalTaxSet", f -> money(o.path("taxAmount")).project(f))
                .put("totalShippingPriceSet", f -> money(o.path("shippingAmount")).project(f))
                .put("shippingAddress", f -> shipTo.path("street1").isTextual() ? address(shipTo).project(f) : NullNode.getInstance())
                .put("lineItems", f -> {
                    List<Keyed<JsonNode>> keyed = new ArrayList<>();
                    for (int i = 0; i < lines.size(); i++) {
                        keyed.add(new Keyed<>(lines.get(i), i, LINE_ITEM_ID_BASE + lines.get(i).path("orderItemId").asLong()));
                    }
                    return ShopifyConnection.page(f, "LineItem", keyed.iterator(), false, this::lineItem);
                });
    }

    private GraphQlObject lineItem(JsonNode item) {
        Product v = catalog.record(item.path("productId").asLong(-1));
        String title = v == null ? text(item.path("name")) : catalog.productOf(v).title();
        String variantTitle = v == null ? null : ShopifyCatalog.variantTitle(v);
        long id = LINE_ITEM_ID_BASE + item.path("orderItemId").asLong();
        int quantity = item.path("quantity").asInt();
        BigDecimal unit = item.path("unitPrice").decimalValue();
        return new GraphQlObject("LineItem")
                .put("id", "gid://shopify/LineItem/" + id)
                .put("name", variantTitle == null ? title : title + " - " + variantTitle)
                .put("title", title)
                .put("variantTitle", variantTitle)
                .put("sku", text(item.path("sku")))
                .put("quantity", quantity)
                .put("currentQuantity", quantity)
                .put("requiresShipping", true)
                .put("variant", f -> v == null ? NullNode.getInstance() : products.variant(v).project(f))
                .put("product", f -> v == null ? NullNode.getInstance() : products.product(catalog.productOf(v)).project(f))
                .put("originalUnitPriceSet", f -> money(NODES.numberNode(unit)).project(f))
                .put("originalTotalSet", f -> money(NODES.numberNode(unit.multiply(BigDecimal.valueOf(quantity)))).project(f));
    }

    private static GraphQlObject money(JsonNode amount) {
        String value = ShipStationJson.decimal(amount.decimalValue()).toPlainString();
        Function<GraphQl.Field, JsonNode> moneyV2 = f -> new GraphQlObject("MoneyV2").put("amount", value)
                .put("currencyCode", "USD").project(f);
        return new GraphQlObject("MoneyBag").put("shopMoney", moneyV2).put("presentmentMoney", moneyV2);
    }

    private static GraphQlObject address(JsonNode a) {
        String name = text(a.path("name"));
        int space = name == null ? -1 : name.indexOf(' ');
        return new GraphQlObject("MailingAddress")
                .put("name", name)
                .put("firstName", space < 0 ? name : name.substring(0, space))
                .put("lastName", space < 0 ? null : name.substring(space + 1))
                .put("company", text(a.path("company")))
                .put("address1", text(a.path("street1")))
                .put("address2", text(a.path("street2")))
                .put("city", text(a.path("city")))
                .put("provinceCode", text(a.path("state")))
                .put("zip", text(a.path("postalCode")))
                .put("countryCodeV2", text(a.path("country")))
                .put("phone", text(a.path("phone")));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static String iso(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }
}
