package dev.shoplink.shipstation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.shoplink.api.Connection;
import dev.shoplink.testkit.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ShipStation V1 played by WireMock on a dynamic port: it accepts one key/secret pair (by default
 * ShipStation's documentation example, key {@code ShipStation} and secret {@code Rocks}) and
 * answers 401 to any other pair, like the real API.
 */
final class FakeShipStation implements AutoCloseable {
    static final String KEY = "ShipStation";
    static final String SECRET = "Rocks";
    static final String GOOD_AUTHORIZATION = "Basic U2hpcFN0YXRpb246Um9ja3M=";
    static final Instant NOW = Instant.parse("2024-08-01T17:00:00Z");

    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final DateTimeFormatter PACIFIC_TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS");
    private static final DateTimeFormatter PACIFIC_QUERY = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    /** Stub priorities: lower wins. */
    static final int OUTAGE = 1;
    static final int AUTH = 2;
    /** Answers to the right key that replace the whole account (rate limit, no API access, cut-off JSON). */
    static final int ANSWER = 3;
    static final int SPECIFIC = 5;
    static final int EMPTY_SHOP = 10;

    final WireMockServer server;
    final MutableClock clock = new MutableClock(NOW);
    private final String key;
    private final String secret;

    FakeShipStation() {
        this(KEY, SECRET);
    }

    FakeShipStation(String key, String secret) {
        this.key = key;
        this.secret = secret;
        server = new WireMockServer(options().dynamicPort().notifier(new Slf4jNotifier(false)));
        server.start();
        reset();
    }

    /** Forgets every stub and request, then behaves as an account without products or orders. */
    void reset() {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(AUTH)
                .withHeader("Authorization", notMatching(Pattern.quote(ShipStationClient.basicAuthorization(key, secret))))
                .willReturn(aResponse().withStatus(401).withBody("401 Unauthorized")));
        server.stubFor(get(urlPathEqualTo("/accounts/listtags")).atPriority(EMPTY_SHOP)
                .willReturn(okJson("[{\"tagId\":3251,\"name\":\"Bestseller\",\"color\":\"#FF0000\"}]")));
        server.stubFor(get(urlPathEqualTo("/products")).atPriority(EMPTY_SHOP)
                .willReturn(okJson("{\"products\":[],\"total\":0,\"page\":1,\"pages\":0}")));
        server.stubFor(get(urlPathEqualTo("/orders")).atPriority(EMPTY_SHOP)
                .willReturn(okJson("{\"orders\":[],\"total\":0,\"page\":1,\"pages\":0}")));
        server.stubFor(get(urlPathMatching("/products/.*")).atPriority(EMPTY_SHOP)
                .willReturn(aResponse().withStatus(404)));
    }

    Connection connection() {
        return connection(key, secret, Duration.ofSeconds(30));
    }

    Connection connection(String key, String secret) {
        return connection(key, secret, Duration.ofSeconds(30));
    }

    Connection connection(Duration timeout) {
        return connection(key, secret, timeout);
    }

    Connection connection(String key, String secret, Duration timeout) {
        return new Connection(Map.of("apiKey", key, "apiSecret", secret), URI.create(server.baseUrl()), clock, timeout);
    }

    /** Serves {@code count} generated products in pages of 500; the first {@code unnamed} have a null or empty name. */
    void serveProducts(int count, int unnamed) {
        int pageSize = ShipStationConnector.PAGE_SIZE;
        int pages = (count + pageSize - 1) / pageSize;
        for (int page = 1; page <= pages; page++) {
            StringBuilder json = new StringBuilder("{\"products\":[");
            for (int i = (page - 1) * pageSize; i < Math.min(count, page * pageSize); i++) {
                if (json.charAt(json.length() - 1) != '[') {
                    json.append(',');
                }
                String name = i < unnamed ? (i % 2 == 0 ? "null" : "\"\"") : "\"Coffee " + i + "\"";
                json.append("{\"productId\":").append(1_000_000 + i)
                        .append(",\"sku\":\"SKU-").append(i).append('"')
                        .append(",\"name\":").append(name)
                        .append(",\"price\":12.50,\"defaultCost\":null,\"weightOz\":9.7")
                        .append(",\"createDate\":\"2024-05-01T10:00:00.0000000\",\"modifyDate\":\"2024-05-02T10:00:00.0000000\"")
                        .append(",\"active\":true,\"productCategory\":null,\"tags\":null,\"aliases\":null}");
            }
            json.append("],\"total\":").append(count).append(",\"page\":").append(page).append(",\"pages\":").append(pages).append('}');
            server.stubFor(get(urlPathEqualTo("/products")).atPriority(SPECIFIC)
                    .withQueryParam("page", equalTo(Integer.toString(page)))
                    .withQueryParam("pageSize", equalTo(Integer.toString(pageSize)))
                    .willReturn(okJson(json.toString())));
        }
        // single-product stubs for the first few only: WireMock matches stubs one by one
        for (int i = 0; i < Math.min(count, 10); i++) {
            server.stubFor(get(urlPathEqualTo("/products/" + (1_000_000 + i))).atPriority(SPECIFIC)
                    .willReturn(okJson("{\"productId\":" + (1_000_000 + i) + ",\"sku\":\"SKU-" + i
                            + "\",\"name\":\"Coffee " + i + "\",\"price\":12.50,\"active\":true,"
                            + "\"createDate\":\"2024-05-01T10:00:00.0000000\",\"modifyDate\":\"2024-05-02T10:00:00.0000000\"}")));
        }
    }

    /** Serves {@code count} generated orders, two lines each, in pages of 500. */
    void serveOrders(int count) {
        int pageSize = ShipStationConnector.PAGE_SIZE;
        int pages = (count + pageSize - 1) / pageSize;
        for (int page = 1; page <= pages; page++) {
            StringBuilder json = new StringBuilder("{\"orders\":[");
            for (int i = (page - 1) * pageSize; i < Math.min(count, page * pageSize); i++) {
                appendOrder(json, i, "2024-05-01T10:00:00.0000000", "2024-05-01T10:00:01.0000000");
            }
            json.append("],\"total\":").append(count).append(",\"page\":").append(page).append(",\"pages\":").append(pages).append('}');
            server.stubFor(get(urlPathEqualTo("/orders")).atPriority(SPECIFIC)
                    .withQueryParam("page", equalTo(Integer.toString(page)))
                    .withQueryParam("pageSize", equalTo(Integer.toString(pageSize)))
                    .willReturn(okJson(json.toString())));
        }
    }

    /**
     * Serves {@code before} orders last modified a day or more before {@code bound} and {@code after}
     * orders modified an hour or more after it, on one page. Asked with {@code modifyDateStart} set to
     * the bound (US-Pacific wall-clock time, whole seconds, as ShipStation reads it), it answers only
     * the later ones; asked without it or for another time, all of them.
     */
    void serveOrdersModifiedAround(Instant bound, int before, int after) {
        StringBuilder all = new StringBuilder("{\"orders\":[");
        StringBuilder later = new StringBuilder("{\"orders\":[");
        for (int i = 0; i < before + after; i++) {
            Instant modified = i < before ? bound.minus(Duration.ofDays(1 + i)) : bound.plus(Duration.ofHours(1 + i));
            String orderDate = pacificTimestamp(modified.minus(Duration.ofDays(2)));
            appendOrder(all, i, orderDate, pacificTimestamp(modified));
            if (i >= before) {
                appendOrder(later, i, orderDate, pacificTimestamp(modified));
            }
        }
        all.append("],\"total\":").append(before + after).append(",\"page\":1,\"pages\":1}");
        later.append("],\"total\":").append(after).append(",\"page\":1,\"pages\":1}");
        server.stubFor(get(urlPathEqualTo("/orders")).atPriority(SPECIFIC)
                .withQueryParam("modifyDateStart", equalTo(PACIFIC_QUERY.format(bound.atZone(PACIFIC))))
                .willReturn(okJson(later.toString())));
        server.stubFor(get(urlPathEqualTo("/orders")).atPriority(SPECIFIC + 1)
                .willReturn(okJson(all.toString())));
    }

    private static String pacificTimestamp(Instant instant) {
        return PACIFIC_TIMESTAMP.format(instant.atZone(PACIFIC));
    }

    /** Appends generated order {@code i}: a product line and a discount adjustment. */
    private static void appendOrder(StringBuilder json, int i, String orderDate, String modifyDate) {
        if (json.charAt(json.length() - 1) != '[') {
            json.append(',');
        }
        long orderId = 50_000_000L + i;
        json.append("{\"orderId\":").append(orderId)
                .append(",\"orderNumber\":\"").append(1000 + i).append('"')
                .append(",\"orderKey\":\"key-").append(i).append('"')
                .append(",\"orderDate\":\"").append(orderDate).append("\",\"createDate\":\"").append(orderDate).append('"')
                .append(",\"modifyDate\":\"").append(modifyDate).append("\",\"orderStatus\":\"awaiting_shipment\"")
                .append(",\"customerEmail\":\"c").append(i).append("@example.com\"")
                .append(",\"billTo\":{\"name\":\"C ").append(i).append("\"}")
                .append(",\"shipTo\":{\"name\":\"C ").append(i).append("\",\"street1\":\"1 Main St\",\"street2\":null,")
                .append("\"city\":\"Portland\",\"state\":\"OR\",\"postalCode\":\"97201\",\"country\":\"US\",\"phone\":null}")
                .append(",\"items\":[")
                .append("{\"orderItemId\":").append(orderId * 10).append(",\"sku\":\"SKU-1\",\"name\":\"Coffee 1\",\"quantity\":2,\"unitPrice\":12.50,\"productId\":1000001,\"adjustment\":false},")
                .append("{\"orderItemId\":").append(orderId * 10 + 1).append(",\"sku\":null,\"name\":\"Discount\",\"quantity\":1,\"unitPrice\":-1.00,\"productId\":null,\"adjustment\":true}")
                .append("],\"orderTotal\":24.0,\"advancedOptions\":{\"storeId\":26815,\"mergedOrSplit\":false,\"mergedIds\":[]}}");
    }

    /**
     * Requests with the right key answer 429 as when the account's 40 requests a minute are used up
     * (ShipStation sends no {@code Retry-After}, only its {@code X-Rate-Limit-*} headers).
     */
    void useUpRateLimit() {
        server.stubFor(any(anyUrl()).atPriority(ANSWER).willReturn(aResponse().withStatus(429)
                .withHeader("X-Rate-Limit-Limit", "40").withHeader("X-Rate-Limit-Remaining", "0")
                .withHeader("X-Rate-Limit-Reset", "27").withBody("429 Too Many Requests")));
    }

    /** Requests with the right key answer 403, as for an account whose plan has no API access. */
    void denyApiAccess() {
        server.stubFor(any(anyUrl()).atPriority(ANSWER).willReturn(aResponse().withStatus(403).withBody("403 Forbidden")));
    }

    /** Requests with the right key answer 200 with JSON cut off in the middle. */
    void answerCutOff() {
        server.stubFor(any(anyUrl()).atPriority(ANSWER)
                .willReturn(okJson("{\"products\":[{\"productId\":1000000,\"sku\":\"SKU-0\",\"na")));
    }

    /** Every connection is reset without an answer, as when ShipStation cannot be reached. */
    void dropConnections() {
        server.stubFor(any(anyUrl()).atPriority(OUTAGE).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** Every request answers 503, as during a ShipStation outage. */
    void breakDown() {
        server.stubFor(any(anyUrl()).atPriority(OUTAGE)
                .willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));
    }

    /** A test resource under {@code shipstation/}. */
    static String resource(String name) {
        try (InputStream in = FakeShipStation.class.getResourceAsStream("/shipstation/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource shipstation/" + name);
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
}
