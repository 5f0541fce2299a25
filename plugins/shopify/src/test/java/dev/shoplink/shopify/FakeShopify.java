package dev.shoplink.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.shoplink.api.Connection;
import dev.shoplink.testkit.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Shopify shop's GraphQL Admin API played by WireMock on a dynamic port. A transformer answers the
 * connector's operations (Shop, Listings, ProductVariants, Variant, Orders, OrderLines) from an
 * in-memory catalog and order book, pages them with cursors like Shopify (keyset: sort value and id),
 * computes each query's requested and actual cost with Shopify's documented formula (objects 1,
 * connections 2 + {@code first} × node; actual: 2 + returned × node) and keeps the app's bucket,
 * refilled by the test's clock. It also counts ({@code ProductsCount}, {@code OrdersCount}) and runs bulk
 * exports ({@code BulkExport} mutation, {@code BulkOperation} polls, the JSONL result served by WireMock
 * at {@code /bulk-results/<id>.jsonl}, grouped, as Shopify writes it with {@code groupObjects: true}).
 * Tests add canned answers (documented shapes, under
 * {@code src/test/resources/shopify/}) as higher-priority stubs.
 */
final class FakeShopify implements AutoCloseable {
    static final String TOKEN = "shpat_0123456789abcdef0123456789abcdef";
    static final String DOMAIN = "roaster.myshopify.com";
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final String GRAPHQL = "/admin/api/" + ShopifyClient.API_VERSION + "/graphql.json";

    /** Stub priorities: lower wins. */
    static final int OUTAGE = 1;
    static final int SPECIFIC = 5;
    static final int SHOP = 10;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Variant(long id, String title, String sku, String price, Instant createdAt, Instant updatedAt) {
    }

    record Product(long id, String title, String status, Instant updatedAt, List<Variant> variants) {
    }

    record Line(long id, Long variantId, String sku, String name, int quantity, String price) {
    }

    record Order(long id, String name, Instant createdAt, Instant updatedAt, Instant cancelledAt, String financial,
                 String fulfillment, String email, List<Line> lines) {
    }

    final WireMockServer server;
    final MutableClock clock = new MutableClock(NOW);
    final List<Product> products = new CopyOnWriteArrayList<>();
    final List<Order> orders = new CopyOnWriteArrayList<>();
    volatile List<String> scopes = List.of("read_products", "read_orders", "read_all_orders");
    volatile String domain = DOMAIN;

    /** The bucket: when {@code throttling} is off it is always full. */
    volatile boolean throttling;
    volatile double maximum = 2_000;
    volatile double restoreRate = 100;
    private volatile double available = 2_000;
    private volatile Instant bucketAt = NOW;

    /** Totals over every answered query. */
    volatile double requestedTotal;
    volatile double actualTotal;
    volatile int queries;
    final List<String> operations = new CopyOnWriteArrayList<>();

    /** Bulk operations started, by numeric id: their JSONL result; polls answer RUNNING this many times first. */
    final Map<Long, String> bulkResults = new java.util.concurrent.ConcurrentHashMap<>();
    volatile int bulkPollsRunning;
    private final java.util.concurrent.atomic.AtomicLong bulkIds = new java.util.concurrent.atomic.AtomicLong(720_918);

    FakeShopify() {
        server = new WireMockServer(options().dynamicPort().notifier(new Slf4jNotifier(false)).extensions(new Transformer()));
        server.start();
        reset();
    }

    /** Forgets every stub, request, product and order: an empty shop with a full bucket. */
    void reset() {
        server.resetAll();
        products.clear();
        orders.clear();
        operations.clear();
        scopes = List.of("read_products", "read_orders", "read_all_orders");
        domain = DOMAIN;
        throttling = false;
        maximum = 2_000;
        restoreRate = 100;
        available = maximum;
        bucketAt = clock.instant();
        requestedTotal = 0;
        actualTotal = 0;
        queries = 0;
        bulkResults.clear();
        bulkPollsRunning = 0;
        server.stubFor(post(urlPathEqualTo(GRAPHQL)).atPriority(SHOP).willReturn(aResponse().withTransformers(Transformer.NAME)));
    }

    Connection connection() {
        return connection(TOKEN, Duration.ofSeconds(5));
    }

    Connection connection(String token) {
        return connection(token, Duration.ofSeconds(5));
    }

