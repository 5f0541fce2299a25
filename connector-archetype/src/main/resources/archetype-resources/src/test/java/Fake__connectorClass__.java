package ${package};

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.shoplink.api.Connection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * ${connectorName} played by WireMock on a dynamic port. It knows one API key, answers 401 to any
 * other, and serves generated products and orders page by page the way the real API pages.
 */
final class Fake${connectorClass} implements AutoCloseable {
    static final Instant NOW = Instant.parse("2024-08-01T17:00:00Z");

    /** Stub priorities: lower wins. */
    private static final int OUTAGE = 1;
    private static final int AUTH = 2;
    private static final int WHOLE_SHOP = 3;
    private static final int SPECIFIC = 5;
    private static final int EMPTY_SHOP = 10;

    private final WireMockServer server;
    private final String apiKey;

    Fake${connectorClass}(String apiKey) {
        this.apiKey = apiKey;
        server = new WireMockServer(options().dynamicPort().notifier(new Slf4jNotifier(false)));
        server.start();
        reset();
    }

    Connection connection() {
        return connection(apiKey);
    }

    Connection connection(String key) {
        return new Connection(Map.of(${connectorClass}Connector.API_KEY, key), URI.create(server.baseUrl() + "/v1"),
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(10), "https://beans.example.com");
    }

