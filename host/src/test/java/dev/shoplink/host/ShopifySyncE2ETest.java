package dev.shoplink.host;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
    void synchronizesListingsAndOrdersLikeShipStationsThenOnlyTheChangedOrders() throws Exception {
        TestHost.Response wrong = host.post("/api/v1/integrations", form("shpat_not_the_token"));
        assertThat(wrong.status()).as("%s", wrong).isBetween(400, 499);
        assertThat(wrong.body()).contains("accessToken");

        long id = api.createIntegration(form(shop.shopifyAccessToken())).get("id").asLong();
        assertThat(api.integration(id).get("connector").asText()).isEqualTo("shopify");
        api.syncAndWait(id, "all");

        // listings: one per SKU, the coffee as name and the bag size and grind as the variant, as on ShipStation
        Map<String, JsonNode> shipStationProducts = new HashMap<>();
        shipStation("/products?showInactive=true&pageSize=500", "products")
                .forEach(p -> shipStationProducts.put(p.get("sku").asText(), p));
        List<JsonNode> all = api.listings(id, "includeHidden=true");
        assertThat(all).hasSize(50);
        Set<String> skus = new HashSet<>();
        for (JsonNode listing : all) {
            skus.add(listing.get("sku").asText());
            JsonNode twin = shipStationProducts.get(listing.get("sku").asText());
            assertThat(twin).as(listing.toString()).isNotNull();
            assertThat(listing.get("externalId").asText()).matches("\\d+");
            assertThat(listing.get("variant").asText()).matches(".+ / .+");
            if (twin.hasNonNull("name")) {
                // ShipStation: "Ethiopia Guji - 250 g - Whole bean"; Shopify: "Ethiopia Guji" and "250 g / Whole bean"
                assertThat(twin.get("name").asText())
                        .isEqualTo(listing.get("name").asText() + " - " + listing.get("variant").asText().replace(" / ", " - "));
            }
        }
        assertThat(skus).isEqualTo(shipStationProducts.keySet());
        List<JsonNode> offered = api.listings(id, "state=NEW");
        assertThat(offered).isNotEmpty().allSatisfy(l -> {
            assertThat(l.get("state").asText()).isEqualTo("NEW");
            assertThat(l.get("sku").asText()).isNotEmpty();
            assertThat(l.get("name").asText()).isNotEmpty();
            assertThat(l.get("variant").asText()).isNotEmpty();
        });

        // orders: "#1001"-style references, the lines ShipStation has under the number without '#'
        assertOrdersMatchShipStation(id);
        int before = api.orders("integrationId=" + id).get("total").asInt();
        assertThat(before).isPositive();

        // the shop changes some orders now; the next sync reads those and nothing else
        MutationBatch batch = shop.mutateOrders(6);
        JsonNode incremental = api.syncAndWait(id, "orders");
        assertThat(incremental.at("/progress/items").asInt()).as("only the changed orders: %s", incremental).isEqualTo(6);
        assertOrdersMatchShipStation(id);
        Map<String, JsonNode> byRef = new HashMap<>();
        api.orders("integrationId=" + id).get("items").forEach(o -> byRef.put(o.get("externalRef").asText(), o));
        for (long orderId : batch.orderIds()) {
            JsonNode twin = shipStationOrder(orderId);
            JsonNode order = byRef.get("#" + twin.get("orderNumber").asText());
            assertThat(order).as("order %s", twin.get("orderNumber")).isNotNull();
            assertThat(order.get("externalStatus").asText()).as("order %s", twin.get("orderNumber"))
                    .isEqualTo(shopifyStatus(twin));
        }
    }

    /** The host holds exactly the ShipStation side's orders in the window that are not on hold, with the same lines. */
    private static void assertOrdersMatchShipStation(long id) throws Exception {
        Instant start = START.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, List<String>> expected = new TreeMap<>();
        for (JsonNode o : shipStation("/orders?pageSize=500", "orders")) {
            Instant placed = LocalDateTime.parse(o.get("orderDate").asText()).atZone(PACIFIC).toInstant();
            if (o.get("orderStatus").asText().equals("on_hold") || placed.isBefore(start.minusSeconds(1))) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            o.get("items").forEach(i -> {
                if (!i.get("adjustment").asBoolean()) {
                    lines.add(i.get("sku").asText() + " x" + i.get("quantity").asInt());
                }
            });
            expected.put("#" + o.get("orderNumber").asText(), lines);
        }
        Map<String, List<String>> imported = new TreeMap<>();
        for (JsonNode o : api.orders("integrationId=" + id).get("items")) {
            List<String> lines = new ArrayList<>();
            o.get("items").forEach(i -> lines.add(i.get("sku").asText() + " x" + i.get("quantity").asInt()));
            imported.put(o.get("externalRef").asText(), lines);
        }
        assertThat(imported.keySet()).allSatisfy(ref -> assertThat(ref).matches("#1\\d{3}"));
        assertThat(imported).isEqualTo(expected);
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