    Connection connection(Duration timeout) {
        return connection(TOKEN, timeout);
    }

    Connection connection(String token, Duration timeout) {
        return new Connection(Map.of(ShopifyClient.ACCESS_TOKEN, token), URI.create(server.baseUrl()), clock, timeout, DOMAIN);
    }

    /** Sets the bucket's state now and turns throttling on. */
    void bucket(double max, double availableNow, double rate) {
        throttling = true;
        maximum = max;
        restoreRate = rate;
        available = availableNow;
        bucketAt = clock.instant();
    }

    /** {@code count} products of {@code variantsEach} variants; the first {@code unnamed} have a null or empty title. */
    void serveProducts(int count, int variantsEach, int unnamed) {
        for (int i = 0; i < count; i++) {
            long productId = 8_000_000_000L + i;
            List<Variant> variants = new ArrayList<>();
            for (int v = 0; v < variantsEach; v++) {
                long variantId = 40_000_000_000L + i * 10_000L + v;
                variants.add(new Variant(variantId, variantsEach == 1 ? "Default Title" : "Size " + v, "SKU-" + i + "-" + v,
                        "12.50", Instant.parse("2026-05-01T10:00:00Z").plusSeconds(i), Instant.parse("2026-05-02T10:00:00Z")));
            }
            String title = i < unnamed ? (i % 2 == 0 ? null : "") : "Coffee " + i;
            products.add(new Product(productId, title, "ACTIVE", Instant.parse("2026-05-02T10:00:00Z"), variants));
        }
    }

    /** {@code count} orders of {@code linesEach} lines, placed a minute apart from 2026-06-01. */
    void serveOrders(int count, int linesEach) {
        for (int i = 0; i < count; i++) {
            long orderId = 6_000_000_000L + i;
            List<Line> lines = new ArrayList<>();
            for (int l = 0; l < linesEach; l++) {
                lines.add(new Line(orderId * 100 + l, 40_000_000_000L + l, "SKU-0-" + l, "Coffee 0 - Size " + l, 1 + l % 3, "12.50"));
            }
            Instant placed = Instant.parse("2026-06-01T00:00:00Z").plusSeconds(60L * i);
            orders.add(new Order(orderId, "#" + (1001 + i), placed, placed.plusSeconds(3_600), null, "PAID", "UNFULFILLED",
                    "c" + i + "@example.com", lines));
        }
    }

    /**
     * {@code before} orders last updated a day or more before {@code bound} and {@code after} orders
     * updated an hour or more after it, each placed two days before its last update, two lines each.
     */
    void serveOrdersModifiedAround(Instant bound, int before, int after) {
        for (int i = 0; i < before + after; i++) {
            long orderId = 6_100_000_000L + i;
            Instant updated = i < before ? bound.minus(Duration.ofDays(1 + i)) : bound.plus(Duration.ofHours(1 + i));
            List<Line> lines = List.of(
                    new Line(orderId * 100, 40_000_000_000L, "SKU-0-0", "Coffee 0", 1, "12.50"),
                    new Line(orderId * 100 + 1, null, "", "Gift wrap", 1, "2.00"));
            orders.add(new Order(orderId, "#" + (2001 + i), updated.minus(Duration.ofDays(2)), updated, null, "PAID",
                    "UNFULFILLED", "m" + i + "@example.com", lines));
        }
    }

    /**
     * A token the shop knows but whose app has no read scopes: the Shop query lists none granted, and
     * the product and order queries answer Shopify's {@code ACCESS_DENIED} error.
     */
    void denyAccess() {
        scopes = List.of();
        server.stubFor(post(urlPathEqualTo(GRAPHQL)).atPriority(SPECIFIC)
                .withRequestBody(matchingJsonPath("$.operationName", matching("Listings|ProductVariants|Variant")))
                .willReturn(okJson(accessDenied("products"))));
        server.stubFor(post(urlPathEqualTo(GRAPHQL)).atPriority(SPECIFIC)
                .withRequestBody(matchingJsonPath("$.operationName", matching("Orders|OrderLines")))
                .willReturn(okJson(accessDenied("orders"))));
    }

