package dev.shoplink.host.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * ShipStation V1 played by an in-process WireMock for host end-to-end tests. Like the real API it
 * serves several accounts, told apart by their Basic credentials: each {@link Account} has its own
 * products and orders, and a pair no account owns gets a 401.
 *
 * <p>Payloads have ShipStation's documented shapes: paged envelopes
 * {@code {products|orders, total, page, pages}}, the full field sets of the V1 Product and Order
 * models, US-Pacific wall-clock timestamps without an offset (orders with seven fraction digits,
 * products and items with up to three, trailing zeros trimmed), and {@code X-Rate-Limit-*}
 * headers on every answer.
 */
public final class ShipStationStub implements AutoCloseable {
    /** ShipStation's clock. */
    public static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    /** Stub priorities: lower wins. */
    private static final int REJECTED = 1;
    private static final int FAULT = 2;
    private static final int SPECIFIC = 5;
    private static final int PAGES = 6;
    private static final int ACCOUNT_DEFAULT = 10;
    private static final int UNKNOWN_CREDENTIALS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ORDER_STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS");
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private final WireMockServer server;

    public ShipStationStub() {
        server = new WireMockServer(options().dynamicPort().notifier(new Slf4jNotifier(false)));
        server.start();
        reset();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** A new ShipStation account with its own API key and secret: no products, no orders yet. */
    public Account account() {
        int n = ACCOUNTS.incrementAndGet();
        return new Account("key" + n + UUID.randomUUID().toString().substring(0, 8), "secret" + n);
    }

    /** A new account with these keys (a test that checks how they are masked or logged); no products, no orders. */
    public Account account(String apiKey, String apiSecret) {
        return new Account(apiKey, apiSecret);
    }

    /** Forgets every account, answer and logged request: a shop that knows no keys. */
    public void reset() {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(UNKNOWN_CREDENTIALS)
                .willReturn(aResponse().withStatus(401).withBody("401 Unauthorized")));
    }

