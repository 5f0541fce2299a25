package dev.shoplink.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated roaster's shop: deterministic, realistic, and in ShipStation's exact shape. */
class ShopGenerationTest {

    static final Instant NOW = Instant.parse("2026-11-20T20:00:00Z");

    static ShopSimulator shop;
    static SimulatorHttp http;
    static List<JsonNode> products;
    static List<JsonNode> orders;

    @BeforeAll
    static void start() {
        shop = ShopSimulator.builder().seed(7).products(1_000).orders(3_000).now(NOW).noRateLimit().start();
        http = new SimulatorHttp(shop);
        products = http.all("/products", "products", "showInactive=true");
        orders = http.all("/orders", "orders", "");
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    private static LocalDateTime time(JsonNode node) {
        return LocalDateTime.parse(node.asText());
    }

    @Test
    void sameSeedGivesTheSameJsonAndAnotherSeedDoesNot() {
        try (ShopSimulator twin = ShopSimulator.builder().seed(7).products(1_000).orders(3_000).now(NOW)
                .noRateLimit().start();
             ShopSimulator other = ShopSimulator.builder().seed(8).products(1_000).orders(3_000).now(NOW)
                .noRateLimit().start()) {
            SimulatorHttp twinHttp = new SimulatorHttp(twin);
            SimulatorHttp otherHttp = new SimulatorHttp(other);
            for (String path : List.of("/products?pageSize=500&showInactive=true&page=2",
                    "/orders?pageSize=500&page=1", "/orders?pageSize=500&page=6&sortBy=ModifyDate",
                    "/orders/187400123", "/stores", "/accounts/listtags")) {
                assertThat(twinHttp.get(path).body()).as(path).isEqualTo(http.get(path).body());
            }
            assertThat(otherHttp.get("/orders?pageSize=500&page=1").body())
                    .isNotEqualTo(http.get("/orders?pageSize=500&page=1").body());
        }
    }

    @Test
    void everyVariantIsItsOwnProductWithARoasterStyleSkuAndName() {
        assertThat(products).hasSize(1_000);
        assertThat(products.get(0).get("sku").asText()).isEqualTo("ETH-GUJI-250-WB");
        assertThat(products.get(0).get("name").asText()).isEqualTo("Ethiopia Guji - 250 g - Whole bean");
        assertThat(products.stream().map(p -> p.get("sku").asText()).collect(Collectors.toSet())).hasSize(1_000);
        for (JsonNode p : products) {
            assertThat(p.get("sku").asText())
                    .matches("[A-Z]{3}-[A-Z]{4}(-[A-Z0-9]+)?-(250|340|1000|2500|5LB)-(WB|ESP|FIL|FP)");
            if (!p.get("name").isNull()) {
                assertThat(p.get("name").asText())
                        .matches(".+ - (250 g|340 g|1 kg|2\\.5 kg|5 lb) - (Whole bean|Espresso|Filter|French press)");
            }
        }
        Set<String> sizes = products.stream().map(p -> p.get("sku").asText().split("-"))
                .map(parts -> parts[parts.length - 2]).collect(Collectors.toSet());
        assertThat(sizes).containsExactlyInAnyOrder("250", "340", "1000", "2500", "5LB");
    }

    @Test
    void aFewProductsHaveNoName() {
        long unnamed = products.stream().filter(p -> p.get("name").isNull()).count();
        assertThat(unnamed).isBetween(1L, 15L);
        try (ShopSimulator tiny = ShopSimulator.builder().products(10).orders(5).noRateLimit().start()) {
            JsonNode page = new SimulatorHttp(tiny).json("/products?pageSize=500&showInactive=true");
            assertThat(page.get("products").findValues("name")).anyMatch(JsonNode::isNull);
        }
    }

    @Test
    void inactiveProductsAreHiddenUnlessAskedFor() {
        JsonNode visible = http.json("/products?pageSize=1");
        long inactive = products.stream().filter(p -> !p.get("active").asBoolean()).count();
        assertThat(inactive).isPositive();
        assertThat(visible.get("total").asLong()).isEqualTo(1_000 - inactive);
        assertThat(http.all("/products", "products", "")).allMatch(p -> p.get("active").asBoolean());
    }

    @Test
    void productsAreCreatedBeforeAndAfterTheGivenDate() {
        LocalDateTime since = LocalDateTime.ofInstant(shop.newProductsSince(), PacificTime.ZONE);
        long after = products.stream().filter(p -> time(p.get("createDate")).isAfter(since)).count();
        assertThat(after).isEqualTo(100);
        assertThat(products).allMatch(p -> !time(p.get("modifyDate")).isBefore(time(p.get("createDate"))));
    }

    @Test
    void ordersReferenceProductsThatExistedWhenTheyWerePlaced() {
        Map<Long, JsonNode> byId = new HashMap<>();
        products.forEach(p -> byId.put(p.get("productId").asLong(), p));
        int longBefore = 0;
        for (JsonNode order : orders) {
            LocalDateTime placed = time(order.get("orderDate"));
            int productLines = 0;
            for (JsonNode item : order.get("items")) {
                if (item.get("adjustment").asBoolean()) {
                    assertThat(item.get("productId").isNull()).isTrue();
                    continue;
                }
                productLines++;
                JsonNode product = byId.get(item.get("productId").asLong());
                assertThat(product).as("product %s", item.get("productId")).isNotNull();
                assertThat(item.get("sku")).isEqualTo(product.get("sku"));
                LocalDateTime created = time(product.get("createDate"));
                // Local wall clock comparison; one hour of slack for the autumn repeated hour.
                assertThat(created).isBefore(placed.plusHours(1));
                if (created.isBefore(placed.minusDays(365))) {
                    longBefore++;
                }
            }
            assertThat(productLines).isBetween(1, 6);
        }
        assertThat(longBefore).isGreaterThan(orders.size() / 2);
    }

    @Test
    void ordersLookLikeARealShop() {
        LocalDateTime now = LocalDateTime.ofInstant(NOW, PacificTime.ZONE);
        Map<String, Long> statuses = orders.stream()
                .collect(Collectors.groupingBy(o -> o.get("orderStatus").asText(), Collectors.counting()));
        assertThat(statuses.keySet())
                .containsExactlyInAnyOrder("awaiting_shipment", "awaiting_payment", "shipped", "cancelled", "on_hold");
        assertThat(statuses.get("awaiting_shipment")).isGreaterThan(orders.size() / 2);
        assertThat(statuses.get("on_hold")).isLessThan(orders.size() / 10);

        for (JsonNode o : orders) {
            LocalDateTime orderDate = time(o.get("orderDate"));
            assertThat(orderDate).isBetween(now.minusDays(60).minusHours(1), now);
            assertThat(time(o.get("createDate"))).isAfterOrEqualTo(orderDate);
            assertThat(time(o.get("modifyDate"))).isAfterOrEqualTo(time(o.get("createDate")));
            assertThat(o.get("orderDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}");
            assertThat(o.get("customerEmail").asText()).contains("@");
            assertThat(o.get("shipTo").get("street1").asText()).isNotBlank();
            assertThat(o.get("advancedOptions").get("storeId").asLong()).isEqualTo(ShopGenerator.STORE_ID);
            BigDecimal lines = BigDecimal.ZERO;
            for (JsonNode item : o.get("items")) {
                lines = lines.add(item.get("unitPrice").decimalValue()
                        .multiply(BigDecimal.valueOf(item.get("quantity").asInt())));
            }
            BigDecimal total = lines.add(o.get("shippingAmount").decimalValue()).add(o.get("taxAmount").decimalValue());
            assertThat(o.get("orderTotal").decimalValue()).isEqualByComparingTo(total);
            if ("shipped".equals(o.get("orderStatus").asText())) {
                assertThat(o.get("shipDate").asText()).matches("\\d{4}-\\d\\d-\\d\\d");
            }
        }
        Set<Long> customers = orders.stream().map(o -> o.get("customerId").asLong()).collect(Collectors.toSet());
        assertThat(customers.size()).isLessThan(orders.size()); // returning customers
    }

    @Test
    void ordersSpreadOverTheWholeWindow() {
        LocalDateTime now = LocalDateTime.ofInstant(NOW, PacificTime.ZONE);
        Set<Long> weeks = new HashSet<>();
        for (JsonNode o : orders) {
            weeks.add(Duration.between(time(o.get("orderDate")), now).toDays() / 7);
        }
        assertThat(weeks).hasSizeGreaterThanOrEqualTo(9);
    }

    static final List<String> ORDER_FIELDS = List.of("orderId", "orderNumber", "orderKey", "orderDate", "createDate",
            "modifyDate", "paymentDate", "shipByDate", "orderStatus", "customerId", "customerUsername",
            "customerEmail", "billTo", "shipTo", "items", "orderTotal", "amountPaid", "taxAmount", "shippingAmount",
            "customerNotes", "internalNotes", "gift", "giftMessage", "paymentMethod", "requestedShippingService",
            "carrierCode", "serviceCode", "packageCode", "confirmation", "shipDate", "holdUntilDate", "weight",
            "dimensions", "insuranceOptions", "internationalOptions", "advancedOptions", "tagIds", "userId",
            "externallyFulfilled", "externallyFulfilledBy", "externallyFulfilledById", "externallyFulfilledByName");
    static final List<String> ITEM_FIELDS = List.of("orderItemId", "lineItemKey", "sku", "name", "imageUrl",
            "weight", "quantity", "unitPrice", "taxAmount", "shippingAmount", "warehouseLocation", "options",
            "productId", "fulfillmentSku", "adjustment", "upc", "createDate", "modifyDate");
    static final List<String> ADDRESS_FIELDS = List.of("name", "company", "street1", "street2", "street3", "city",
            "state", "postalCode", "country", "phone", "residential", "addressVerified");
    static final List<String> ADVANCED_FIELDS = List.of("warehouseId", "nonMachinable", "saturdayDelivery",
            "containsAlcohol", "mergedOrSplit", "mergedIds", "parentId", "storeId", "customField1", "customField2",
            "customField3", "source", "billToParty", "billToAccount", "billToPostalCode", "billToCountryCode",
            "billToMyOtherAccount");
    static final List<String> PRODUCT_FIELDS = List.of("productId", "sku", "name", "price", "defaultCost", "length",
            "width", "height", "weightOz", "internalNotes", "fulfillmentSku", "createDate", "modifyDate", "active",
            "productCategory", "productType", "warehouseLocation", "defaultCarrierCode", "defaultServiceCode",
            "defaultPackageCode", "defaultIntlCarrierCode", "defaultIntlServiceCode", "defaultIntlPackageCode",
            "defaultConfirmation", "defaultIntlConfirmation", "customsDescription", "customsValue", "customsTariffNo",
            "customsCountryCode", "noCustoms", "tags", "aliases");
    static final List<String> STORE_FIELDS = List.of("storeId", "storeName", "marketplaceId", "marketplaceName",
            "accountName", "email", "integrationUrl", "active", "companyName", "phone", "publicEmail", "website",
            "refreshDate", "lastRefreshAttempt", "createDate", "modifyDate", "autoRefresh");

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void recordsCarryTheFullDocumentedFieldSet() {
        for (JsonNode o : orders.subList(0, 200)) {
            assertThat(fields(o)).containsExactlyElementsOf(ORDER_FIELDS);
            assertThat(fields(o.get("shipTo"))).containsExactlyElementsOf(ADDRESS_FIELDS);
            assertThat(fields(o.get("billTo"))).containsExactlyElementsOf(ADDRESS_FIELDS);
            assertThat(fields(o.get("advancedOptions"))).containsExactlyElementsOf(ADVANCED_FIELDS);
            for (JsonNode item : o.get("items")) {
                assertThat(fields(item)).containsExactlyElementsOf(ITEM_FIELDS);
                assertThat(item.get("createDate").asText()).matches("[0-9T:-]{19}(\\.\\d{1,3})?");
            }
        }
        for (JsonNode p : products) {
            assertThat(fields(p)).containsExactlyElementsOf(PRODUCT_FIELDS);
            assertThat(p.get("createDate").asText()).matches("[0-9T:-]{19}(\\.\\d{0,2}[1-9])?");
        }
        JsonNode stores = http.json("/stores");
        assertThat(stores.isArray()).isTrue();
        assertThat(stores).hasSize(1);
        assertThat(fields(stores.get(0))).containsExactlyElementsOf(STORE_FIELDS);
        JsonNode tags = http.json("/accounts/listtags");
        assertThat(tags.isArray()).isTrue();
        assertThat(fields(tags.get(0))).containsExactly("tagId", "name", "color");
    }

    @Test
    void singleRecordsAreBareObjects() {
        JsonNode order = http.json("/orders/187400042");
        assertThat(order.get("orderId").asLong()).isEqualTo(187_400_042L);
        JsonNode product = http.json("/products/" + products.get(17).get("productId").asLong());
        assertThat(product).isEqualTo(products.get(17));
        assertThat(http.get("/orders/1").statusCode()).isEqualTo(404);
        assertThat(http.get("/products/999999999").statusCode()).isEqualTo(404);
        assertThat(http.get("/products/not-a-number").statusCode()).isEqualTo(404);
    }
}