    /** Forgets every stub: a shop without products or orders that accepts only the right key. */
    void reset() {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(AUTH)
                .withHeader(${connectorClass}Client.API_KEY_HEADER, notContaining(apiKey).or(absent()))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_api_key\"}")));
        server.stubFor(get(urlPathEqualTo("/v1/shop")).atPriority(EMPTY_SHOP)
                .willReturn(okJson("{\"id\":42,\"name\":\"Beans & Co\",\"currency\":\"EUR\"}")));
        server.stubFor(get(urlPathEqualTo("/v1/products")).atPriority(EMPTY_SHOP)
                .willReturn(okJson("{\"products\":[],\"page\":1,\"total_pages\":0}")));
        server.stubFor(get(urlPathEqualTo("/v1/orders")).atPriority(EMPTY_SHOP)
                .willReturn(okJson("{\"orders\":[],\"page\":1,\"total_pages\":0}")));
        server.stubFor(get(urlPathMatching("/v1/variants/.*")).atPriority(EMPTY_SHOP)
                .willReturn(aResponse().withStatus(404).withBody("{\"error\":\"not_found\"}")));
    }

    /** {@code count} products with one variant each (variant id 200000 + i); the first {@code unnamed} have a null or empty title. */
    void serveProducts(int count, int unnamed) {
        List<String> products = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String title = i < unnamed ? (i % 2 == 0 ? "null" : "\"\"") : "\"Ethiopia Guji " + i + "\"";
            String product = "{\"id\":" + (100_000 + i) + ",\"title\":" + title + ",\"status\":\"active\""
                    + ",\"created_at\":\"2024-05-01T10:00:00Z\",\"updated_at\":\"2024-05-02T10:00:00Z\""
                    + ",\"variants\":[{\"id\":" + (200_000 + i) + ",\"sku\":\"CM-" + i + "-250\",\"title\":\"250 g\",\"price\":\"12.50\"}]}";
            products.add(product);
            server.stubFor(get(urlPathEqualTo("/v1/variants/" + (200_000 + i))).atPriority(SPECIFIC)
                    .willReturn(okJson("{\"product\":" + product + "}")));
        }
        servePages("/v1/products", "products", products, null);
    }

    /** {@code count} orders placed in 2024, each selling variant 200000 + (n % 3), with an ascending update time. */
    void serveOrders(int count) {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(order(i, NOW.minus(Duration.ofDays(30)).plusSeconds(60L * i)));
        }
        servePages("/v1/orders", "orders", orders, null);
    }

    /** {@code before} orders updated an hour before the bound, {@code after} an hour after; {@code updated_since=bound} gets the latter. */
    void serveOrdersModifiedAround(Instant bound, int before, int after) {
        List<String> all = new ArrayList<>();
        List<String> recent = new ArrayList<>();
        for (int i = 0; i < before + after; i++) {
            String order = order(i, bound.plus(Duration.ofHours(i < before ? -1 : 1)).plusSeconds(i));
            all.add(order);
            if (i >= before) {
                recent.add(order);
            }
        }
        servePages("/v1/orders", "orders", all, null);
        servePages("/v1/orders", "orders", recent, bound.toString());
    }

    /** Every request with the right key is answered 429 with Retry-After. */
    void useUpRateLimit() {
        wholeShop(aResponse().withStatus(429).withHeader("Retry-After", "7").withBody("{\"error\":\"rate_limited\"}"));
    }

    /** The key is right but the shop's plan has no API access. */
    void denyApiAccess() {
        wholeShop(aResponse().withStatus(403).withBody("{\"error\":\"plan_without_api\"}"));
    }

    /** Every request with the right key gets 200 and cut-off JSON. */
    void answerCutOff() {
        wholeShop(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"products\":[{\"id\":1"));
    }

    /** Every request gets 503. */
    void breakDown() {
        server.stubFor(any(anyUrl()).atPriority(OUTAGE).willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
    }

    /** Every connection is reset without an answer. */
    void dropConnections() {
        server.stubFor(any(anyUrl()).atPriority(OUTAGE).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    @Override
    public void close() {
        server.stop();
    }

    private void wholeShop(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        server.stubFor(any(anyUrl()).atPriority(WHOLE_SHOP).willReturn(answer));
    }

    /** One stub per page, matched on {@code page} (and {@code updated_since} when given), honouring per_page = PAGE_SIZE. */
    private void servePages(String path, String field, List<String> items, String updatedSince) {
        int size = ${connectorClass}Connector.PAGE_SIZE;
        int pages = (items.size() + size - 1) / size;
        IntFunction<String> body = page -> "{\"" + field + "\":["
                + String.join(",", items.subList((page - 1) * size, Math.min(items.size(), page * size)))
                + "],\"page\":" + page + ",\"total_pages\":" + pages + "}";
        for (int page = 1; page <= pages; page++) {
            MappingBuilder stub = get(urlPathEqualTo(path)).atPriority(updatedSince == null ? SPECIFIC + 1 : SPECIFIC)
                    .withQueryParam("page", equalTo(String.valueOf(page)))
                    .withQueryParam("per_page", equalTo(String.valueOf(size)));
            if (updatedSince != null) {
                stub = stub.withQueryParam("updated_since", equalTo(updatedSince));
            }
            server.stubFor(stub.willReturn(okJson(body.apply(page))));
        }
    }

    private static String order(int n, Instant updatedAt) {
        Instant placedAt = updatedAt.minus(Duration.ofHours(2));
        return "{\"id\":" + (500_000 + n) + ",\"number\":\"CM-" + (1001 + n) + "\",\"status\":\"paid\""
                + ",\"created_at\":\"" + placedAt + "\",\"updated_at\":\"" + updatedAt + "\""
                + ",\"customer\":{\"name\":\"Ada Roaster\",\"email\":\"ada@example.com\"}"
                + ",\"shipping_address\":{\"line1\":\"1 Bean St\",\"line2\":null,\"city\":\"Portland\",\"region\":\"OR\""
                + ",\"postal_code\":\"97201\",\"country\":\"US\",\"phone\":\"\"}"
                + ",\"items\":[{\"id\":" + (900_000 + n) + ",\"variant_id\":" + (200_000 + n % 3)
                + ",\"sku\":\"CM-" + (n % 3) + "-250\",\"title\":\"Ethiopia Guji\",\"quantity\":2,\"unit_price\":\"12.50\"}]}";
    }
}