    private static String accessDenied(String resource) {
        return "{\"errors\":[{\"message\":\"Access denied for " + resource + " field. Required access: `read_" + resource
                + "` access scope.\",\"path\":[\"" + resource + "\"],\"extensions\":{\"code\":\"ACCESS_DENIED\","
                + "\"documentation\":\"https://shopify.dev/api/usage/access-scopes\"}}],\"data\":null}";
    }

    /** Every query answers 200 with JSON cut off in the middle. */
    void answerCutOff() {
        server.stubFor(post(urlPathEqualTo(GRAPHQL)).atPriority(SPECIFIC)
                .willReturn(okJson("{\"data\":{\"shop\":{\"name\":\"Roa")));
    }

    /** Every connection is reset without an answer, as when the shop cannot be reached. */
    void dropConnections() {
        server.stubFor(any(anyUrl()).atPriority(OUTAGE).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** Every request answers 503, as during a Shopify outage. */
    void breakDown() {
        server.stubFor(any(anyUrl()).atPriority(OUTAGE).willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));
    }

    /** A test resource under {@code shopify/}. */
    static String resource(String name) {
        try (InputStream in = FakeShopify.class.getResourceAsStream("/shopify/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource shopify/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---- the shop -------------------------------------------------------------------------------

    private final class Transformer implements ResponseDefinitionTransformerV2 {
        static final String NAME = "fake-shopify";

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            if (!TOKEN.equals(event.getRequest().getHeader("X-Shopify-Access-Token"))) {
                return new ResponseDefinitionBuilder().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")
                        .build();
            }
            try {
                JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
                return answer(request.path("operationName").asText(), request.path("variables"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private synchronized ResponseDefinition answer(String operation, JsonNode variables) throws IOException {
        operations.add(operation);
        Answer answer = switch (operation) {
            case "Shop" -> shop();
            case "Listings" -> listings(variables);
            case "ProductVariants" -> productVariants(variables);
            case "Variant" -> variant(variables);
            case "Orders" -> orders(variables);
            case "OrderLines" -> orderLines(variables);
            case "ProductsCount" -> count("productsCount", matchingProducts(variables.path("query").asText("")).size());
            case "OrdersCount" -> count("ordersCount", matchingOrders(variables.path("query").asText(""), false).size());
            case "BulkExport" -> bulkExport(variables.path("query").asText());
            case "BulkOperation" -> bulkOperation(variables.path("id").asText());
            default -> throw new IllegalArgumentException("the fake does not know operation " + operation);
        };
        refill();
        ObjectNode body = JSON.createObjectNode();
        ObjectNode cost = JSON.createObjectNode();
        boolean throttled = throttling && available < answer.requested;
        if (throttled) {
            ObjectNode error = body.putArray("errors").addObject();
            error.put("message", "Throttled");
            error.putObject("extensions").put("code", "THROTTLED")
                    .put("documentation", "https://shopify.dev/api/usage/rate-limits");
            cost.put("requestedQueryCost", answer.requested);
            cost.putNull("actualQueryCost");
        } else {
            body.set("data", answer.data);
            cost.put("requestedQueryCost", answer.requested);
            cost.put("actualQueryCost", answer.actual);
            requestedTotal += answer.requested;
            actualTotal += answer.actual;
            queries++;
            if (throttling) {
                available -= answer.actual;
            }
        }
        cost.putObject("throttleStatus").put("maximumAvailable", maximum)
                .put("currentlyAvailable", throttling ? available : maximum).put("restoreRate", restoreRate);
        body.putObject("extensions").set("cost", cost);
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(JSON.writeValueAsString(body)).build();
    }

    private void refill() {
        Instant now = clock.instant();
        double seconds = Duration.between(bucketAt, now).toNanos() / 1e9;
        if (seconds > 0) {
            available = Math.min(maximum, available + seconds * restoreRate);
        }
        bucketAt = now;
    }

    private record Answer(ObjectNode data, int requested, int actual) {
    }

    private Answer shop() {
        ObjectNode data = JSON.createObjectNode();
        data.putObject("shop").put("name", "Roaster").put("myshopifyDomain", domain);
        ArrayNode granted = data.putObject("currentAppInstallation").putArray("accessScopes");
        scopes.forEach(scope -> granted.addObject().put("handle", scope));
        return new Answer(data, 3, 3);
    }

    private static final Pattern UPDATED_SINCE = Pattern.compile("updated_at:>='([^']+)'");
    private static final Pattern CREATED_SINCE = Pattern.compile("created_at:>='([^']+)'");

    private Answer listings(JsonNode variables) {
        int first = variables.path("first").asInt();
        int nested = variables.path("variants").asInt();
        String query = variables.path("query").asText("");
        long after = variables.path("after").isTextual() ? Long.parseLong(variables.path("after").asText().substring("p-".length())) : -1;
        List<Product> matching = matchingProducts(query).stream().filter(p -> p.id() > after).toList();
        List<Product> page = matching.subList(0, Math.min(first, matching.size()));
        ObjectNode data = JSON.createObjectNode();
        ObjectNode connection = data.putObject("products");
        ArrayNode edges = connection.putArray("edges");
        int actual = 2;
        for (Product product : page) {
            ObjectNode edge = edges.addObject();
            edge.put("cursor", "p-" + product.id());
            ObjectNode node = product(edge.putObject("node"), product);
            actual += 1 + variants(node, product, null, nested);
        }
        pageInfo(connection, matching.size() > page.size(), page.isEmpty() ? null : "p-" + page.get(page.size() - 1).id());
        return new Answer(data, 2 + first * (1 + 2 + nested), actual);
    }

    /** The products a search selects, by id. */
    private List<Product> matchingProducts(String query) {
        Instant updatedSince = since(UPDATED_SINCE, query);
        boolean activeOnly = query.contains("status:active");
        return products.stream()
                .filter(p -> updatedSince == null || !p.updatedAt().isBefore(updatedSince))
                .filter(p -> !activeOnly || p.status().equals("ACTIVE"))
                .sorted(Comparator.comparingLong(Product::id))
                .toList();
    }

    private Answer productVariants(JsonNode variables) {
        Product product = products.stream().filter(p -> ("gid://shopify/Product/" + p.id()).equals(variables.path("id").asText()))
                .findFirst().orElse(null);
        int first = variables.path("first").asInt();
        ObjectNode data = JSON.createObjectNode();
        if (product == null) {
            data.putNull("product");
            return new Answer(data, 3 + first, 1);
        }
        String after = variables.path("after").isTextual() ? variables.path("after").asText() : null;
        int actual = 1 + variants(product(data.putObject("product"), product), product, after, first);
        return new Answer(data, 3 + first, actual);
    }

    private Answer variant(JsonNode variables) {
        ObjectNode data = JSON.createObjectNode();
        for (Product product : products) {
            for (Variant variant : product.variants()) {
                if (("gid://shopify/ProductVariant/" + variant.id()).equals(variables.path("id").asText())) {
                    ObjectNode node = variant(data.putObject("productVariant"), variant);
                    product(node.putObject("product"), product);
                    return new Answer(data, 2, 2);
                }
            }
        }
        data.putNull("productVariant");
        return new Answer(data, 2, 1);
    }

    private static ObjectNode product(ObjectNode node, Product product) {
        node.put("id", "gid://shopify/Product/" + product.id());
        node.put("title", product.title());
        node.put("status", product.status());
        node.put("updatedAt", product.updatedAt().toString());
        return node;
    }

    private static ObjectNode variant(ObjectNode node, Variant variant) {
        node.put("id", "gid://shopify/ProductVariant/" + variant.id());
        node.put("title", variant.title());
        node.put("sku", variant.sku());
        node.put("price", variant.price());
        node.put("createdAt", variant.createdAt().toString());
        node.put("updatedAt", variant.updatedAt().toString());
        return node;
    }

    /** Writes a page of the product's variants into {@code node.variants}; returns its actual cost. */
    private static int variants(ObjectNode node, Product product, String after, int first) {
        int start = after == null ? 0 : Integer.parseInt(after.substring("v-".length())) + 1;
        List<Variant> all = product.variants();
        int end = Math.min(all.size(), start + first);
        ObjectNode connection = node.putObject("variants");
        ArrayNode nodes = connection.putArray("nodes");
        for (int i = start; i < end; i++) {
            variant(nodes.addObject(), all.get(i));
        }
        pageInfo(connection, end < all.size(), end > start ? "v-" + (end - 1) : null);
        return 2 + (end - start);
    }

    private Answer orders(JsonNode variables) {
        int first = variables.path("first").asInt();
        int nested = variables.path("lines").asInt();
        String query = variables.path("query").asText("");
        boolean byUpdate = variables.path("sortKey").asText().equals("UPDATED_AT");
        Function<Order, Instant> sortValue = byUpdate ? Order::updatedAt : Order::createdAt;
        List<Order> matching = matchingOrders(query, byUpdate);
        if (variables.path("after").isTextual()) {
            String[] key = variables.path("after").asText().split(":");
            Instant afterValue = Instant.ofEpochMilli(Long.parseLong(key[1]));
            long afterId = Long.parseLong(key[2]);
            matching = matching.stream().filter(o -> sortValue.apply(o).isAfter(afterValue)
                    || (sortValue.apply(o).equals(afterValue) && o.id() > afterId)).toList();
        }
        List<Order> page = matching.subList(0, Math.min(first, matching.size()));
        ObjectNode data = JSON.createObjectNode();
        ObjectNode connection = data.putObject("orders");
        ArrayNode nodes = connection.putArray("nodes");
        int actual = 2;
        for (Order o : page) {
            ObjectNode node = order(nodes.addObject(), o);
            actual += 2 + lines(node, o, null, nested);
        }
        Order last = page.isEmpty() ? null : page.get(page.size() - 1);
        pageInfo(connection, matching.size() > page.size(),
                last == null ? null : "o:" + sortValue.apply(last).toEpochMilli() + ":" + last.id());
        return new Answer(data, 2 + first * (1 + 1 + 2 + nested * 4), actual);
    }

    /** The orders a search selects, by creation (or update) and id. */
    private List<Order> matchingOrders(String query, boolean byUpdate) {
        Function<Order, Instant> sortValue = byUpdate ? Order::updatedAt : Order::createdAt;
        Instant createdSince = since(CREATED_SINCE, query);
        Instant updatedSince = since(UPDATED_SINCE, query);
        return orders.stream()
                .filter(o -> createdSince == null || !o.createdAt().isBefore(createdSince))
                .filter(o -> updatedSince == null || !o.updatedAt().isBefore(updatedSince))
                .sorted(Comparator.comparing(sortValue).thenComparingLong(Order::id))
                .toList();
    }

    private static ObjectNode order(ObjectNode node, Order o) {
        node.put("id", "gid://shopify/Order/" + o.id());
        node.put("name", o.name());
        node.put("createdAt", o.createdAt().toString());
        node.put("updatedAt", o.updatedAt().toString());
        if (o.cancelledAt() == null) {
            node.putNull("cancelledAt");
        } else {
            node.put("cancelledAt", o.cancelledAt().toString());
        }
        node.put("displayFinancialStatus", o.financial());
        node.put("displayFulfillmentStatus", o.fulfillment());
        node.put("email", o.email());
        node.putObject("shippingAddress").put("name", "Customer " + o.id()).put("address1", "1 Main St").putNull("address2")
                .put("city", "Portland").put("provinceCode", "OR").put("zip", "97201").put("countryCodeV2", "US").putNull("phone");
        return node;
    }

    // ---- counts and bulk operations -------------------------------------------------------------

    private static Answer count(String field, int count) {
        ObjectNode data = JSON.createObjectNode();
        data.putObject(field).put("count", count).put("precision", "EXACT");
        return new Answer(data, 1, 1);
    }

    private static final Pattern BULK_SEARCH = Pattern.compile("query: \"(.*?)\", sortKey");

    /** Runs the export at once: the result is written and served; polls report it RUNNING {@link #bulkPollsRunning} times. */
    private Answer bulkExport(String bulkQuery) {
        Matcher search = BULK_SEARCH.matcher(bulkQuery);
        String query = search.find() ? search.group(1).replace("\\\"", "\"") : "";
        StringBuilder jsonl = new StringBuilder();
        if (bulkQuery.startsWith("{ products(")) {
            for (Product p : matchingProducts(query)) {
                jsonl.append(product(JSON.createObjectNode(), p)).append('\n');
                for (Variant v : p.variants()) {
                    jsonl.append(variant(JSON.createObjectNode(), v).put("__parentId", "gid://shopify/Product/" + p.id())).append('\n');
                }
            }
        } else if (bulkQuery.startsWith("{ orders(")) {
            for (Order o : matchingOrders(query, false)) {
                jsonl.append(order(JSON.createObjectNode(), o)).append('\n');
                for (Line line : o.lines()) {
                    jsonl.append(line(JSON.createObjectNode(), line).put("__parentId", "gid://shopify/Order/" + o.id())).append('\n');
                }
            }
        } else {
            throw new IllegalArgumentException("the fake exports products or orders, not " + bulkQuery);
        }
        long id = bulkIds.incrementAndGet();
        bulkResults.put(id, jsonl.toString());
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/bulk-results/" + id + ".jsonl"))
                .atPriority(SHOP).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/jsonl")
                        .withBody(jsonl.toString())));
        ObjectNode data = JSON.createObjectNode();
        ObjectNode payload = data.putObject("bulkOperationRunQuery");
        payload.putObject("bulkOperation").put("id", "gid://shopify/BulkOperation/" + id).put("status", "CREATED");
        payload.putArray("userErrors");
        return new Answer(data, 10, 10);
    }

    private Answer bulkOperation(String gid) {
        ObjectNode data = JSON.createObjectNode();
        long id = Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
        String jsonl = bulkResults.get(id);
        if (jsonl == null) {
            data.putNull("bulkOperation");
            return new Answer(data, 1, 1);
        }
        boolean running = bulkPollsRunning > 0;
        if (running) {
            bulkPollsRunning--;
        }
        long objects = jsonl.lines().count();
        ObjectNode op = data.putObject("bulkOperation").put("id", gid).put("status", running ? "RUNNING" : "COMPLETED")
                .putNull("errorCode").put("objectCount", Long.toString(objects))
                .put("rootObjectCount", Long.toString(jsonl.lines().filter(l -> !l.contains("__parentId")).count()));
        if (running || objects == 0) {
            op.putNull("url");
        } else {
            op.put("url", server.baseUrl() + "/bulk-results/" + id + ".jsonl?X-Goog-Signature=abc123");
        }
        op.putNull("partialDataUrl");
        return new Answer(data, 1, 1);
    }

    private Answer orderLines(JsonNode variables) {
        Order order = orders.stream().filter(o -> ("gid://shopify/Order/" + o.id()).equals(variables.path("id").asText()))
                .findFirst().orElse(null);
        int first = variables.path("first").asInt();
        ObjectNode data = JSON.createObjectNode();
        if (order == null) {
            data.putNull("order");
            return new Answer(data, 3 + 4 * first, 1);
        }
        ObjectNode node = data.putObject("order").put("id", "gid://shopify/Order/" + order.id());
        String after = variables.path("after").isTextual() ? variables.path("after").asText() : null;
        int actual = 1 + lines(node, order, after, first);
        return new Answer(data, 3 + 4 * first, actual);
    }

    private static int lines(ObjectNode node, Order order, String after, int first) {
        int start = after == null ? 0 : Integer.parseInt(after.substring("l-".length())) + 1;
        List<Line> all = order.lines();
        int end = Math.min(all.size(), start + first);
        ObjectNode connection = node.putObject("lineItems");
        ArrayNode nodes = connection.putArray("nodes");
        for (int i = start; i < end; i++) {
            Line line = all.get(i);
            line(nodes.addObject(), line);
        }
        pageInfo(connection, end < all.size(), end > start ? "l-" + (end - 1) : null);
        return 2 + 4 * (end - start);
    }

    private static ObjectNode line(ObjectNode l, Line line) {
        l.put("id", "gid://shopify/LineItem/" + line.id());
        l.put("sku", line.sku());
        l.put("name", line.name());
        l.put("quantity", line.quantity());
        if (line.variantId() == null) {
            l.putNull("variant");
        } else {
            l.putObject("variant").put("id", "gid://shopify/ProductVariant/" + line.variantId());
        }
        l.putObject("originalUnitPriceSet").putObject("shopMoney").put("amount", line.price()).put("currencyCode", "USD");
        return l;
    }

    private static void pageInfo(ObjectNode connection, boolean more, String endCursor) {
        ObjectNode pageInfo = connection.putObject("pageInfo").put("hasNextPage", more);
        if (endCursor == null) {
            pageInfo.putNull("endCursor");
        } else {
            pageInfo.put("endCursor", endCursor);
        }
    }

    private static Instant since(Pattern pattern, String query) {
        Matcher matcher = pattern.matcher(query);
        return matcher.find() ? Instant.parse(matcher.group(1)) : null;
    }
}
