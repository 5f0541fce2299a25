package dev.shoplink.host;

import static dev.shoplink.host.testing.AdminCalls.keyedBy;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.TestHost;
import dev.shoplink.simulator.MutationBatch;
import dev.shoplink.simulator.ShopSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real host with the real Shopify plugin archive against the shop simulator's Shopify GraphQL
 * Admin endpoint: an integration created over the admin API, a full sync whose listings and orders
 * look like ShipStation's (the simulator serves the same shop on both sides), then an incremental
 * sync after the shop changed some orders that reads exactly those.
 */
class ShopifySyncE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(14);

    @TempDir
    static Path dir;
    @AutoClose
    static HostWithShop<ShopSimulator> running;
    static ShopSimulator shop;
    static TestHost host;
    static AdminCalls api;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        running = HostWithShop.simulator(dir, HostWithShop.settledShop().seed(31).products(50).orders(90).start());
        shop = running.shop();
        host = running.host();
        api = running.api();
    }

    static Map<String, Object> form(String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", "shopify");
        body.put("name", "Roaster on Shopify");
        body.put("customerType", "RETAIL");
        body.put("shopUrl", "https://roaster.myshopify.com");
        body.put("credentials", Map.of("accessToken", token));
        body.put("syncStartDate", START.toString());
        return body;
    }

    @Test
    void aWrongTokenIsRefusedNamingIt() {
        // when
        TestHost.Response wrong = host.post("/api/v1/integrations", form("shpat_not_the_token"));

        // then
        assertThat(wrong.status()).as("%s", wrong).isBetween(400, 499);
        assertThat(wrong.body()).contains("accessToken");
    }

    /** An integration created over the admin API with the shop's token, and its first full sync. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AFullSync {
        long id;
        /** The ShipStation side's products by SKU. */
        final Map<String, JsonNode> shipStationProducts = new HashMap<>();

        @BeforeAll
        void sync() throws Exception {
            id = api.createIntegration(form(shop.shopifyAccessToken())).get("id").asLong();
            api.syncAndWait(id, "all");
            shipStation("/products?showInactive=true&pageSize=500", "products")
                    .forEach(p -> shipStationProducts.put(p.get("sku").asText(), p));
        }

        @Test
        void isAShopifyIntegration() {
            assertThatJson(api.integration(id)).node("connector").isEqualTo("shopify");
        }

        @Test
        void listsOneListingPerShipStationSku() {
            Map<String, Object> expected = new TreeMap<>();
            shipStationProducts.keySet().forEach(sku -> expected.put(sku, Map.of(
                    "sku", sku, "externalId", "${json-unit.regex}[0-9]+", "variant", "${json-unit.regex}.+ / .+")));

            List<JsonNode> listings = api.listings(id, "includeHidden=true");

            assertThat(listings).hasSize(50);
            assertThat(expected).hasSize(50);
            assertThatJson(keyedBy("sku", listings)).when(IGNORING_EXTRA_FIELDS).isEqualTo(expected);
        }

        @Test
        void namesTheCoffeeAndTheBagSizeAndGrindAsTheVariantAsShipStationDoes() {
            for (JsonNode listing : api.listings(id, "includeHidden=true")) {
                JsonNode twin = shipStationProducts.get(listing.get("sku").asText());
                if (twin.hasNonNull("name")) {
                    // ShipStation: "Ethiopia Guji - 250 g - Whole bean"; Shopify: "Ethiopia Guji" and "250 g / Whole bean"
                    assertThatJson(twin).node("name").isString()
                            .isEqualTo(listing.get("name").asText() + " - " + listing.get("variant").asText().replace(" / ", " - "));
                }
            }
        }

        @Test
        void offersNewListingsWithSkuNameAndVariant() {
            assertThatJson(api.listings(id, "state=NEW")).isArray().isNotEmpty().allSatisfy(l -> assertThatJson(l)
                    .when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                            {"state": "NEW", "sku": "${json-unit.regex}.+", "name": "${json-unit.regex}.+", "variant": "${json-unit.regex}.+"}"""));
        }

        @Test
        void importsTheOrdersShipStationShowsUnderTheirShopifyReferences() throws Exception {
            assertOrdersMatchShipStation(id);
        }

        /** The shop then changes six orders, and the integration syncs its orders again. */
        @Nested
        @TestInstance(TestInstance.Lifecycle.PER_CLASS)
        class ThenAnIncrementalSync {
            MutationBatch batch;
            JsonNode incremental;

            @BeforeAll
            void changeSomeOrdersAndSync() {
                // given
                assertThat(api.orders("integrationId=" + id).get("total").asInt()).isPositive();

                // when
                batch = shop.mutateOrders(6);
                incremental = api.syncAndWait(id, "orders");
            }

            @Test
            void readsOnlyTheChangedOrders() {
                assertThatJson(incremental).node("progress.items").as("only the changed orders: %s", incremental).isEqualTo(6);
            }

            @Test
            void stillHoldsWhatShipStationShows() throws Exception {
                assertOrdersMatchShipStation(id);
            }

            @Test
            void showsTheShopsNewStatusOfEachChangedOrder() throws Exception {
                Map<String, Object> changed = new TreeMap<>();
                for (long orderId : batch.orderIds()) {
                    JsonNode twin = shipStationOrder(orderId);
                    changed.put("#" + twin.get("orderNumber").asText(), Map.of("externalStatus", shopifyStatus(twin)));
                }

                // the other orders are left out of the comparison as extra fields
                assertThatJson(keyedBy("externalRef", api.orders("integrationId=" + id).get("items"))).when(IGNORING_EXTRA_FIELDS)
                        .isEqualTo(changed);
            }
        }
    }

    /**
     * The host holds exactly the ShipStation side's orders in the window that are not on hold, under "#1001"-style
     * references, with the same lines (ShipStation's adjustments left out) in the same order.
     */
    private static void assertOrdersMatchShipStation(long id) throws Exception {
        Instant start = START.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Object> expected = new TreeMap<>();
        for (JsonNode o : shipStation("/orders?pageSize=500", "orders")) {
            Instant placed = LocalDateTime.parse(o.get("orderDate").asText()).atZone(PACIFIC).toInstant();
            if (o.get("orderStatus").asText().equals("on_hold") || placed.isBefore(start.minusSeconds(1))) {
                continue;
            }
            List<Map<String, Object>> lines = new ArrayList<>();
            o.get("items").forEach(i -> {
                if (!i.get("adjustment").asBoolean()) {
                    lines.add(Map.of("sku", i.get("sku").asText(), "quantity", i.get("quantity").asInt()));
                }
            });
            expected.put("#" + o.get("orderNumber").asText(), Map.of("items", lines));
        }
        Map<String, JsonNode> imported = keyedBy("externalRef", api.orders("integrationId=" + id).get("items"));

        assertThat(imported.keySet()).isEqualTo(expected.keySet());
        assertThatJson(imported).when(IGNORING_EXTRA_FIELDS).isEqualTo(expected);
        assertThat(imported.keySet()).allSatisfy(ref -> assertThat(ref).matches("#1\\d{3}"));
    }

    /** The connector's status text for what ShipStation shows (CANCELLED / financial / fulfillment). */
    private static String shopifyStatus(JsonNode shipStationOrder) {
        String status = shipStationOrder.get("orderStatus").asText();
        String financial = switch (status) {
            case "awaiting_payment" -> "PENDING";
            case "cancelled" -> shipStationOrder.get("amountPaid").decimalValue().signum() > 0 ? "REFUNDED" : "VOIDED";
            default -> "PAID";
        };
        String fulfillment = switch (status) {
            case "shipped" -> "FULFILLED";
            case "on_hold" -> "ON_HOLD";
            case "pending_fulfillment" -> "IN_PROGRESS";
            default -> "UNFULFILLED";
        };
        return (status.equals("cancelled") ? "CANCELLED / " : "") + financial + " / " + fulfillment;
    }

    private static JsonNode shipStationOrder(long orderId) throws Exception {
        return JSON.readTree(get("/orders/" + orderId));
    }

    private static List<JsonNode> shipStation(String path, String items) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JsonNode page = JSON.readTree(get(path));
        assertThat(page.get("pages").asInt()).as("one page is enough here").isLessThanOrEqualTo(1);
        page.get(items).forEach(out::add);
        return out;
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(shop.baseUrl() + path))
                .header("Authorization", shop.authorization()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
