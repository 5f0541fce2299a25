package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplink.simulator.ShopifyCatalog.ShopifyProduct;
import dev.shoplink.simulator.ShopifyConnection.Keyed;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a parsed Shopify GraphQL operation: the root fields of {@code QueryRoot} ({@code shop},
 * {@code currentAppInstallation}, {@code products}, {@code product}, {@code productVariant}, {@code orders},
 * {@code order}, the counts and the bulk operations) and of {@code Mutation} ({@code bulkOperationRunQuery}).
 */
final class ShopifyQueryRoot {
    static final long SHOP_ID = 61_377_001_234L;
    static final List<String> SCOPES = List.of("read_products", "read_orders", "read_all_orders");

    private static final Pattern GID = Pattern.compile("gid://shopify/([A-Za-z]+)/(\\d{1,19})");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ShopifyCatalog catalog;
    private final Store store;
    private final String domain;
    private final ShopifyBulk bulk;
    private final ShopifyProducts products;
    private final ShopifyOrders orders;
    private final ShopifyBulkQueries bulkQueries;

    ShopifyQueryRoot(ShopifyCatalog catalog, Store store, String domain, ShopifyBulk bulk) {
        this.catalog = catalog;
        this.store = store;
        this.domain = domain;
        this.bulk = bulk;
        this.products = new ShopifyProducts(catalog, store);
        this.orders = new ShopifyOrders(catalog, products);
        this.bulkQueries = new ShopifyBulkQueries(bulk, this::execute);
    }

    ObjectNode execute(GraphQl.Operation operation, ShopifyRequest request) {
        if (operation.mutation()) {
            return new GraphQlObject("Mutation")
                    .put("bulkOperationRunQuery", f -> bulkQueries.runQuery(f, request))
                    .project(operation.selections());
        }
        GraphQlObject root = new GraphQlObject("QueryRoot")
                .put("bulkOperation", f -> bulkOperation(bulk.find(id(f, "BulkOperation")), f, request))
                .put("currentBulkOperation", f -> f.arg("type").asText("QUERY").equals("MUTATION") ? NullNode.getInstance()
                        : bulkOperation(bulk.latest(), f, request))
                .put("productsCount", f -> count(f, products.matching(f, request).size()))
                .put("ordersCount", f -> count(f, countOrders(f, request)))
                .put("shop", f -> shop().project(f))
                .put("currentAppInstallation", f -> appInstallation().project(f))
                .put("products", f -> products.products(f, request))
                .put("product", f -> {
                    ShopifyProduct p = catalog.product(id(f, "Product"));
                    return p == null ? NullNode.getInstance() : products.product(p).project(f);
                })
                .put("productVariant", f -> {
                    Product v = catalog.variant(id(f, "ProductVariant"));
                    return v == null ? NullNode.getInstance() : products.variant(v).project(f);
                })
                .put("orders", f -> orders.orders(f, request))
                .put("order", f -> orders.order(f, id(f, "Order"), request));
        return root.project(operation.selections());
    }

    private JsonNode bulkOperation(ShopifyBulk.Operation op, GraphQl.Field f, ShopifyRequest request) {
        return op == null ? NullNode.getInstance() : bulkQueries.operation(op, request).project(f);
    }

    /** The numeric part of the {@code id} argument, which must be a gid of {@code type} (else -1: nothing found). */
    private static long id(GraphQl.Field f, String type) {
        JsonNode id = f.arg("id");
        if (!id.isTextual()) {
            throw new GraphQl.Error("Field '" + f.name() + "' is missing required arguments: id", "missingRequiredArguments");
        }
        Matcher m = GID.matcher(id.asText());
        if (!m.matches()) {
            throw new GraphQl.Error("Invalid global id '" + id.asText() + "'", "argumentLiteralsIncompatible");
        }
        return m.group(1).equals(type) ? Long.parseLong(m.group(2)) : -1;
    }

    private GraphQlObject shop() {
        return new GraphQlObject("Shop")
                .put("id", "gid://shopify/Shop/" + SHOP_ID)
                .put("name", store.storeName())
                .put("email", store.email())
                .put("myshopifyDomain", domain)
                .put("url", "https://" + domain)
                .put("currencyCode", "USD")
                .put("ianaTimezone", PacificTime.ZONE.getId())
                .put("plan", f -> new GraphQlObject("ShopPlan").put("displayName", "Basic").put("partnerDevelopment", false)
                        .put("shopifyPlus", false).project(f));
    }

    private GraphQlObject appInstallation() {
        return new GraphQlObject("AppInstallation")
                .put("id", "gid://shopify/AppInstallation/" + (SHOP_ID + 7))
                .put("accessScopes", f -> {
                    ArrayNode scopes = NODES.arrayNode();
                    for (String scope : SCOPES) {
                        scopes.add(new GraphQlObject("AccessScope").put("handle", scope)
                                .put("description", scope.replace('_', ' ')).project(f));
                    }
                    return scopes;
                });
    }

    /** Counts matching orders only up to one past the limit: enough to answer {@code AT_LEAST}. */
    private long countOrders(GraphQl.Field f, ShopifyRequest request) {
        Iterator<Keyed<Integer>> matching = orders.matching(f, request);
        long n = 0;
        long limit = limit(f);
        while (matching.hasNext() && n <= limit) {
            matching.next();
            n++;
        }
        return n;
    }

    /** Shopify's {@code Count}: at most {@code limit} (default 10,000; null for none), {@code AT_LEAST} when capped. */
    private static JsonNode count(GraphQl.Field f, long n) {
        long limit = limit(f);
        boolean capped = n > limit;
        return new GraphQlObject("Count").put("count", capped ? limit : n).put("precision", capped ? "AT_LEAST" : "EXACT")
                .project(f);
    }

    private static long limit(GraphQl.Field f) {
        if (!f.args().containsKey("limit")) {
            return 10_000;
        }
        return f.arg("limit").isNull() ? Long.MAX_VALUE - 1 : Math.max(0, f.arg("limit").asLong());
    }
}
