package dev.shoplink.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Shopify's GraphQL Admin API ({@code POST /admin/api/<version>/graphql.json}, header
 * {@code X-Shopify-Access-Token}) over the same shop as the ShipStation surface: the catalog as
 * {@link ShopifyCatalog} groups it ({@link ShopifyProducts}) and the orders of the {@link OrderBook}
 * ({@link ShopifyOrders}, each read from the same record ShipStation serves, so a mutation shows on both sides).
 *
 * <p>Root fields ({@link ShopifyQueryRoot}): {@code shop}, {@code currentAppInstallation}, {@code products},
 * {@code product}, {@code productVariant}, {@code orders}, {@code order}, {@code productsCount}, {@code ordersCount},
 * {@code bulkOperation}, {@code currentBulkOperation}; the mutation {@code bulkOperationRunQuery} runs a
 * bulk export of {@code products} or {@code orders} (see {@link ShopifyBulkQueries} and {@link ShopifyBulk}) over
 * the same data. Only selected fields are answered; an unknown field is an {@code undefinedField} error.
 * Connections page forward ({@link ShopifyConnection}). This class reads the request and charges it: every answer has
 * {@code extensions.cost}: the requested cost by Shopify's formula ({@link ShopifyQueryCost}), the actual cost of what was
 * returned, and the app's leaky bucket ({@link ShopifyBucket}, {@code throttleStatus}); a query the bucket cannot
 * pay is answered with a {@code THROTTLED} error and no data, one over 1,000 points with {@code MAX_COST_EXCEEDED}.
 */
final class ShopifyApi {

    static final String ROUTE = "/admin/api/{version}/graphql.json";
    static final String PATH_PREFIX = "/admin/api/";
    static final int MAX_QUERY_COST = 1_000;
    static final int MUTATION_COST = 10;

    static final byte[] UNAUTHORIZED = bytes(
            "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
    static final byte[] UNAVAILABLE_SHOP = bytes("{\"errors\":\"Unavailable Shop\"}");
    static final byte[] NOT_FOUND = bytes("{\"errors\":\"Not Found\"}");
    /** Reads requests, cursors and the orders' JSON keeping decimals exact (money amounts). */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Pattern VERSION = Pattern.compile("\\d{4}-(01|04|07|10)|unstable");
    private static final String MAX_COST_MESSAGE = "Query cost is %d, which exceeds the single query max cost limit (%d)."
            + "\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how"
            + " the cost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations"
            + " should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for"
            + " usage details.\n";

    /** An HTTP answer. */
    record Reply(int status, byte[] body) {
    }

    /** The GraphQL document of a request with its operation name and variables (both may be null). */
    private record Query(String document, String operationName, JsonNode variables) {
    }

    private final OrderBook orders;
    private final byte[] token;
    private final ShopifyBulk bulk;
    private final ShopifyBucket bucket;
    private final ShopifyQueryRoot root;

    ShopifyApi(ShopifyCatalog catalog, OrderBook orders, Store store, Clock clock, String domain, String token,
            double maximumAvailable, double restoreRate) {
        this.orders = orders;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.bulk = new ShopifyBulk(clock);
        this.bucket = new ShopifyBucket(clock, maximumAvailable, restoreRate);
        this.root = new ShopifyQueryRoot(catalog, store, domain, bulk);
    }

    static boolean isShopifyPath(String path) {
        return path.startsWith(PATH_PREFIX);
    }

    boolean authorized(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
    }

    /** Sets the bucket's size and refill rate and fills it. */
    void bucket(double maximum, double rate) {
        bucket.reset(maximum, rate);
    }

    /** Sets what the bucket holds now (tests). */
    void available(double points) {
        bucket.available(points);
    }

    double maximumAvailable() {
        return bucket.maximumAvailable();
    }

    double restoreRate() {
        return bucket.restoreRate();
    }

    double currentlyAvailable() {
        return bucket.currentlyAvailable();
    }

    /** The actual cost of every query answered so far (points). */
    long pointsCharged() {
        return bucket.pointsCharged();
    }

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
        Query query = query(contentType, body);
        if (query == null) {
            return new Reply(400, bytes("{\"errors\":{\"query\":\"Required parameter missing or invalid\"}}"));
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ObjectNode extensions = JsonNodeFactory.instance.objectNode();
        ShopifyRequest request = new ShopifyRequest(orders.snapshot(), version, origin);
        run(query, request, answer, extensions);
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

    /** The query of a body in {@code application/graphql} or JSON ({@code query}, {@code operationName}, {@code variables}), or null. */
    private static Query query(String contentType, byte[] body) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/graphql")) {
            return new Query(new String(body, StandardCharsets.UTF_8), null, null);
        }
        JsonNode request;
        try {
            request = MAPPER.readTree(body);
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !request.isObject() || !request.path("query").isTextual()) {
            return null;
        }
        String operationName = request.path("operationName").isTextual() ? request.get("operationName").asText() : null;
        return new Query(request.get("query").asText(), operationName, request.get("variables"));
    }

    /** Runs the query if its cost is within the limit and the bucket pays it, writing data or errors and the cost. */
    private void run(Query query, ShopifyRequest request, ObjectNode answer, ObjectNode extensions) {
        int requested = 0;
        try {
            GraphQl.Operation operation = GraphQl.parse(query.document(), query.operationName(), query.variables());
            // Shopify charges a mutation 10 points, whatever it selects
            requested = operation.mutation() ? MUTATION_COST * operation.selections().size()
                    : ShopifyQueryCost.requested(operation.selections());
            if (requested > MAX_QUERY_COST) {
                ObjectNode error = error(answer, String.format(Locale.ROOT, MAX_COST_MESSAGE, requested, MAX_QUERY_COST),
                        "MAX_COST_EXCEEDED");
                ((ObjectNode) error.get("extensions")).put("cost", requested).put("maxCost", MAX_QUERY_COST);
                bucket.report(extensions, requested, null);
            } else if (!bucket.reserve(requested)) {
                error(answer, "Throttled", "THROTTLED").with("extensions")
                        .put("documentation", "https://shopify.dev/api/usage/rate-limits");
                bucket.report(extensions, requested, null);
            } else {
                ObjectNode data = root.execute(operation, request);
                int actual = operation.mutation() ? requested : ShopifyQueryCost.actual(operation.selections(), data);
                bucket.refund(requested, actual);
                answer.set("data", data);
                bucket.report(extensions, requested, actual);
            }
        } catch (GraphQl.Error e) {
            answer.remove("data");
            error(answer, e.getMessage(), e.code());
            bucket.refund(requested, Math.min(requested, 1));
            bucket.report(extensions, requested, requested == 0 ? null : Math.min(requested, 1));
        }
    }

    private static ObjectNode error(ObjectNode answer, String message, String code) {
        ArrayNode errors = answer.has("errors") ? (ArrayNode) answer.get("errors") : answer.putArray("errors");
        ObjectNode error = errors.addObject();
        error.put("message", message);
        error.putObject("extensions").put("code", code);
        return error;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
