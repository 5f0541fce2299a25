package dev.shoplink.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplink.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Shopify GraphQL Admin endpoint: the connector's operations, paging, filters, cost and auth. */
class ShopifyEndpointTest {

    static final Instant GENERATED = Instant.parse("2026-11-20T20:00:00Z");

    static final String LISTINGS = """
            query Listings($first: Int!, $after: String, $query: String, $variants: Int!) {
              products(first: $first, after: $after, query: $query, sortKey: ID) {
                edges {
                  cursor
                  node {
                    id title status updatedAt
                    variants(first: $variants) { nodes { id title sku price createdAt updatedAt } pageInfo { hasNextPage endCursor } }
                  }
                }
                pageInfo { hasNextPage endCursor }
              }
            }""";
    static final String PRODUCT_VARIANTS = """
            query ProductVariants($id: ID!, $first: Int!, $after: String) {
              product(id: $id) {
                id title status updatedAt
                variants(first: $first, after: $after) { nodes { id title sku price createdAt updatedAt } pageInfo { hasNextPage endCursor } }
              }
            }""";
    static final String VARIANT = """
            query Variant($id: ID!) {
              productVariant(id: $id) { id title sku price createdAt updatedAt product { id title status updatedAt } }
            }""";
    static final String LINE = "id sku name quantity variant { id } originalUnitPriceSet { shopMoney { amount currencyCode } }";
    static final String ORDERS = """
            query Orders($first: Int!, $after: String, $query: String, $sortKey: OrderSortKeys!, $lines: Int!) {
              orders(first: $first, after: $after, query: $query, sortKey: $sortKey) {
                nodes {
                  id name createdAt updatedAt cancelledAt displayFinancialStatus displayFulfillmentStatus email
                  shippingAddress { name address1 address2 city provinceCode zip countryCodeV2 phone }
                  lineItems(first: $lines) { nodes { %s } pageInfo { hasNextPage endCursor } }
                }
                pageInfo { hasNextPage endCursor }
              }
            }""".formatted(LINE);
    static final String ORDER_LINES = """
            query OrderLines($id: ID!, $first: Int!, $after: String) {
              order(id: $id) { id lineItems(first: $first, after: $after) { nodes { %s } pageInfo { hasNextPage endCursor } } }
            }""".formatted(LINE);

    MutableClock clock;
    ShopSimulator shop;
    SimulatorHttp http;

