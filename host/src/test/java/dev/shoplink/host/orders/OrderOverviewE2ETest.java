package dev.shoplink.host.orders;

import static dev.shoplink.host.testing.AdminCalls.productNamed;
import static dev.shoplink.host.testing.AdminCalls.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.api.Listing;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.testing.MemoryShop;
import dev.shoplink.host.testing.TestHost;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orders overview over HTTP: filters, paging, status changes, the manual archive, and what
 * disconnecting, purging and reconnecting a shop do to its imported orders.
 */
class OrderOverviewE2ETest {
    @TempDir
    static Path dir;
    @AutoClose
    static HostWithShop<MemoryShop> running;
    static MemoryShop shop;
    static TestHost host;
    static AdminCalls api;

    /** The host runs in UTC. */
    static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    static final Instant RECENT = Instant.now().minus(Duration.ofHours(3));

    @BeforeAll
    static void start() {
        running = HostWithShop.memory(dir);
        shop = running.shop();
        host = running.host();
        api = running.api();
    }

    /** 10:00 UTC, {@code days} after the start date. */
    static Instant day(int days) {
        return START.plusDays(days).atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    /** An order placed at 10:00 UTC, {@code days} after the start date, with one line no listing is linked to. */
    static ShopOrder placed(long orderId, String ref, int days, String sku) {
        return MemoryShop.order(Long.toString(orderId), ref, day(days), MemoryShop.line(Long.toString(orderId * 10), "", sku, 1, "12.00"));
    }

    static ShopOrder withCustomer(ShopOrder order, String name, String email) {
        return MemoryShop.customer(order, name, email);
    }

    static long syncedShop(MemoryShop.Account account) {
        long id = api.createIntegration(account, START);
        api.syncAndWait(id, "all");
        return id;
    }

    static List<String> refs(String query) {
        return api.orders(query).get("items").findValuesAsText("externalRef");
    }

    static long orderId(String ref) {
        return api.orderByRef(ref).get("id").asLong();
    }

    @Test
    void filtersByIntegrationStatusDatesAndTextNewestFirstInPages() {
        long a = syncedShop(shop.account().orders(
                withCustomer(placed(6001, "FA-1001", 1, "FA-SKU"), "Ada Quartermain", "ada@quartermain.example"),
                placed(6002, "FA-1002", 2, "FA-SKU"),
                placed(6003, "FA-1003", 3, "FQ-SKU-XYZ"),
                placed(6004, "FA-1004", 4, "FA-SKU")));
        long b = syncedShop(shop.account().orders(
                withCustomer(MemoryShop.order("7001", "FB-2001", day(2).plus(Duration.ofHours(2)),
                        MemoryShop.line("70011", "", "FB-SKU", 1, "9.00")), "Ada Quartermain", "ada@quartermain.example")));

        assertThat(refs("integrationId=" + a)).containsExactly("FA-1004", "FA-1003", "FA-1002", "FA-1001");
        assertThat(refs("integrationId=" + b)).containsExactly("FB-2001");
        assertThat(refs("q=quartermain")).as("by customer, across shops, newest first").containsExactly("FB-2001", "FA-1001");
        assertThat(refs("q=ADA@QUARTERMAIN")).containsExactly("FB-2001", "FA-1001");
        assertThat(refs("q=fa-1003")).as("by external reference").containsExactly("FA-1003");
        assertThat(refs("q=fq-sku-xyz")).as("by SKU").containsExactly("FA-1003");
        assertThat(refs("q=quartermain&integrationId=" + a)).containsExactly("FA-1001");
        assertThat(refs("q=100%25")).isEmpty();

        long second = orderId("FA-1002");
        assertThat(host.patch("/api/v1/orders/" + second, Map.of("status", "IN_PROGRESS")).status()).isEqualTo(200);
        assertThat(refs("integrationId=" + a + "&status=IN_PROGRESS")).containsExactly("FA-1002");
        assertThat(refs("integrationId=" + a + "&status=received")).containsExactly("FA-1004", "FA-1003", "FA-1001");

        assertThat(refs("integrationId=" + a + "&from=" + START.plusDays(2) + "&to=" + START.plusDays(3)))
                .as("both days included").containsExactly("FA-1003", "FA-1002");
        assertThat(refs("integrationId=" + a + "&from=" + START.plusDays(4))).containsExactly("FA-1004");
        assertThat(refs("integrationId=" + a + "&to=" + START.plusDays(1))).containsExactly("FA-1001");
        // exact instants, both ends included
        Instant placedTwo = day(2);
        Instant placedThree = day(3);
        assertThat(refs("integrationId=" + a + "&from=" + placedTwo + "&to=" + placedThree)).containsExactly("FA-1003", "FA-1002");
        assertThat(refs("integrationId=" + a + "&from=" + placedTwo.plusSeconds(1) + "&to=" + placedThree.minusSeconds(1))).isEmpty();
        // an offset's '+' sent unescaped arrives as a space
        String twoWithOffset = placedTwo.atOffset(java.time.ZoneOffset.ofHours(1)).toLocalDateTime() + "+01:00";
        assertThat(refs("integrationId=" + a + "&from=" + twoWithOffset)).containsExactly("FA-1004", "FA-1003", "FA-1002");

        JsonNode page = host.get("/api/v1/orders?integrationId=" + a + "&size=3&page=2").json();
        assertThat(page.get("items").findValuesAsText("externalRef")).containsExactly("FA-1001");
        assertThat(page.get("page").asInt()).isEqualTo(2);
        assertThat(page.get("size").asInt()).isEqualTo(3);
        assertThat(page.get("total").asLong()).isEqualTo(4);
        assertThat(host.get("/api/v1/orders?integrationId=" + a).json().get("size").asInt()).as("default page size").isEqualTo(50);

        assertInvalid(host.get("/api/v1/orders?status=SHIPPED"), "status");
        assertInvalid(host.get("/api/v1/orders?from=2026-02-30"), "from");
        assertInvalid(host.get("/api/v1/orders?to=yesterday"), "to");
        assertInvalid(host.get("/api/v1/orders?integrationId=abc"), "integrationId");
        assertInvalid(host.get("/api/v1/orders?page=0"), "page");
        assertInvalid(host.get("/api/v1/orders?size=501"), "size");
    }

    private static void assertInvalid(TestHost.Response r, String field) {
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("errors").findValuesAsText("field")).contains(field);
    }