    /** Requests any client sent to {@code path}, whatever their credentials. */
    public List<LoggedRequest> requests(String path) {
        return server.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The wall-clock time in ShipStation's zone now. */
    public static LocalDateTime pacificNow() {
        return LocalDateTime.now(PACIFIC).truncatedTo(ChronoUnit.SECONDS);
    }

    /** One ShipStation account: its data and the faults it plays. */
    public final class Account implements TestShopAccount {
        private final String apiKey;
        private final String apiSecret;
        private final String authorization;
        private final Map<String, List<StubMapping>> served = new HashMap<>();
        private int scenarios;
        private int delayMillis;

        private Account(String apiKey, String apiSecret) {
            this.apiKey = apiKey;
            this.apiSecret = apiSecret;
            this.authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
            server.stubFor(mine(get(urlPathEqualTo("/accounts/listtags"))).atPriority(ACCOUNT_DEFAULT)
                    .willReturn(ok("[{\"tagId\":3251,\"name\":\"Bestseller\",\"color\":\"#FF0000\"},"
                            + "{\"tagId\":3252,\"name\":\"Wholesale\",\"color\":\"#00AA00\"}]")));
            server.stubFor(mine(get(urlPathEqualTo("/products"))).atPriority(ACCOUNT_DEFAULT)
                    .willReturn(ok("{\"products\":[],\"total\":0,\"page\":1,\"pages\":0}")));
            server.stubFor(mine(get(urlPathEqualTo("/orders"))).atPriority(ACCOUNT_DEFAULT)
                    .willReturn(ok("{\"orders\":[],\"total\":0,\"page\":1,\"pages\":0}")));
            server.stubFor(mine(get(urlPathMatching("/products/[0-9]+"))).atPriority(ACCOUNT_DEFAULT)
                    .willReturn(aResponse().withStatus(404).withBody("")));
        }

        public String apiKey() {
            return apiKey;
        }

        public String apiSecret() {
            return apiSecret;
        }

        @Override
        public String connectorId() {
            return "shipstation";
        }

        /** The credentials object of {@code POST /api/v1/integrations}. */
        @Override
        public Map<String, String> credentials() {
            return Map.of("apiKey", apiKey, "apiSecret", apiSecret);
        }

        /** {@code GET /products}: these pages from now on (replacing what was served before). */
        @SafeVarargs
        public final Account products(List<Product>... pages) {
            replace("products", pages.length, page -> mine(get(urlPathEqualTo("/products")))
                    .withQueryParam("page", equalTo(Integer.toString(page))).atPriority(PAGES)
                    .willReturn(ok(envelope("products", Arrays.asList(pages), page, Product::json)).withFixedDelay(delayMillis)));
            return this;
        }

        /** {@code GET /products/{id}} for these products (the single-product call ShipStation documents). */
        public Account product(Product... products) {
            for (Product p : products) {
                server.stubFor(mine(get(urlPathEqualTo("/products/" + p.productId()))).atPriority(SPECIFIC)
                        .willReturn(ok(write(p.json()))));
            }
            return this;
        }

        /** {@code GET /orders}, first or incremental sync alike: these pages (replacing what was served before). */
        @SafeVarargs
        public final Account orders(List<Order>... pages) {
            replace("orders", pages.length, page -> mine(get(urlPathEqualTo("/orders")))
                    .withQueryParam("page", equalTo(Integer.toString(page))).atPriority(PAGES)
                    .willReturn(ok(envelope("orders", Arrays.asList(pages), page, Order::json)).withFixedDelay(delayMillis)));
            return this;
        }

        /** {@code GET /orders} with {@code modifyDateStart} (an incremental sync): these pages; without it, what {@link #orders} serves. */
        @SafeVarargs
        public final Account ordersModifiedSince(List<Order>... pages) {
            replace("orders-modified", pages.length, page -> mine(get(urlPathEqualTo("/orders")))
                    .withQueryParam("page", equalTo(Integer.toString(page)))
                    .withQueryParam("modifyDateStart", matching(".+")).atPriority(SPECIFIC)
                    .willReturn(ok(envelope("orders", Arrays.asList(pages), page, Order::json)).withFixedDelay(delayMillis)));
            return this;
        }

        /** {@code GET /orders} without {@code modifyDateStart} (a first sync) only. */
        @SafeVarargs
        public final Account ordersPlacedSince(List<Order>... pages) {
            replace("orders-placed", pages.length, page -> mine(get(urlPathEqualTo("/orders")))
                    .withQueryParam("page", equalTo(Integer.toString(page)))
                    .withQueryParam("modifyDateStart", absent()).atPriority(SPECIFIC)
                    .willReturn(ok(envelope("orders", Arrays.asList(pages), page, Order::json)).withFixedDelay(delayMillis)));
            return this;
        }

        /** The next request for that page of {@code path} gets a 429 asking to wait {@code resetSeconds}; later ones pass. */
        public Account tooManyRequestsOnce(String path, int page, int resetSeconds) {
            String scenario = scenario();
            server.stubFor(onPage(path, page).atPriority(FAULT).inScenario(scenario)
                    .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("waited")
                    .willReturn(aResponse().withStatus(429)
                            .withHeader("Content-Type", "application/json; charset=utf-8")
                            .withHeader("X-Rate-Limit-Limit", "40")
                            .withHeader("X-Rate-Limit-Remaining", "0")
                            .withHeader("X-Rate-Limit-Reset", Integer.toString(resetSeconds))
                            .withBody("{\"message\":\"Too Many Requests\"}")));
            return this;
        }

        /** The next {@code times} requests for that page of {@code path} get this 5xx; later ones pass. */
        public Account serverErrors(String path, int page, int status, int times) {
            String scenario = scenario();
            for (int i = 0; i < times; i++) {
                server.stubFor(onPage(path, page).atPriority(FAULT).inScenario(scenario)
                        .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i).willSetStateTo("failed-" + (i + 1))
                        .willReturn(aResponse().withStatus(status)
                                .withHeader("Content-Type", "application/json; charset=utf-8")
                                .withBody("{\"Message\":\"An error has occurred.\"}")));
            }
            return this;
        }

        /**
         * The next {@code times} requests for that page of {@code path} (every page when {@code page} is 0) get this
         * answer, whatever it is (a 429 with chosen headers, a garbled 200, a fault); later ones pass.
         */
        public Account answers(String path, int page, int times, ResponseDefinitionBuilder answer) {
            String scenario = scenario();
            for (int i = 0; i < times; i++) {
                server.stubFor(onPage(path, page).atPriority(FAULT).inScenario(scenario)
                        .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answered-" + i).willSetStateTo("answered-" + (i + 1))
                        .willReturn(answer));
            }
            return this;
        }

        /**
         * A first sync's {@code GET /orders} (no {@code modifyDateStart}) reads {@code before} until its page
         * {@code changeAfter} has been served, and {@code after} from then on: the shop's list changed between two
         * pages of one read. Replaces what {@link #ordersPlacedSince} served.
         */
        public Account ordersChangingWhileRead(int changeAfter, List<List<Order>> before, List<List<Order>> after) {
            String scenario = scenario();
            served.getOrDefault("orders-placed", List.of()).forEach(server::removeStub);
            List<StubMapping> now = new ArrayList<>();
            for (int page = 1; page <= before.size(); page++) {
                ScenarioMappingBuilder m = mine(get(urlPathEqualTo("/orders")))
                        .withQueryParam("page", equalTo(Integer.toString(page)))
                        .withQueryParam("modifyDateStart", absent()).atPriority(SPECIFIC)
                        .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(ok(envelope("orders", before, page, Order::json)).withFixedDelay(delayMillis));
                now.add(server.stubFor(page == changeAfter ? m.willSetStateTo("changed") : m));
            }
            for (int page = 1; page <= after.size(); page++) {
                now.add(server.stubFor(mine(get(urlPathEqualTo("/orders")))
                        .withQueryParam("page", equalTo(Integer.toString(page)))
                        .withQueryParam("modifyDateStart", absent()).atPriority(SPECIFIC)
                        .inScenario(scenario).whenScenarioStateIs("changed")
                        .willReturn(ok(envelope("orders", after, page, Order::json)).withFixedDelay(delayMillis))));
            }
            served.put("orders-placed", now);
            return this;
        }

        /** Pages served from now on are answered after this delay, so that a sync stays busy on each for a while. */
        public Account delayed(int millis) {
            this.delayMillis = millis;
            return this;
        }

        /** Every request this account sends to {@code path} from now on gets this answer (a 402, a 503, a fault). */
        public Account answersAlways(String path, ResponseDefinitionBuilder answer) {
            server.stubFor(mine(get(urlPathEqualTo(path))).atPriority(FAULT).willReturn(answer));
            return this;
        }

        /** The account's keys were regenerated: every request with the old pair now gets a 401. */
        public Account rejectCredentials() {
            server.stubFor(mine(any(anyUrl())).atPriority(REJECTED)
                    .willReturn(aResponse().withStatus(401).withBody("401 Unauthorized")));
            return this;
        }

        /** Requests this account sent to {@code path}, oldest first. */
        public List<LoggedRequest> requests(String path) {
            return server.findAll(getRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", equalTo(authorization)));
        }

        /** Requests for one page of {@code path}. */
        public List<LoggedRequest> requests(String path, int page) {
            return requests(path).stream().filter(r -> Integer.toString(page).equals(r.queryParameter("page").firstValue()))
                    .toList();
        }

        private MappingBuilder onPage(String path, int page) {
            MappingBuilder m = mine(get(urlPathEqualTo(path)));
            return page > 0 ? m.withQueryParam("page", equalTo(Integer.toString(page))) : m;
        }

        private MappingBuilder mine(MappingBuilder m) {
            return m.withHeader("Authorization", equalTo(authorization));
        }

        private String scenario() {
            return apiKey + "-" + (++scenarios);
        }

        private void replace(String what, int pages, IntFunction<MappingBuilder> stubForPage) {
            served.getOrDefault(what, List.of()).forEach(server::removeStub);
            List<StubMapping> now = new ArrayList<>();
            for (int page = 1; page <= pages; page++) {
                now.add(server.stubFor(stubForPage.apply(page)));
            }
            served.put(what, now);
        }
    }

    /**
     * A ShipStation product (V1 Product model: one SKU, so one listing).
     *
     * @param name may be null: ShipStation does not guarantee a name
     */
    public record Product(long productId, String sku, String name, BigDecimal price, boolean active,
                          LocalDateTime createDate, LocalDateTime modifyDate) {

        /** An active product created at that Pacific wall-clock time. */
        public static Product of(long productId, String sku, String name, LocalDateTime created) {
            return new Product(productId, sku, name, new BigDecimal("14.50"), true, created, created.plusMinutes(5));
        }

        public Product named(String newName) {
            return new Product(productId, sku, newName, price, active, createDate, modifyDate.plusHours(1));
        }

        /** Deactivated in ShipStation: still listed with {@code showInactive=true}, marked {@code active: false}. */
        public Product inactive() {
            return new Product(productId, sku, name, price, false, createDate, modifyDate.plusHours(1));
        }

        public Product priced(String newPrice) {
            return new Product(productId, sku, name, new BigDecimal(newPrice), active, createDate, modifyDate.plusHours(1));
        }

        Map<String, Object> json() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("aliases", null);
            p.put("productId", productId);
            p.put("sku", sku);
            p.put("name", name);
            p.put("price", price);
            p.put("defaultCost", null);
            p.put("length", 6.0);
            p.put("width", 3.0);
            p.put("height", 9.5);
            p.put("weightOz", 9.7);
            p.put("internalNotes", null);
            p.put("fulfillmentSku", null);
            p.put("createDate", productStamp(createDate));
            p.put("modifyDate", productStamp(modifyDate));
            p.put("active", active);
            p.put("productCategory", Map.of("categoryId", 44120, "name", "Single origin"));
            p.put("productType", null);
            p.put("warehouseLocation", "Shelf B-3");
            p.put("defaultCarrierCode", "stamps_com");
            p.put("defaultServiceCode", "usps_first_class_mail");
            p.put("defaultPackageCode", "package");
            p.put("defaultIntlCarrierCode", null);
            p.put("defaultIntlServiceCode", null);
            p.put("defaultIntlPackageCode", null);
            p.put("defaultConfirmation", "delivery");
            p.put("defaultIntlConfirmation", null);
            p.put("customsDescription", "Roasted coffee beans");
            p.put("customsValue", price);
            p.put("customsTariffNo", "0901.21");
            p.put("customsCountryCode", "ET");
            p.put("noCustoms", null);
            p.put("tags", List.of(Map.of("tagId", 3251, "name", "Bestseller")));
            return p;
        }
    }

