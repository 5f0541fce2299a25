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
import dev.shoplink.api.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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

    /** Stub priorities: lower wins. */
    static final int OUTAGE = 1;
    static final int AUTH = 2;
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
                if (json.charAt(json.length() - 1) != '[') {
                    json.append(',');
                }
                long orderId = 50_000_000L + i;
                json.append("{\"orderId\":").append(orderId)
                        .append(",\"orderNumber\":\"").append(1000 + i).append('"')
                        .append(",\"orderKey\":\"key-").append(i).append('"')
                        .append(",\"orderDate\":\"2024-05-01T10:00:00.0000000\",\"createDate\":\"2024-05-01T10:00:01.0000000\"")
                        .append(",\"modifyDate\":\"2024-05-01T10:00:01.0000000\",\"orderStatus\":\"awaiting_shipment\"")
                        .append(",\"customerEmail\":\"c").append(i).append("@example.com\"")
                        .append(",\"billTo\":{\"name\":\"C ").append(i).append("\"}")
                        .append(",\"shipTo\":{\"name\":\"C ").append(i).append("\",\"street1\":\"1 Main St\",\"street2\":null,")
                        .append("\"city\":\"Portland\",\"state\":\"OR\",\"postalCode\":\"97201\",\"country\":\"US\",\"phone\":null}")
                        .append(",\"items\":[")
                        .append("{\"orderItemId\":").append(orderId * 10).append(",\"sku\":\"SKU-1\",\"name\":\"Coffee 1\",\"quantity\":2,\"unitPrice\":12.50,\"productId\":1000001,\"adjustment\":false},")
                        .append("{\"orderItemId\":").append(orderId * 10 + 1).append(",\"sku\":null,\"name\":\"Discount\",\"quantity\":1,\"unitPrice\":-1.00,\"productId\":null,\"adjustment\":true}")
                        .append("],\"orderTotal\":24.0,\"advancedOptions\":{\"storeId\":26815,\"mergedOrSplit\":false,\"mergedIds\":[]}}");
            }
            json.append("],\"total\":").append(count).append(",\"page\":").append(page).append(",\"pages\":").append(pages).append('}');
            server.stubFor(get(urlPathEqualTo("/orders")).atPriority(SPECIFIC)
                    .withQueryParam("page", equalTo(Integer.toString(page)))
                    .withQueryParam("pageSize", equalTo(Integer.toString(pageSize)))
                    .willReturn(okJson(json.toString())));
        }
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
