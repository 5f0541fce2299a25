package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplink.simulator.ShopifyCatalog.ShopifyProduct;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify's GraphQL Admin API ({@code POST /admin/api/<version>/graphql.json}, header
 * {@code X-Shopify-Access-Token}) over the same shop as the ShipStation surface: the catalog as
 * {@link ShopifyCatalog} groups it and the orders of the {@link OrderBook} (each read from the same
 * record ShipStation serves, so a mutation shows on both sides).
 *
 * <p>Root fields: {@code shop}, {@code currentAppInstallation}, {@code products}, {@code product},
 * {@code productVariant}, {@code orders}, {@code order}, {@code productsCount}, {@code ordersCount},
 * {@code bulkOperation}, {@code currentBulkOperation}; the mutation {@code bulkOperationRunQuery} runs a
 * bulk export of {@code products} or {@code orders} (see {@link ShopifyBulk}) over the same data. Only selected fields are answered; an
 * unknown field is an {@code undefinedField} error. Connections page forward ({@code first} ≤ 250,
 * {@code after}) with keyset cursors (Base64 of the last sort value and id, as Shopify's), and answer
 * {@code edges { cursor node }}, {@code nodes} and {@code pageInfo}. Every answer has
 * {@code extensions.cost}: the requested cost by Shopify's formula, the actual cost of what was
 * returned, and the app's leaky bucket ({@code throttleStatus}); a query the bucket cannot pay is
 * answered with a {@code THROTTLED} error and no data, one over 1,000 points with
 * {@code MAX_COST_EXCEEDED}.
 */
final class ShopifyApi {

    static final String ROUTE = "/admin/api/{version}/graphql.json";
    static final String PATH_PREFIX = "/admin/api/";
    static final long ORDER_ID_BASE = 5_100_000_000_000L;
    static final long LINE_ITEM_ID_BASE = 14_000_000_000_000L;
    static final long SHOP_ID = 61_377_001_234L;
    static final int MAX_PAGE_SIZE = 250;
    static final int MAX_QUERY_COST = 1_000;
    static final int MUTATION_COST = 10;
    /** The argument that marks a connection read whole by a bulk operation, beyond {@link #MAX_PAGE_SIZE}. */
    private static final String BULK_ARG = "__bulk";
    static final List<String> SCOPES = List.of("read_products", "read_orders", "read_all_orders");

    static final byte[] UNAUTHORIZED = bytes(
            "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
    static final byte[] UNAVAILABLE_SHOP = bytes("{\"errors\":\"Unavailable Shop\"}");
    static final byte[] NOT_FOUND = bytes("{\"errors\":\"Not Found\"}");

    private static final Pattern VERSION = Pattern.compile("\\d{4}-(01|04|07|10)|unstable");
    private static final Pattern GID = Pattern.compile("gid://shopify/([A-Za-z]+)/(\\d{1,19})");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** An HTTP answer. */
    record Reply(int status, byte[] body) {
    }

    private final ShopifyCatalog catalog;
    private final OrderBook orders;
    private final Store store;
    private final Clock clock;
    private final String domain;
    private final byte[] token;
    private final ShopifyBulk bulk;

    private double maximumAvailable;
    private double restoreRate;
    private double available;
    private Instant bucketAt;
    private long charged;

    ShopifyApi(ShopifyCatalog catalog, OrderBook orders, Store store, Clock clock, String domain, String token,
            double maximumAvailable, double restoreRate) {
        this.catalog = catalog;
        this.orders = orders;
        this.store = store;
        this.clock = clock;
        this.domain = domain;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.bulk = new ShopifyBulk(clock);
        bucket(maximumAvailable, restoreRate);
    }

    static boolean isShopifyPath(String path) {
        return path.startsWith(PATH_PREFIX);
    }

    boolean authorized(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
    }

    /** Sets the bucket's size and refill rate and fills it. */
    synchronized void bucket(double maximum, double rate) {
        if (maximum <= 0 || rate <= 0) {
            throw new IllegalArgumentException("the Shopify bucket needs a positive size and restore rate");
        }
        this.maximumAvailable = maximum;
        this.restoreRate = rate;
        this.available = maximum;
        this.bucketAt = clock.instant();
    }

    /** Sets what the bucket holds now (tests). */
    synchronized void available(double points) {
        refill();
        this.available = Math.max(0, Math.min(maximumAvailable, points));
    }

    synchronized double maximumAvailable() {
        return maximumAvailable;
    }

    synchronized double restoreRate() {
        return restoreRate;
    }

    synchronized double currentlyAvailable() {
        refill();
        return available;
    }

    private void refill() {
        Instant now = clock.instant();
        double seconds = Duration.between(bucketAt, now).toNanos() / 1e9;
        if (seconds > 0) {
            available = Math.min(maximumAvailable, available + seconds * restoreRate);
            bucketAt = now;
        }
    }

    // ---------------------------------------------------------------- the request

    /** The bulk operations of this shop (their downloads are served by the HTTP layer). */
    ShopifyBulk bulk() {
        return bulk;
    }

    /**
     * Answers one GraphQL request.
     *
     * @param origin scheme, host and port the request reached ({@code http://127.0.0.1:41234}): where bulk result links point
     */
    Reply answer(String version, String contentType, byte[] body, String origin) {
        if (version == null || !VERSION.matcher(version).matches()) {
            return new Reply(404, NOT_FOUND);
        }
        String query;
        String operationName = null;
        JsonNode variables = null;
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/graphql")) {
            query = new String(body, StandardCharsets.UTF_8);
        } else {
            JsonNode request;
            try {
                request = MAPPER.readTree(body);
            } catch (IOException e) {
                request = null;
            }
            if (request == null || !request.isObject() || !request.path("query").isTextual()) {
                return new Reply(400, bytes("{\"errors\":{\"query\":\"Required parameter missing or invalid\"}}"));
            }
            query = request.get("query").asText();
            operationName = request.path("operationName").isTextual() ? request.get("operationName").asText() : null;
            variables = request.get("variables");
        }
        ObjectNode answer = NODES.objectNode();
        ObjectNode extensions = NODES.objectNode();
        Request request = new Request(orders.snapshot(), version, origin);
        int requested = 0;
        try {
            GraphQl.Operation operation = GraphQl.parse(query, operationName, variables);
            // Shopify charges a mutation 10 points, whatever it selects
            requested = operation.mutation() ? MUTATION_COST * operation.selections().size()
                    : GraphQl.requestedCost(operation.selections());
            if (requested > MAX_QUERY_COST) {
                ObjectNode error = error(answer, "Query cost is " + requested + ", which exceeds the single query max cost limit ("
                        + MAX_QUERY_COST + ").\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how"
                        + " the cost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations"
                        + " should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for"
                        + " usage details.\n", "MAX_COST_EXCEEDED");
                ((ObjectNode) error.get("extensions")).put("cost", requested).put("maxCost", MAX_QUERY_COST);
                cost(extensions, requested, null);
            } else if (!reserve(requested)) {
                error(answer, "Throttled", "THROTTLED").with("extensions")
                        .put("documentation", "https://shopify.dev/api/usage/rate-limits");
                cost(extensions, requested, null);
            } else {
                ObjectNode data = execute(operation, request);
                int actual = operation.mutation() ? requested : GraphQl.actualCost(operation.selections(), data);
                refund(requested, actual);
                answer.set("data", data);
                cost(extensions, requested, actual);
            }
        } catch (GraphQl.Error e) {
            answer.remove("data");
            error(answer, e.getMessage(), e.code());
            refund(requested, Math.min(requested, 1));
            cost(extensions, requested, requested == 0 ? null : Math.min(requested, 1));
        }
        if (!request.searches.isEmpty()) {
            extensions.set("search", request.searches);
        }
        answer.set("extensions", extensions);
        try {
            return new Reply(200, MAPPER.writeValueAsBytes(answer));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes the requested cost from the bucket if it holds it (Shopify reserves first, refunds after). */
    private synchronized boolean reserve(int requested) {
        refill();
        if (available < requested) {
            return false;
        }
        available -= requested;
        return true;
    }

    private synchronized void refund(int requested, int actual) {
        available = Math.min(maximumAvailable, available + Math.max(0, requested - actual));
        charged += actual;
    }

    /** The actual cost of every query answered so far (points). */
    synchronized long pointsCharged() {
        return charged;
    }

    private synchronized void cost(ObjectNode extensions, int requested, Integer actual) {
        refill();
        ObjectNode cost = extensions.putObject("cost");
        cost.put("requestedQueryCost", requested);
        if (actual == null) {
            cost.putNull("actualQueryCost");
        } else {
            cost.put("actualQueryCost", actual);
        }
        cost.putObject("throttleStatus")
                .put("maximumAvailable", maximumAvailable)
                .put("currentlyAvailable", Math.floor(available))
                .put("restoreRate", restoreRate);
    }

    private static ObjectNode error(ObjectNode answer, String message, String code) {
        ArrayNode errors = answer.has("errors") ? (ArrayNode) answer.get("errors") : answer.putArray("errors");
        ObjectNode error = errors.addObject();
        error.put("message", message);
        error.putObject("extensions").put("code", code);
        return error;
    }

    /**
     * What one request reads: one order-book state, and the search warnings it collects; a bulk operation's
     * request also has the sink its top-level connection is written to.
     */
    private static final class Request {
        final OrderBook.Snapshot orders;
        final ArrayNode searches = NODES.arrayNode();
        final String version;
        final String origin;
        ShopifyBulk.Sink sink;
        boolean groupObjects;

        Request(OrderBook.Snapshot orders, String version, String origin) {
            this.orders = orders;
            this.version = version;
            this.origin = origin;
        }
    }

    // ---------------------------------------------------------------- objects

    /** An object's fields: values, or resolvers for fields with arguments or selections. */
    private static final class Obj {
        private final String type;
        private final Map<String, Function<GraphQl.Field, JsonNode>> fields = new LinkedHashMap<>();

        Obj(String type) {
            this.type = type;
        }

        Obj put(String name, String value) {
            JsonNode node = value == null ? NullNode.getInstance() : NODES.textNode(value);
            fields.put(name, f -> node);
            return this;
        }

        Obj put(String name, long value) {
            fields.put(name, f -> NODES.numberNode(value));
            return this;
        }

        Obj put(String name, boolean value) {
            fields.put(name, f -> NODES.booleanNode(value));
            return this;
        }

        Obj put(String name, Function<GraphQl.Field, JsonNode> resolver) {
            fields.put(name, resolver);
            return this;
        }

        JsonNode project(GraphQl.Field field) {
            return project(field.selections());
        }

        ObjectNode project(List<GraphQl.Field> selections) {
            ObjectNode out = NODES.objectNode();
            for (GraphQl.Field s : selections) {
                if (s.name().equals("__typename")) {
                    out.put(s.key(), type);
                    continue;
                }
                Function<GraphQl.Field, JsonNode> resolver = fields.get(s.name());
                if (resolver == null) {
                    throw new GraphQl.Error("Field '" + s.name() + "' doesn't exist on type '" + type + "'", "undefinedField");
                }
                out.set(s.key(), resolver.apply(s));
            }
            return out;
        }
    }

    private ObjectNode execute(GraphQl.Operation operation, Request request) {
        if (operation.mutation()) {
            return new Obj("Mutation")
                    .put("bulkOperationRunQuery", f -> bulkOperationRunQuery(f, request))
                    .project(operation.selections());
        }
        Obj root = new Obj("QueryRoot")
                .put("bulkOperation", f -> {
                    ShopifyBulk.Operation op = bulk.find(id(f, "BulkOperation"));
                    return op == null ? NullNode.getInstance() : bulkOperation(op, request).project(f);
                })
                .put("currentBulkOperation", f -> {
                    if (f.arg("type").asText("QUERY").equals("MUTATION")) {
                        return NullNode.getInstance();
                    }
                    ShopifyBulk.Operation op = bulk.latest();
                    return op == null ? NullNode.getInstance() : bulkOperation(op, request).project(f);
                })
                .put("productsCount", f -> count(f, matchingProducts(f, request).size()))
                .put("ordersCount", f -> {
                    Iterator<Keyed<Integer>> matching = matchingOrders(f, request);
                    long n = 0;
                    long limit = limit(f);
                    while (matching.hasNext() && n <= limit) {
                        matching.next();
                        n++;
                    }
                    return count(f, n);
                })
                .put("shop", f -> shop().project(f))
                .put("currentAppInstallation", f -> appInstallation().project(f))
                .put("products", f -> products(f, request))
                .put("product", f -> {
                    ShopifyProduct p = catalog.product(id(f, "Product"));
                    return p == null ? NullNode.getInstance() : product(p).project(f);
                })
                .put("productVariant", f -> {
                    Product v = catalog.variant(id(f, "ProductVariant"));
                    return v == null ? NullNode.getInstance() : variant(v).project(f);
                })
                .put("orders", f -> orders(f, request))
                .put("order", f -> {
                    long orderId = id(f, "Order") - ORDER_ID_BASE;
                    long position = orderId - ShopGenerator.FIRST_ORDER_ID;
                    return position < 0 || position >= request.orders.size() ? NullNode.getInstance()
                            : order(request.orders, (int) position).project(f);
                });
        return root.project(operation.selections());
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

    private Obj shop() {
        return new Obj("Shop")
                .put("id", "gid://shopify/Shop/" + SHOP_ID)
                .put("name", store.storeName())
                .put("email", store.email())
                .put("myshopifyDomain", domain)
                .put("url", "https://" + domain)
                .put("currencyCode", "USD")
                .put("ianaTimezone", PacificTime.ZONE.getId())
                .put("plan", f -> new Obj("ShopPlan").put("displayName", "Basic").put("partnerDevelopment", false)
                        .put("shopifyPlus", false).project(f));
    }

    private Obj appInstallation() {
        return new Obj("AppInstallation")
                .put("id", "gid://shopify/AppInstallation/" + (SHOP_ID + 7))
                .put("accessScopes", f -> {
                    ArrayNode scopes = NODES.arrayNode();
                    for (String scope : SCOPES) {
                        scopes.add(new Obj("AccessScope").put("handle", scope).put("description", scope.replace('_', ' '))
                                .project(f));
                    }
                    return scopes;
                });
    }

    private Obj product(ShopifyProduct p) {
        return new Obj("Product")
                .put("id", "gid://shopify/Product/" + p.id())
                .put("legacyResourceId", Long.toString(p.id()))
                .put("title", p.title())
                .put("handle", p.handle())
                .put("status", p.status())
                .put("vendor", store.storeName())
                .put("productType", "Coffee")
                .put("createdAt", iso(p.created()))
                .put("updatedAt", iso(p.updated()))
                .put("publishedAt", p.status().equals("ACTIVE") ? iso(p.created()) : null)
                .put("variants", f -> {
                    List<Keyed<Product>> variants = new ArrayList<>();
                    for (Product v : p.variants()) {
                        variants.add(new Keyed<>(v, ShopifyCatalog.position(v), ShopifyCatalog.variantId(v)));
                    }
                    return connection(f, "ProductVariant", variants.iterator(), false, v -> variant(v));
                });
    }

    private Obj variant(Product v) {
        ShopifyProduct p = catalog.productOf(v);
        String title = ShopifyCatalog.variantTitle(v);
        return new Obj("ProductVariant")
                .put("id", "gid://shopify/ProductVariant/" + ShopifyCatalog.variantId(v))
                .put("legacyResourceId", Long.toString(ShopifyCatalog.variantId(v)))
                .put("title", title)
                .put("displayName", p.title() + " - " + title)
                .put("sku", v.sku())
                .put("barcode", v.upc())
                .put("price", ShipStationJson.money(v.priceCents()).toPlainString())
                .put("compareAtPrice", (String) null)
                .put("position", ShopifyCatalog.position(v))
                .put("availableForSale", v.active())
                .put("createdAt", iso(ShopifyCatalog.variantCreated(v)))
                .put("updatedAt", iso(ShopifyCatalog.variantUpdated(v)))
                .put("selectedOptions", f -> {
                    ArrayNode options = NODES.arrayNode();
                    options.add(new Obj("SelectedOption").put("name", "Size").put("value", v.sizeLabel()).project(f));
                    options.add(new Obj("SelectedOption").put("name", "Grind").put("value", v.grindLabel()).project(f));
                    return options;
                })
                .put("product", f -> product(p).project(f));
    }

    private JsonNode products(GraphQl.Field f, Request request) {
        List<Keyed<ShopifyProduct>> matching = matchingProducts(f, request);
        if (request.sink != null) {
            return bulkWrite(f, request, matching.iterator(), "Product", this::product);
        }
        return connection(f, "Product", matching.iterator(), f.arg("reverse").asBoolean(false), this::product);
    }

    /** The products a {@code products} (or {@code productsCount}) field selects, in its order. */
    private List<Keyed<ShopifyProduct>> matchingProducts(GraphQl.Field f, Request request) {
        String sortKey = f.arg("sortKey").asText("ID");
        Function<ShopifyProduct, Long> key = switch (sortKey) {
            case "ID" -> ShopifyProduct::id;
            case "CREATED_AT" -> ShopifyProduct::created;
            case "UPDATED_AT" -> ShopifyProduct::updated;
            default -> throw invalidSortKey(f, sortKey, "ProductSortKeys", "ID, CREATED_AT, UPDATED_AT");
        };
        String query = f.arg("query").isTextual() ? f.arg("query").asText() : null;
        ShopifySearch.Parsed<ShopifyProduct> search = ShopifySearch.parse(query, term -> productFilter(term));
        List<Keyed<ShopifyProduct>> matching = new ArrayList<>();
        for (ShopifyProduct p : catalog.products()) {
            if (search.filter().test(p)) {
                matching.add(new Keyed<>(p, key.apply(p), p.id()));
            }
        }
        matching.sort(Keyed.ORDER);
        boolean reverse = f.arg("reverse").asBoolean(false);
        if (reverse) {
            java.util.Collections.reverse(matching);
        }
        warnings(request, f, query, search);
        return matching;
    }

    private Predicate<ShopifyProduct> productFilter(ShopifySearch.Term term) {
        if (term.field() == null) {
            String text = term.value().toLowerCase(Locale.ROOT);
            return p -> p.title().toLowerCase(Locale.ROOT).contains(text)
                    || p.variants().stream().anyMatch(v -> v.sku().toLowerCase(Locale.ROOT).contains(text));
        }
        return switch (term.field()) {
            case "updated_at" -> p -> term.matchesTime(p.updated());
            case "created_at" -> p -> term.matchesTime(p.created());
            case "status" -> p -> term.matchesWord(p.status());
            case "id" -> p -> term.matchesNumber(p.id());
            case "title" -> p -> p.title().equalsIgnoreCase(term.value());
            case "sku" -> p -> p.variants().stream().anyMatch(v -> v.sku().equalsIgnoreCase(term.value()));
            case "product_type" -> p -> term.matchesWord("Coffee");
            default -> null;
        };
    }

    // ---------------------------------------------------------------- orders

    private JsonNode orders(GraphQl.Field f, Request request) {
        OrderBook.Snapshot s = request.orders;
        Iterator<Keyed<Integer>> matching = matchingOrders(f, request);
        if (request.sink != null) {
            return bulkWrite(f, request, matching, "Order", position -> order(s, position));
        }
        return connection(f, "Order", matching, f.arg("reverse").asBoolean(false), position -> order(s, position));
    }

    /** The orders an {@code orders} (or {@code ordersCount}) field selects, in its order, read as they are needed. */
    private Iterator<Keyed<Integer>> matchingOrders(GraphQl.Field f, Request request) {
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
            default -> throw invalidSortKey(f, sortKey, "OrderSortKeys", "ID, CREATED_AT, PROCESSED_AT, UPDATED_AT");
        }
        String query = f.arg("query").isTextual() ? f.arg("query").asText() : null;
        ShopifySearch.Parsed<Integer> search = ShopifySearch.parse(query, term -> orderFilter(term, s));
        warnings(request, f, query, search);
        boolean reverse = f.arg("reverse").asBoolean(false);
        int n = s.size();
        return new Iterator<>() {
            private int step;
            private Keyed<Integer> next = advance();

            private Keyed<Integer> advance() {
                while (step < n) {
                    int k = reverse ? n - 1 - step : step;
                    step++;
                    int position = permutation == null ? k : permutation[k];
                    if (search.filter().test(position)) {
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
        };
    }

    private static long orderGid(int position) {
        return ORDER_ID_BASE + ShopGenerator.FIRST_ORDER_ID + position;
    }

    private Predicate<Integer> orderFilter(ShopifySearch.Term term, OrderBook.Snapshot s) {
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
            return MAPPER.readTree(s.json()[position]);
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

    private Obj order(OrderBook.Snapshot s, int position) {
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
        return new Obj("Order")
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
                    return connection(f, "LineItem", keyed.iterator(), false, this::lineItem);
                });
    }

    private Obj lineItem(JsonNode item) {
        Product v = catalog.record(item.path("productId").asLong(-1));
        String title = v == null ? text(item.path("name")) : catalog.productOf(v).title();
        String variantTitle = v == null ? null : ShopifyCatalog.variantTitle(v);
        long id = LINE_ITEM_ID_BASE + item.path("orderItemId").asLong();
        int quantity = item.path("quantity").asInt();
        BigDecimal unit = item.path("unitPrice").decimalValue();
        return new Obj("LineItem")
                .put("id", "gid://shopify/LineItem/" + id)
                .put("name", variantTitle == null ? title : title + " - " + variantTitle)
                .put("title", title)
                .put("variantTitle", variantTitle)
                .put("sku", text(item.path("sku")))
                .put("quantity", quantity)
                .put("currentQuantity", quantity)
                .put("requiresShipping", true)
                .put("variant", f -> v == null ? NullNode.getInstance() : variant(v).project(f))
                .put("product", f -> v == null ? NullNode.getInstance() : product(catalog.productOf(v)).project(f))
                .put("originalUnitPriceSet", f -> money(NODES.numberNode(unit)).project(f))
                .put("originalTotalSet", f -> money(NODES.numberNode(unit.multiply(BigDecimal.valueOf(quantity)))).project(f));
    }

    private static Obj money(JsonNode amount) {
        String value = ShipStationJson.decimal(amount.decimalValue()).toPlainString();
        Function<GraphQl.Field, JsonNode> moneyV2 = f -> new Obj("MoneyV2").put("amount", value).put("currencyCode", "USD")
                .project(f);
        return new Obj("MoneyBag").put("shopMoney", moneyV2).put("presentmentMoney", moneyV2);
    }

    private static Obj address(JsonNode a) {
        String name = text(a.path("name"));
        int space = name == null ? -1 : name.indexOf(' ');
        return new Obj("MailingAddress")
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

    // ---------------------------------------------------------------- counts and bulk operations

    /** Shopify's {@code Count}: at most {@code limit} (default 10,000; null for none), {@code AT_LEAST} when capped. */
    private static JsonNode count(GraphQl.Field f, long n) {
        long limit = limit(f);
        boolean capped = n > limit;
        return new Obj("Count").put("count", capped ? limit : n).put("precision", capped ? "AT_LEAST" : "EXACT").project(f);
    }

    private static long limit(GraphQl.Field f) {
        if (!f.args().containsKey("limit")) {
            return 10_000;
        }
        return f.arg("limit").isNull() ? Long.MAX_VALUE - 1 : Math.max(0, f.arg("limit").asLong());
    }

    /**
     * {@code bulkOperationRunQuery(query:, groupObjects:)}: checks the query (one top-level connection,
     * {@code products} or {@code orders}; nested connections one level deep), then starts the operation over
     * the order-book state of this request. Too many running operations is a {@code userErrors} entry, as
     * Shopify answers it.
     */
    private JsonNode bulkOperationRunQuery(GraphQl.Field f, Request request) {
        JsonNode queryArg = f.arg("query");
        if (!queryArg.isTextual()) {
            throw new GraphQl.Error("Field 'bulkOperationRunQuery' is missing required arguments: query", "missingRequiredArguments");
        }
        List<ObjectNode> userErrors = new ArrayList<>();
        ShopifyBulk.Operation started = null;
        GraphQl.Operation parsed = null;
        try {
            parsed = GraphQl.parse(queryArg.asText(), null, null);
            String problem = bulkProblem(parsed);
            if (problem != null) {
                userErrors.add(userError(problem, "INVALID"));
            }
        } catch (GraphQl.Error e) {
            userErrors.add(userError("Invalid bulk query: " + e.getMessage(), "INVALID"));
        }
        if (userErrors.isEmpty()) {
            boolean concurrent = request.version.equals("unstable") || request.version.compareTo("2026-01") >= 0;
            long running = bulk.running();
            if (concurrent && running >= ShopifyBulk.CONCURRENT_SINCE_2026_01) {
                userErrors.add(userError("Bulk operations limit reached. Please try again later.", "LIMIT_REACHED"));
            } else if (!concurrent && running > 0) {
                userErrors.add(userError("A bulk query operation for this app and shop is already in progress: "
                        + bulk.latest().gid() + ".", "OPERATION_IN_PROGRESS"));
            } else {
                Request job = new Request(request.orders, request.version, request.origin);
                job.groupObjects = f.arg("groupObjects").asBoolean(false);
                GraphQl.Operation inner = parsed;
                started = bulk.start(queryArg.asText(), sink -> {
                    job.sink = sink;
                    execute(inner, job);
                });
            }
        }
        ShopifyBulk.Operation op = started;
        return new Obj("BulkOperationRunQueryPayload")
                .put("bulkOperation", b -> op == null ? NullNode.getInstance() : bulkOperation(op, request).project(b))
                .put("userErrors", u -> {
                    ArrayNode errors = NODES.arrayNode();
                    for (ObjectNode e : userErrors) {
                        errors.add(new Obj("BulkOperationUserError").put("field", g -> NODES.arrayNode().add("query"))
                                .put("message", e.get("message").asText()).put("code", e.get("code").asText()).project(u));
                    }
                    return errors;
                })
                .project(f);
    }

    private static ObjectNode userError(String message, String code) {
        return NODES.objectNode().put("message", message).put("code", code);
    }

    /** Why Shopify would refuse this bulk query, or null. */
    private static String bulkProblem(GraphQl.Operation inner) {
        if (inner.mutation()) {
            return "Bulk queries cannot contain mutations.";
        }
        if (inner.selections().size() != 1) {
            return "Bulk queries must contain exactly one top-level field.";
        }
        GraphQl.Field root = inner.selections().get(0);
        if (!root.name().equals("products") && !root.name().equals("orders")) {
            return "The simulator runs bulk queries over products or orders, not '" + root.name() + "'.";
        }
        if (root.nodeSelections().isEmpty()) {
            return "Bulk queries must contain at least one connection.";
        }
        for (GraphQl.Field child : root.nodeSelections()) {
            if (isConnection(child)) {
                for (GraphQl.Field grandChild : child.nodeSelections()) {
                    if (isConnection(grandChild)) {
                        return "Bulk queries cannot contain connections with a nesting depth greater than 2.";
                    }
                }
            }
        }
        return null;
    }

    /** In a bulk query connections need no {@code first}: a field selecting {@code edges} or {@code nodes} is one. */
    private static boolean isConnection(GraphQl.Field f) {
        return f.selections().stream().anyMatch(s -> s.name().equals("edges") || s.name().equals("nodes"));
    }

    private Obj bulkOperation(ShopifyBulk.Operation op, Request request) {
        return new Obj("BulkOperation")
                .put("id", op.gid())
                .put("type", "QUERY")
                .put("status", op.status)
                .put("errorCode", op.errorCode)
                .put("createdAt", op.createdAt.toString())
                .put("completedAt", op.completedAt == null ? null : op.completedAt.toString())
                .put("objectCount", Long.toString(op.objectCount.get()))
                .put("rootObjectCount", Long.toString(op.rootObjectCount.get()))
                .put("fileSize", op.status.equals("COMPLETED") && op.file != null ? Long.toString(op.fileSize) : null)
                .put("url", bulk.url(op, request.origin))
                .put("partialDataUrl", (String) null)
                .put("query", op.query);
    }

    /**
     * A bulk operation's top-level connection: every item as a JSONL line of its own selections, and the nodes of
     * its nested connections as lines with {@code __parentId}. With {@code groupObjects: true} a parent's nodes
     * follow it directly; without, they follow the <em>next</em> parent (Shopify only promises "after the
     * parent"), so a reader that needs grouping has to ask for it.
     */
    private <T> JsonNode bulkWrite(GraphQl.Field f, Request request, Iterator<Keyed<T>> items, String type,
            Function<T, Obj> node) {
        List<GraphQl.Field> own = new ArrayList<>();
        List<GraphQl.Field> nested = new ArrayList<>();
        for (GraphQl.Field s : f.nodeSelections()) {
            (isConnection(s) ? nested : own).add(s);
        }
        List<JsonNode> deferred = new ArrayList<>();
        while (items.hasNext()) {
            Keyed<T> item = items.next();
            Obj obj = node.apply(item.item());
            request.sink.write(obj.project(own), true);
            for (JsonNode child : deferred) {
                request.sink.write(child, false);
            }
            deferred.clear();
            String parentId = "gid://shopify/" + type + "/" + item.id();
            for (GraphQl.Field c : nested) {
                Map<String, JsonNode> args = new LinkedHashMap<>(c.args());
                args.put("first", NODES.numberNode(Integer.MAX_VALUE));
                args.put(BULK_ARG, NODES.booleanNode(true));
                GraphQl.Field whole = new GraphQl.Field(null, c.name(), args,
                        List.of(new GraphQl.Field(null, "nodes", Map.of(), c.nodeSelections())));
                for (JsonNode child : obj.project(List.of(whole)).path(c.name()).path("nodes")) {
                    ((ObjectNode) child).put("__parentId", parentId);
                    deferred.add(child);
                }
            }
            if (request.groupObjects) {
                for (JsonNode child : deferred) {
                    request.sink.write(child, false);
                }
                deferred.clear();
            }
        }
        for (JsonNode child : deferred) {
            request.sink.write(child, false);
        }
        return NullNode.getInstance();
    }

    // ---------------------------------------------------------------- connections

    /** An item with its sort value and id: the keyset position a cursor names. */
    private record Keyed<T>(T item, long value, long id) {
        static final java.util.Comparator<Keyed<?>> ORDER = java.util.Comparator.<Keyed<?>>comparingLong(Keyed::value)
                .thenComparingLong(Keyed::id);

        String cursor() {
            return Base64.getEncoder().encodeToString(("{\"last_id\":" + id + ",\"last_value\":\"" + value + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * A page of {@code items} (already in the connection's order: ascending by value and id, or descending when
     * {@code reverse}) after the {@code after} cursor.
     */
    private <T> JsonNode connection(GraphQl.Field f, String type, Iterator<Keyed<T>> items, boolean reverse,
            Function<T, Obj> node) {
        if (!f.arg("last").isNull() || !f.arg("before").isNull()) {
            throw new GraphQl.Error("The simulator pages forward only (first and after), not with last or before", "UNSUPPORTED");
        }
        JsonNode firstArg = f.arg("first");
        if (!firstArg.canConvertToInt()) {
            throw new GraphQl.Error("you must provide one of first or last", "BAD_REQUEST");
        }
        int first = f.args().containsKey(BULK_ARG) ? Integer.MAX_VALUE : firstArg.asInt();
        if (first < 0 || (first > MAX_PAGE_SIZE && !f.args().containsKey(BULK_ARG))) {
            throw new GraphQl.Error("The 'first' argument of '" + f.name() + "' must be between 0 and " + MAX_PAGE_SIZE
                    + "; got " + first, "BAD_REQUEST");
        }
        Keyed<?> after = f.arg("after").isTextual() ? decodeCursor(f.arg("after").asText()) : null;
        List<Keyed<T>> page = new ArrayList<>();
        boolean skipped = false;
        boolean more = false;
        while (items.hasNext()) {
            Keyed<T> item = items.next();
            if (after != null) {
                int c = Keyed.ORDER.compare(item, after);
                if (reverse ? c >= 0 : c <= 0) {
                    skipped = true;
                    continue;
                }
            }
            if (page.size() == first) {
                more = true;
                break;
            }
            page.add(item);
        }
        boolean hasPrevious = skipped;
        boolean hasNext = more;
        return new Obj(type + "Connection")
                .put("edges", e -> {
                    ArrayNode edges = NODES.arrayNode();
                    for (Keyed<T> item : page) {
                        edges.add(new Obj(type + "Edge").put("cursor", item.cursor())
                                .put("node", n -> node.apply(item.item()).project(n)).project(e));
                    }
                    return edges;
                })
                .put("nodes", n -> {
                    ArrayNode nodes = NODES.arrayNode();
                    for (Keyed<T> item : page) {
                        nodes.add(node.apply(item.item()).project(n));
                    }
                    return nodes;
                })
                .put("pageInfo", p -> new Obj("PageInfo")
                        .put("hasNextPage", hasNext)
                        .put("hasPreviousPage", hasPrevious)
                        .put("startCursor", page.isEmpty() ? null : page.get(0).cursor())
                        .put("endCursor", page.isEmpty() ? null : page.get(page.size() - 1).cursor())
                        .project(p))
                .project(f);
    }

    private static Keyed<?> decodeCursor(String cursor) {
        try {
            JsonNode key = MAPPER.readTree(Base64.getDecoder().decode(cursor));
            if (key != null && key.path("last_id").canConvertToLong() && key.path("last_value").isTextual()) {
                return new Keyed<>(null, Long.parseLong(key.get("last_value").asText()), key.get("last_id").asLong());
            }
        } catch (IOException | IllegalArgumentException e) {
            // answered below
        }
        throw new GraphQl.Error("Invalid cursor for current pagination: " + cursor, "BAD_REQUEST");
    }

    private static GraphQl.Error invalidSortKey(GraphQl.Field f, String value, String type, String supported) {
        return new GraphQl.Error("Argument 'sortKey' on Field '" + f.name() + "' has an invalid value (" + value
                + "). Expected type '" + type + "' (the simulator supports " + supported + ").", "argumentLiteralsIncompatible");
    }

    /** Shopify reports fields a search does not know in {@code extensions.search} rather than failing the query. */
    private static void warnings(Request request, GraphQl.Field f, String query, ShopifySearch.Parsed<?> search) {
        if (search.unknownFields().isEmpty()) {
            return;
        }
        ObjectNode entry = request.searches.addObject();
        entry.putArray("path").add(f.key());
        entry.put("query", query);
        ArrayNode warnings = entry.putArray("warnings");
        for (String field : search.unknownFields()) {
            warnings.addObject().put("field", field).put("message", "Invalid search field for this query.");
        }
    }

    private static String iso(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