    @Test
    void showsOneOrderAndChangesItsStatus() {
        syncedShop(shop.account().orders(placed(6101, "ST-1", 1, "ST-SKU")));
        JsonNode listed = api.orderByRef("ST-1");
        long id = listed.get("id").asLong();

        JsonNode detail = host.get("/api/v1/orders/" + id).json();
        assertThat(detail.at("/history/0/to").asText()).as("the import is recorded").isEqualTo("RECEIVED");
        assertThat((JsonNode) ((com.fasterxml.jackson.databind.node.ObjectNode) detail).without("history"))
                .isEqualTo((JsonNode) ((com.fasterxml.jackson.databind.node.ObjectNode) listed).without("history"));
        TestHost.Response inProgress = host.patch("/api/v1/orders/" + id, Map.of("status", "IN_PROGRESS"));
        assertThat(inProgress.status()).as("%s", inProgress).isEqualTo(200);
        assertThat(inProgress.json().get("status").asText()).isEqualTo("IN_PROGRESS");
        TestHost.Response completed = host.patch("/api/v1/orders/" + id, Map.of("status", "completed"));
        assertThat(completed.json().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(host.get("/api/v1/orders/" + id).json().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.json().get("tag").asText()).isEqualTo(listed.get("tag").asText());

        // completed stays completed; archiving has its own call
        TestHost.Response reopened = host.patch("/api/v1/orders/" + id, Map.of("status", "RECEIVED"));
        assertThat(reopened.status()).as("%s", reopened).isEqualTo(409);
        assertThat(reopened.json().get("type").asText()).endsWith("/order-status-transition");
        assertInvalid(host.patch("/api/v1/orders/" + id, Map.of("status", "ARCHIVED")), "status");
        assertThat(host.get("/api/v1/orders/" + id).json().get("status").asText()).isEqualTo("COMPLETED");
        assertInvalid(host.patch("/api/v1/orders/" + id, Map.of("status", "SHIPPED")), "status");
        assertInvalid(host.patch("/api/v1/orders/" + id, Map.of()), "status");
        assertThat(host.patch("/api/v1/orders/" + id, "{\"status\":").status()).isEqualTo(400);
        assertThat(host.patch("/api/v1/orders/999999", Map.of("status", "COMPLETED")).status()).isEqualTo(404);
        assertThat(host.get("/api/v1/orders/999999").status()).isEqualTo(404);
        assertThat(host.get("/api/v1/orders/abc").status()).isEqualTo(404);
    }

    @Test
    void archivesByIdsAndAllOfAnIntegrationOrderedBeforeADate() {
        long c = syncedShop(shop.account().orders(
                placed(6201, "AR-1", 1, "AR-SKU"), placed(6202, "AR-2", 2, "AR-SKU"),
                placed(6203, "AR-3", 3, "AR-SKU"), placed(6204, "AR-4", 4, "AR-SKU")));
        long other = syncedShop(shop.account().orders(placed(6301, "AR-OTHER", 1, "AR-SKU")));

        TestHost.Response byIds = host.post("/api/v1/orders/archive", Map.of("ids", List.of(orderId("AR-1"))));
        assertThat(byIds.status()).as("%s", byIds).isEqualTo(200);
        assertThat(byIds.json().get("archived").asInt()).isEqualTo(1);
        assertThat(api.orderByRef("AR-1").get("status").asText()).isEqualTo("ARCHIVED");
        assertThat(host.post("/api/v1/orders/archive", Map.of("ids", List.of(orderId("AR-1")))).json().get("archived").asInt())
                .as("already archived").isZero();

        TestHost.Response before = host.post("/api/v1/orders/archive",
                Map.of("integrationId", c, "orderedBefore", START.plusDays(3).toString()));
        assertThat(before.status()).as("%s", before).isEqualTo(200);
        assertThat(before.json().get("archived").asInt()).isEqualTo(1);
        assertThat(refs("integrationId=" + c + "&status=ARCHIVED")).containsExactly("AR-2", "AR-1");
        assertThat(refs("integrationId=" + c + "&status=RECEIVED")).containsExactly("AR-4", "AR-3");
        assertThat(api.orderByRef("AR-OTHER").get("status").asText()).as("another shop's order").isEqualTo("RECEIVED");
        assertThat(api.integration(other).at("/counts/orders").asLong()).isEqualTo(1);

        assertInvalid(host.post("/api/v1/orders/archive", Map.of("ids", List.of())), "ids");
        assertInvalid(host.post("/api/v1/orders/archive", Map.of("ids", "all")), "ids");
        assertInvalid(host.post("/api/v1/orders/archive", Map.of("ids", List.of(0))), "ids[0]");
        assertInvalid(host.post("/api/v1/orders/archive", Map.of("integrationId", 999_999, "orderedBefore", START.toString())),
                "integrationId");
        assertInvalid(host.post("/api/v1/orders/archive", Map.of("integrationId", c)), "orderedBefore");
        assertInvalid(host.post("/api/v1/orders/archive", Map.of("integrationId", c, "orderedBefore", "soon")), "orderedBefore");
        assertThat(refs("integrationId=" + c + "&status=RECEIVED")).containsExactly("AR-4", "AR-3");
    }

    @Test
    void disconnectingArchivesReceivedOrdersWhichStayListedUnderTheShopsName() {
        JsonNode integration = api.createIntegration(api.integrationBody(shop.account()
                .listings(MemoryShop.listing("811", "DC-811", "Disconnect coffee", RECENT))
                .orders(placed(6401, "DC-1", 1, "DC-811"), placed(6402, "DC-2", 2, "DC-811"),
                        placed(6403, "DC-3", 3, "DC-811")), START));
        long id = integration.get("id").asLong();
        api.syncAndWait(id, "all");
        assertThat(host.patch("/api/v1/orders/" + orderId("DC-2"), Map.of("status", "IN_PROGRESS")).status()).isEqualTo(200);
        assertThat(host.patch("/api/v1/orders/" + orderId("DC-3"), Map.of("status", "COMPLETED")).status()).isEqualTo(200);

        TestHost.Response disconnected = host.delete("/api/v1/integrations/" + id);

        assertThat(disconnected.status()).as("%s", disconnected).isEqualTo(200);
        assertThat(disconnected.json().get("ordersArchived").asInt()).isEqualTo(1);
        JsonNode orders = api.orders("integrationId=" + id);
        assertThat(orders.get("total").asLong()).as("imported orders survive a disconnect").isEqualTo(3);
        assertThat(orders.get("items").findValuesAsText("shop")).containsOnly(integration.get("name").asText());
        assertThat(api.orderByRef("DC-1").get("status").asText()).isEqualTo("ARCHIVED");
        assertThat(api.orderByRef("DC-2").get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(api.orderByRef("DC-3").get("status").asText()).isEqualTo("COMPLETED");
        JsonNode one = host.get("/api/v1/orders/" + orderId("DC-1")).json();
        assertThat(one.get("shop").asText()).isEqualTo(integration.get("name").asText());
        assertThat(one.get("customerType").asText()).isEqualTo("RETAIL");
        assertThat(one.at("/items/0/sku").asText()).isEqualTo("DC-811");
        assertThat(host.post("/api/v1/integrations/" + id + "/sync", Map.of("scope", "orders")).status()).isEqualTo(404);
    }

    @Test
    void disconnectingCanKeepOpenOrdersOrPurgeEverything() {
        long keep = syncedShop(shop.account().orders(placed(6501, "KP-1", 1, "KP-SKU")));
        TestHost.Response kept = host.delete("/api/v1/integrations/" + keep + "?archiveOpenOrders=false");
        assertThat(kept.status()).as("%s", kept).isEqualTo(200);
        assertThat(kept.json().get("ordersArchived").asInt()).isZero();
        assertThat(api.orderByRef("KP-1").get("status").asText()).isEqualTo("RECEIVED");

        long purge = syncedShop(shop.account()
                .listings(MemoryShop.listing("821", "PG-821", "Purged coffee", RECENT))
                .orders(placed(6601, "PG-1", 1, "PG-821"), placed(6602, "PG-2", 2, "PG-821")));
        long purgedId = orderId("PG-1");
        TestHost.Response purged = host.delete("/api/v1/integrations/" + purge + "?purge=true");
        assertThat(purged.status()).as("%s", purged).isEqualTo(200);
        assertThat(purged.json().get("ordersPurged").asInt()).isEqualTo(2);
        assertThat(api.orders("integrationId=" + purge).get("total").asLong()).isZero();
        assertThat(api.orders("q=PG-").get("total").asLong()).isZero();
        assertThat(host.get("/api/v1/orders/" + purgedId).status()).isEqualTo(404);
    }

    @Test
    void reconnectingTheSameShopImportsNoOrderTwiceAndKeepsMappings() {
        Listing coffee = MemoryShop.listing("831", "RC-831-250-WB", "Reconnect coffee", RECENT);
        ShopOrder[] orders = {
                MemoryShop.order("6701", "RC-1", RECENT.minus(Duration.ofHours(2)),
                        MemoryShop.line("67011", "831", "RC-831-250-WB", 1, "12.00")),
                placed(6702, "RC-2", 2, "RC-OTHER")};
        MemoryShop.Account oldKeys = shop.account().listings(coffee).orders(orders);
        Map<String, Object> body = api.integrationBody(oldKeys, START);
        long first = api.createIntegration(body).get("id").asLong();
        api.syncAndWait(first, "all");
        TestHost.Response mapped = api.map(first, row(api.listing(first, 831).get("id").asLong(),
                productNamed("RC Reconnect"), "250 g", "WHOLE_BEAN"));
        assertThat(mapped.status()).as("%s", mapped).isEqualTo(200);
        long variant = mapped.json().at("/items/0/mapping/variantId").asLong();
        JsonNode before = api.orderByRef("RC-1");
        long secondOrder = orderId("RC-2");
        assertThat(host.patch("/api/v1/orders/" + secondOrder, Map.of("status", "IN_PROGRESS")).status()).isEqualTo(200);
        assertThat(host.delete("/api/v1/integrations/" + first).status()).isEqualTo(200);

        // the same shop, connected again with regenerated keys
        MemoryShop.Account newKeys = shop.account().listings(coffee).orders(orders);
        Map<String, Object> again = new LinkedHashMap<>(body);
        again.put("credentials", newKeys.credentials());
        long second = api.createIntegration(again).get("id").asLong();
        assertThat(second).isNotEqualTo(first);
        api.syncAndWait(second, "all");

        assertThat(api.orders("q=RC-").get("total").asLong()).as("no order imported twice").isEqualTo(2);
        JsonNode after = api.orderByRef("RC-1");
        assertThat(after.get("id").asLong()).isEqualTo(before.get("id").asLong());
        assertThat(after.get("tag").asText()).isEqualTo(before.get("tag").asText());
        assertThat(after.get("status").asText()).as("archived on disconnect, still archived").isEqualTo("ARCHIVED");
        assertThat(after.at("/items/0/mapped").asBoolean()).isTrue();
        assertThat(after.at("/items/0/variantId").asLong()).isEqualTo(variant);
        assertThat(api.orderByRef("RC-2").get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(refs("integrationId=" + second)).as("the new integration adopts the shop's orders")
                .containsExactly("RC-1", "RC-2");

        List<JsonNode> listings = api.listings(second, "includeHidden=true");
        assertThat(listings).hasSize(1);
        assertThat(listings.get(0).get("state").asText()).isEqualTo("MAPPED");
        assertThat(listings.get(0).at("/mapping/variantId").asLong()).isEqualTo(variant);
        assertThat(listings.get(0).get("active").asBoolean()).isTrue();
        assertThat(api.integration(second).at("/counts/listingsMapped").asLong()).isEqualTo(1);
    }
}