    /** One entry of an order's {@code items}; {@code productId} null when ShipStation does not link a product. */
    public record Item(long orderItemId, String sku, String name, int quantity, BigDecimal unitPrice, Long productId,
                       boolean adjustment) {

        public static Item of(long orderItemId, Long productId, String sku, String name, int quantity, String unitPrice) {
            return new Item(orderItemId, sku, name, quantity, new BigDecimal(unitPrice), productId, false);
        }

        /** A discount line: ShipStation marks it {@code adjustment: true}. */
        public static Item discount(long orderItemId, String name, String amount) {
            return new Item(orderItemId, null, name, 1, new BigDecimal(amount), null, true);
        }

        Map<String, Object> json(LocalDateTime created) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("orderItemId", orderItemId);
            i.put("lineItemKey", "line-" + orderItemId);
            i.put("sku", sku);
            i.put("name", name);
            i.put("imageUrl", null);
            i.put("weight", adjustment ? null : Map.of("value", 9.7, "units", "ounces", "WeightUnits", 1));
            i.put("quantity", quantity);
            i.put("unitPrice", unitPrice);
            i.put("taxAmount", null);
            i.put("shippingAmount", null);
            i.put("warehouseLocation", adjustment ? null : "Shelf B-3");
            i.put("options", adjustment ? List.of() : List.of(Map.of("name", "Grind", "value", "Whole bean")));
            i.put("productId", productId);
            i.put("fulfillmentSku", null);
            i.put("adjustment", adjustment);
            i.put("upc", null);
            i.put("createDate", productStamp(created));
            i.put("modifyDate", productStamp(created));
            return i;
        }
    }

    /** A ShipStation order (V1 Order model); times are Pacific wall-clock times. */
    public record Order(long orderId, String orderNumber, LocalDateTime orderDate, LocalDateTime modifyDate,
                        String orderStatus, String customerName, String customerEmail, String street1, String city,
                        String state, String postalCode, String country, String phone, List<Item> items) {

        /** An order awaiting shipment to Grace Hopper, placed (and last modified) then. */
        public static Order of(long orderId, String orderNumber, LocalDateTime placed, Item... items) {
            return new Order(orderId, orderNumber, placed, placed.plusMinutes(1), "awaiting_shipment", "Grace Hopper",
                    "grace@example.com", "1 Oxford St", "Cambridge", "MA", "02138", "US", "555-555-0100", List.of(items));
        }

        public Order status(String newStatus, LocalDateTime modified) {
            return new Order(orderId, orderNumber, orderDate, modified, newStatus, customerName, customerEmail, street1, city,
                    state, postalCode, country, phone, items);
        }

        public Order customer(String name, String email) {
            return new Order(orderId, orderNumber, orderDate, modifyDate, orderStatus, name, email, street1, city, state,
                    postalCode, country, phone, items);
        }

        public Order items(Item... newItems) {
            return new Order(orderId, orderNumber, orderDate, modifyDate, orderStatus, customerName, customerEmail, street1,
                    city, state, postalCode, country, phone, List.of(newItems));
        }

        Map<String, Object> json() {
            LocalDateTime created = orderDate.plusSeconds(1);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("orderId", orderId);
            o.put("orderNumber", orderNumber);
            o.put("orderKey", UUID.nameUUIDFromBytes(Long.toString(orderId).getBytes(StandardCharsets.UTF_8)).toString());
            o.put("orderDate", orderStamp(orderDate));
            o.put("createDate", orderStamp(created));
            o.put("modifyDate", orderStamp(modifyDate));
            o.put("paymentDate", orderStamp(orderDate));
            o.put("shipByDate", null);
            o.put("orderStatus", orderStatus);
            o.put("customerId", 37_700_000 + orderId % 1000);
            o.put("customerUsername", customerEmail);
            o.put("customerEmail", customerEmail);
            Map<String, Object> billTo = address(customerName, null, null, null, null, null, null);
            o.put("billTo", billTo);
            Map<String, Object> shipTo = address(customerName, street1, city, state, postalCode, country, phone);
            shipTo.put("residential", true);
            shipTo.put("addressVerified", "Address validated successfully");
            o.put("shipTo", shipTo);
            List<Map<String, Object>> lines = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            for (Item item : items) {
                lines.add(item.json(created));
                total = total.add(item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())));
            }
            o.put("items", lines);
            o.put("orderTotal", total);
            o.put("amountPaid", total);
            o.put("taxAmount", 0.0);
            o.put("shippingAmount", 5.99);
            o.put("customerNotes", null);
            o.put("internalNotes", null);
            o.put("gift", false);
            o.put("giftMessage", null);
            o.put("paymentMethod", "Credit Card");
            o.put("requestedShippingService", "Priority Mail");
            o.put("carrierCode", "stamps_com");
            o.put("serviceCode", "usps_priority_mail");
            o.put("packageCode", "package");
            o.put("confirmation", "delivery");
            o.put("shipDate", "shipped".equals(orderStatus) ? modifyDate.toLocalDate().toString() : null);
            o.put("holdUntilDate", "on_hold".equals(orderStatus) ? orderDate.toLocalDate().plusDays(7).toString() : null);
            o.put("weight", Map.of("value", 19.4, "units", "ounces", "WeightUnits", 1));
            o.put("dimensions", Map.of("units", "inches", "length", 7.0, "width", 5.0, "height", 6.0));
            o.put("insuranceOptions", Map.of("provider", "carrier", "insureShipment", false, "insuredValue", 0.0));
            Map<String, Object> international = new LinkedHashMap<>();
            international.put("contents", null);
            international.put("customsItems", null);
            international.put("nonDelivery", null);
            o.put("internationalOptions", international);
            Map<String, Object> advanced = new LinkedHashMap<>();
            advanced.put("warehouseId", 24079);
            advanced.put("nonMachinable", false);
            advanced.put("saturdayDelivery", false);
            advanced.put("containsAlcohol", false);
            advanced.put("mergedOrSplit", false);
            advanced.put("mergedIds", List.of());
            advanced.put("parentId", null);
            advanced.put("storeId", 26815);
            advanced.put("customField1", null);
            advanced.put("customField2", null);
            advanced.put("customField3", null);
            advanced.put("source", "webstore");
            advanced.put("billToParty", null);
            advanced.put("billToAccount", null);
            advanced.put("billToPostalCode", null);
            advanced.put("billToCountryCode", null);
            o.put("advancedOptions", advanced);
            o.put("tagIds", null);
            o.put("userId", null);
            o.put("externallyFulfilled", false);
            o.put("externallyFulfilledBy", null);
            return o;
        }

        private static Map<String, Object> address(String name, String street1, String city, String state,
                                                   String postalCode, String country, String phone) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", name);
            a.put("company", null);
            a.put("street1", street1);
            a.put("street2", null);
            a.put("street3", null);
            a.put("city", city);
            a.put("state", state);
            a.put("postalCode", postalCode);
            a.put("country", country);
            a.put("phone", phone);
            return a;
        }
    }

    /** Order-level stamps: seven fraction digits, no offset ({@code 2015-06-28T17:46:27.0000000}). */
    public static String orderStamp(LocalDateTime pacific) {
        return pacific.format(ORDER_STAMP);
    }

    /** Product and item stamps: up to three fraction digits, trailing zeros trimmed ({@code 2015-08-17T09:24:14.78}). */
    public static String productStamp(LocalDateTime pacific) {
        return pacific.truncatedTo(ChronoUnit.MILLIS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    private static <T> String envelope(String field, List<List<T>> pages, int page,
                                       Function<T, Map<String, Object>> json) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(field, pages.get(page - 1).stream().map(json).toList());
        body.put("total", pages.stream().mapToInt(List::size).sum());
        body.put("page", page);
        body.put("pages", pages.size());
        return write(body);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body {@link Account#orders} serves for that page of these pages (a test may cut it short or garble it). */
    public static String ordersPage(List<List<Order>> pages, int page) {
        return envelope("orders", pages, page, Order::json);
    }

    /** A 200 carrying this body with the usual headers, for {@link Account#answers}. */
    public static ResponseDefinitionBuilder okBody(String body) {
        return ok(body);
    }

    /** A 200 with the rate-limit headers ShipStation sends on every answer. */
    private static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-Rate-Limit-Limit", "40")
                .withHeader("X-Rate-Limit-Remaining", "39")
                .withHeader("X-Rate-Limit-Reset", "60")
                .withBody(json);
    }
}