    @BeforeEach
    void start() {
        clock = new MutableClock(GENERATED);
        shop = ShopSimulator.builder().seed(11).products(130).orders(300).clock(clock).noRateLimit().start();
        http = new SimulatorHttp(shop);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    HttpResponse<String> post(String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(shop.shopifyGraphqlUrl()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Shopify-Access-Token", token);
        }
        return http.send(request.build());
    }

    JsonNode graphql(String query, String operation, Map<String, ?> variables) {
        ObjectNode body = SimulatorHttp.MAPPER.createObjectNode();
        body.put("query", query);
        body.put("operationName", operation);
        body.set("variables", SimulatorHttp.MAPPER.valueToTree(variables));
        HttpResponse<String> response = post(shop.shopifyAccessToken(), body.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Shopify-API-Version")).hasValue(ShopSimulator.SHOPIFY_API_VERSION);
        return SimulatorHttp.parse(response.body());
    }

    JsonNode data(String query, String operation, Map<String, ?> variables) {
        JsonNode answer = graphql(query, operation, variables);
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        return answer.get("data");
    }

    static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void refusesAMissingOrWrongTokenAndAFrozenShop() {
        HttpResponse<String> none = post(null, "{\"query\":\"{ shop { name } }\"}");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
        assertThat(post("shpat_wrong", "{\"query\":\"{ shop { name } }\"}").statusCode()).isEqualTo(401);
        // the ShipStation credentials are no Shopify token
        assertThat(post(shop.authorization(), "{\"query\":\"{ shop { name } }\"}").statusCode()).isEqualTo(401);

        shop.setApiAccess(false);
        HttpResponse<String> frozen = post(shop.shopifyAccessToken(), "{\"query\":\"{ shop { name } }\"}");
        assertThat(frozen.statusCode()).isEqualTo(402);
        shop.setApiAccess(true);
        assertThat(post(shop.shopifyAccessToken(), "{\"query\":\"{ shop { name } }\"}").statusCode()).isEqualTo(200);
        assertThat(post(shop.shopifyAccessToken(), "not json").statusCode()).isEqualTo(400);
        assertThat(shop.stats().byPath()).containsEntry(ShopifyApi.ROUTE, 6L);
    }

    @Test
    void answersTheShopQueryWithTheDomainScopesAndCost() {
        JsonNode answer = graphql("""
                query Shop {
                  shop { name myshopifyDomain }
                  currentAppInstallation { accessScopes { handle } }
                }""", "Shop", Map.of());
        assertThat(answer.at("/data/shop/myshopifyDomain").asText()).isEqualTo(ShopSimulator.DEFAULT_SHOPIFY_DOMAIN);
        assertThat(answer.at("/data/shop/name").asText()).isEqualTo("Hilltop Coffee Roasters");
        assertThat(answer.at("/data/shop").size()).as("only what was selected").isEqualTo(2);
        List<String> scopes = new ArrayList<>();
        answer.at("/data/currentAppInstallation/accessScopes").forEach(s -> scopes.add(s.get("handle").asText()));
        assertThat(scopes).containsExactly("read_products", "read_orders", "read_all_orders");
        JsonNode cost = answer.at("/extensions/cost");
        assertThat(cost.get("requestedQueryCost").asInt()).isEqualTo(3);
        assertThat(cost.get("actualQueryCost").asInt()).isEqualTo(3);
        assertThat(cost.at("/throttleStatus/maximumAvailable").asDouble()).isEqualTo(2000.0);
        assertThat(cost.at("/throttleStatus/currentlyAvailable").asDouble()).isEqualTo(1997.0);
        assertThat(cost.at("/throttleStatus/restoreRate").asDouble()).isEqualTo(100.0);
    }

    @Test
    void productsPageWithCursorsAndCarryTheSameSkusAsShipStation() {
        Set<String> shopifySkus = new HashSet<>();
        Map<String, String> prices = new HashMap<>();
        String after = null;
        int pages = 0;
        int requests = 0;
        long lastId = 0;
        while (true) {
            JsonNode answer = graphql(LISTINGS, "Listings", vars("first", 3, "after", after, "query", null, "variants", 16));
            requests++;
            assertThat(answer.at("/extensions/cost/requestedQueryCost").asInt()).isEqualTo(2 + 3 * (1 + 2 + 16));
            JsonNode products = answer.at("/data/products");
            for (JsonNode edge : products.get("edges")) {
                JsonNode product = edge.get("node");
                long id = Long.parseLong(product.get("id").asText().substring("gid://shopify/Product/".length()));
                assertThat(id).as("sortKey ID").isGreaterThan(lastId);
                lastId = id;
                assertThat(product.get("variants").get("nodes").size()).isLessThanOrEqualTo(16);
                for (JsonNode v : product.at("/variants/nodes")) {
                    assertThat(v.get("id").asText()).startsWith("gid://shopify/ProductVariant/");
                    shopifySkus.add(v.get("sku").asText());
                    prices.put(v.get("sku").asText(), v.get("price").asText());
                }
                String variantsAfter = product.at("/variants/pageInfo/hasNextPage").asBoolean()
                        ? product.at("/variants/pageInfo/endCursor").asText() : null;
                while (variantsAfter != null) {
                    JsonNode more = data(PRODUCT_VARIANTS, "ProductVariants", vars("id", product.get("id").asText(), "first", 250,
                            "after", variantsAfter)).at("/product/variants");
                    requests++;
                    more.get("nodes").forEach(v -> {
                        shopifySkus.add(v.get("sku").asText());
                        prices.put(v.get("sku").asText(), v.get("price").asText());
                    });
                    variantsAfter = more.at("/pageInfo/hasNextPage").asBoolean() ? more.at("/pageInfo/endCursor").asText() : null;
                }
            }
            pages++;
            if (!products.at("/pageInfo/hasNextPage").asBoolean()) {
                break;
            }
            after = products.at("/pageInfo/endCursor").asText();
            assertThat(after).isEqualTo(products.get("edges").get(products.get("edges").size() - 1).get("cursor").asText());
        }
        // 130 SKUs are 7 coffees of 20 (the last one 10): 3 pages of 3 products
        assertThat(pages).isEqualTo(3);
        assertThat(requests).isGreaterThan(pages);
        Set<String> shipStationSkus = new HashSet<>();
        Map<String, String> shipStationPrices = new HashMap<>();
        http.all("/products", "products", "showInactive=true").forEach(p -> {
            shipStationSkus.add(p.get("sku").asText());
            shipStationPrices.put(p.get("sku").asText(), p.get("price").decimalValue().toPlainString());
        });
        assertThat(shopifySkus).hasSize(130).isEqualTo(shipStationSkus);
        assertThat(prices).isEqualTo(shipStationPrices);
    }

    @Test
    void productFiltersAndVariantLookup() {
        JsonNode all = data(LISTINGS, "Listings", vars("first", 100, "query", null, "variants", 1));
        List<JsonNode> products = new ArrayList<>();
        all.at("/products/edges").forEach(e -> products.add(e.get("node")));
        assertThat(products).hasSize(7);
        Instant newest = products.stream().map(p -> Instant.parse(p.get("updatedAt").asText())).max(Instant::compareTo).orElseThrow();
        JsonNode recent = data(LISTINGS, "Listings", vars("first", 100, "query", "updated_at:>='" + newest + "' AND status:active",
                "variants", 1));
        assertThat(recent.at("/products/edges")).isNotEmpty().allSatisfy(e ->
                assertThat(Instant.parse(e.at("/node/updatedAt").asText())).isAfterOrEqualTo(newest));
        assertThat(data(LISTINGS, "Listings", vars("first", 100, "query", "status:draft", "variants", 1)).at("/products/edges"))
                .isEmpty();

        JsonNode first = products.get(0);
        String variantId = first.at("/variants/nodes/0/id").asText();
        JsonNode variant = data(VARIANT, "Variant", vars("id", variantId)).get("productVariant");
        assertThat(variant.get("sku").asText()).isEqualTo(first.at("/variants/nodes/0/sku").asText());
        assertThat(variant.get("title").asText()).isEqualTo("250 g / Whole bean");
        assertThat(variant.at("/product/id").asText()).isEqualTo(first.get("id").asText());
        assertThat(variant.at("/product/title").asText()).isEqualTo(first.get("title").asText());
        assertThat(data(VARIANT, "Variant", vars("id", "gid://shopify/ProductVariant/1")).get("productVariant").isNull()).isTrue();

        JsonNode warned = graphql(LISTINGS, "Listings", vars("first", 1, "query", "colour:blue", "variants", 1));
        assertThat(warned.at("/extensions/search/0/warnings/0/field").asText()).isEqualTo("colour");
    }

    List<JsonNode> allOrders(String query, String sortKey) {
        return allOrders(query, sortKey, null);
    }

    List<JsonNode> allOrders(String query, String sortKey, String startAfter) {
        List<JsonNode> orders = new ArrayList<>();
        String after = startAfter;
        while (true) {
            JsonNode page = data(ORDERS, "Orders", vars("first", 20, "after", after, "query", query, "sortKey", sortKey,
                    "lines", 8)).get("orders");
            page.get("nodes").forEach(orders::add);
            if (!page.at("/pageInfo/hasNextPage").asBoolean()) {
                return orders;
            }
            after = page.at("/pageInfo/endCursor").asText();
        }
    }

    @Test
    void ordersPageByCreationAndMatchTheShipStationOrders() {
        shop.setShopifyBucket(20_000, 1_000); // Shopify Plus: 15 pages in a row
        List<JsonNode> orders = allOrders(null, "CREATED_AT");
        assertThat(orders).hasSize(300);
        Map<String, JsonNode> shipStation = new HashMap<>();
        http.all("/orders", "orders", "").forEach(o -> shipStation.put(o.get("orderNumber").asText(), o));
        assertThat(shipStation).containsKey("1001").containsKey("1300");
        Instant previous = Instant.EPOCH;
        for (JsonNode order : orders) {
            Instant created = Instant.parse(order.get("createdAt").asText());
            assertThat(created).isAfterOrEqualTo(previous);
            previous = created;
            assertThat(order.get("id").asText()).matches("gid://shopify/Order/\\d+");
            assertThat(order.get("name").asText()).startsWith("#");
            JsonNode twin = shipStation.get(order.get("name").asText().substring(1));
            assertThat(twin).as(order.get("name").asText()).isNotNull();
            assertThat(order.get("email").asText()).isEqualTo(twin.get("customerEmail").asText());
            assertThat(order.at("/shippingAddress/zip").asText()).isEqualTo(twin.at("/shipTo/postalCode").asText());
            List<String> shopifyLines = new ArrayList<>();
            order.at("/lineItems/nodes").forEach(l -> {
                assertThat(l.at("/originalUnitPriceSet/shopMoney/currencyCode").asText()).isEqualTo("USD");
                shopifyLines.add(l.get("sku").asText() + "x" + l.get("quantity").asInt() + "@"
                        + l.at("/originalUnitPriceSet/shopMoney/amount").asText());
            });
            List<String> shipStationLines = new ArrayList<>();
            twin.get("items").forEach(i -> {
                if (!i.get("adjustment").asBoolean()) {
                    shipStationLines.add(i.get("sku").asText() + "x" + i.get("quantity").asInt() + "@" + i.get("unitPrice").asText());
                }
            });
            assertThat(shopifyLines).isEqualTo(shipStationLines);
            String status = twin.get("orderStatus").asText();
            assertThat(order.get("cancelledAt").isNull()).isEqualTo(!status.equals("cancelled"));
            if (status.equals("shipped")) {
                assertThat(order.get("displayFulfillmentStatus").asText()).isEqualTo("FULFILLED");
            }
            if (status.equals("awaiting_payment")) {
                assertThat(order.get("displayFinancialStatus").asText()).isEqualTo("PENDING");
            }
        }
    }

    @Test
    void orderFiltersSortByUpdateAndPickUpMutationsOnly() {
        shop.setShopifyBucket(100_000, 1_000);
        List<JsonNode> all = allOrders(null, "CREATED_AT");
        Instant middle = Instant.parse(all.get(150).get("createdAt").asText());
        List<JsonNode> since = allOrders("created_at:>='" + middle + "'", "CREATED_AT");
        assertThat(since).isNotEmpty().allSatisfy(o -> assertThat(Instant.parse(o.get("createdAt").asText())).isAfterOrEqualTo(middle));
        assertThat(since.size()).isEqualTo((int) all.stream()
                .filter(o -> !Instant.parse(o.get("createdAt").asText()).isBefore(middle)).count());

        clock.advance(Duration.ofMinutes(30));
        Instant before = clock.instant();
        MutationBatch batch = shop.mutateOrders(9);
        List<JsonNode> changed = allOrders("created_at:>='2020-01-01T00:00:00Z' AND updated_at:>='" + before + "'", "UPDATED_AT");
        List<String> names = changed.stream().map(o -> o.get("name").asText().substring(1)).sorted().toList();
        List<String> expected = new ArrayList<>();
        for (long orderId : batch.orderIds()) {
            expected.add(http.json("/orders/" + orderId).get("orderNumber").asText());
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(changed).allSatisfy(o -> assertThat(o.get("updatedAt").asText()).isEqualTo(before.toString()));

        // an order changed while a client pages by update moves behind its cursor: read again, not skipped
        JsonNode firstPage = data(ORDERS, "Orders", vars("first", 5, "query", null, "sortKey", "UPDATED_AT", "lines", 8)).get("orders");
        clock.advance(Duration.ofMinutes(1));
        shop.mutateOrders(1);
        List<JsonNode> rest = allOrders(null, "UPDATED_AT", firstPage.at("/pageInfo/endCursor").asText());
        Set<String> seen = new HashSet<>();
        firstPage.get("nodes").forEach(o -> seen.add(o.get("id").asText()));
        long again = rest.stream().filter(o -> seen.contains(o.get("id").asText())).count();
        assertThat(rest.size()).isEqualTo(300 - 5 + (int) again);
        assertThat(rest.stream().map(o -> o.get("id").asText()).distinct().count()).isEqualTo(rest.size());
    }

    @Test
    void followUpQueriesReadAnOrdersRemainingLines() {
        JsonNode page = data(ORDERS, "Orders", vars("first", 100, "query", null, "sortKey", "ID", "lines", 1)).get("orders");
        JsonNode multi = null;
        for (JsonNode o : page.get("nodes")) {
            if (o.at("/lineItems/pageInfo/hasNextPage").asBoolean()) {
                multi = o;
                break;
            }
        }
        assertThat(multi).isNotNull();
        JsonNode rest = data(ORDER_LINES, "OrderLines", vars("id", multi.get("id").asText(), "first", 100,
                "after", multi.at("/lineItems/pageInfo/endCursor").asText())).at("/order/lineItems");
        assertThat(rest.get("nodes")).isNotEmpty();
        assertThat(rest.get("nodes").get(0).get("id").asText()).isNotEqualTo(multi.at("/lineItems/nodes/0/id").asText());
        assertThat(data(ORDER_LINES, "OrderLines", vars("id", "gid://shopify/Order/42", "first", 100)).get("order").isNull()).isTrue();
    }

    @Test
    void aQueryTheBucketCannotPayIsThrottledUntilItRefills() {
        shop.setShopifyPointsAvailable(100);
        JsonNode throttled = graphql(ORDERS, "Orders", vars("first", 20, "query", null, "sortKey", "CREATED_AT", "lines", 8));
        assertThat(throttled.has("data")).isFalse();
        assertThat(throttled.at("/errors/0/message").asText()).isEqualTo("Throttled");
        assertThat(throttled.at("/errors/0/extensions/code").asText()).isEqualTo("THROTTLED");
        JsonNode cost = throttled.at("/extensions/cost");
        assertThat(cost.get("requestedQueryCost").asInt()).isEqualTo(722);
        assertThat(cost.get("actualQueryCost").isNull()).isTrue();
        assertThat(cost.at("/throttleStatus/currentlyAvailable").asDouble()).isEqualTo(100.0);

        // (722 - 100) / 100 = 6.22 s
        clock.advance(Duration.ofMillis(6_300));
        JsonNode answered = graphql(ORDERS, "Orders", vars("first", 20, "query", null, "sortKey", "CREATED_AT", "lines", 8));
        assertThat(answered.has("errors")).isFalse();
        int actual = answered.at("/extensions/cost/actualQueryCost").asInt();
        assertThat(actual).isLessThan(722).isGreaterThan(20);
        // the requested cost was reserved, the difference refunded: what is left is 730 minus the actual cost
        assertThat(answered.at("/extensions/cost/throttleStatus/currentlyAvailable").asDouble()).isEqualTo(730.0 - actual);

        shop.setShopifyBucket(20_000, 1_000);
        assertThat(shop.shopifyPointsAvailable()).isEqualTo(20_000);
    }

    @Test
    void refusesQueriesOverTheCostLimitUnknownFieldsAndBadCursors() {
        JsonNode tooExpensive = graphql("{ products(first: 250) { nodes { id variants(first: 250) { nodes { id } } } } }", null, Map.of());
        assertThat(tooExpensive.at("/errors/0/extensions/code").asText()).isEqualTo("MAX_COST_EXCEEDED");
        assertThat(tooExpensive.has("data")).isFalse();

        JsonNode unknown = graphql("{ shop { name colour } }", null, Map.of());
        assertThat(unknown.at("/errors/0/message").asText()).isEqualTo("Field 'colour' doesn't exist on type 'Shop'");

        JsonNode badCursor = graphql(ORDERS, "Orders", vars("first", 5, "after", "bm9wZQ==", "sortKey", "ID", "lines", 1));
        assertThat(badCursor.at("/errors/0/message").asText()).startsWith("Invalid cursor");

        JsonNode aliased = data("query { a: shop { domain: myshopifyDomain } }", null, Map.of());
        assertThat(aliased.at("/a/domain").asText()).isEqualTo(ShopSimulator.DEFAULT_SHOPIFY_DOMAIN);
    }
}
