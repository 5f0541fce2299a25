package dev.shoplink.host.switching;

import static dev.shoplink.host.testing.AdminCalls.productNamed;
import static dev.shoplink.host.testing.AdminCalls.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.api.Listing;
import dev.shoplink.api.OrderState;
import dev.shoplink.api.ShopOrder;
import dev.shoplink.host.testing.MemoryShop;
import dev.shoplink.host.testing.TestHost;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switching between two accounts of the in-memory test shop whose data is made to hold every case: order numbers written
 * differently ("#1001", " 1002 "), an order number the predecessor holds twice, one the new shop holds twice, a SKU
 * the predecessor maps to two catalog variants (its shop renamed a SKU after mapping), an ignored SKU, unseen SKUs,
 * and an order the new shop reports only after the switch (linked by the import path).
 */
class ShopSwitchConflictsE2ETest {
    static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    static final Instant RECENT = Instant.now().minus(Duration.ofHours(3));

    @TempDir
    static Path dir;
    @AutoClose
    static HostWithShop<MemoryShop> running;
    static MemoryShop shop;
    static TestHost host;
    static AdminCalls api;

    @BeforeAll
    static void start() {
        running = HostWithShop.memory(dir);
        shop = running.shop();
        host = running.host();
        api = running.api();
    }

    static ShopOrder order(long id, String number, long productId, String sku) {
        return MemoryShop.order(Long.toString(id), number, RECENT.minus(Duration.ofMinutes(id)),
                MemoryShop.line(Long.toString(id * 10), Long.toString(productId), sku, 1, "14.50"));
    }

    static Listing product(long id, String sku, String name) {
        return MemoryShop.listing(Long.toString(id), sku, name, RECENT);
    }

    @Test
    void linksOrdersByNormalizedNumberInheritsMappingsBySkuAndLeavesConflictsToTheRoaster() {
        Listing a = product(101, "SKU-A", "Kenya AA");
        Listing b = product(102, "SKU-B", "Ethiopia Guji");
        Listing c = product(103, "SKU-C", "Gift card");
        Listing e = product(105, "SKU-E", "Colombia");
        MemoryShop.Account before = shop.account().listings(a, b, c, e).orders(
                order(1, "#1001", 101, "SKU-A"), order(2, " 1002 ", 102, "SKU-B"), order(3, "1003", 101, "SKU-A"),
                order(4, "1003", 105, "SKU-E"), order(5, "1004", 105, "SKU-E"), order(6, "1005", 105, "SKU-E"));
        long old = api.createIntegration(api.integrationBody(before, "Roastery", "https://old.example.com", START))
                .get("id").asLong();
        api.syncAndWait(old, "all");
        Map<String, Long> listing = new HashMap<>();
        api.listings(old, "includeHidden=true").forEach(l -> listing.put(l.get("sku").asText(), l.get("id").asLong()));
        assertThat(api.map(old, row(listing.get("SKU-A"), productNamed("Kenya AA"), "250 g", "WHOLE_BEAN"),
                row(listing.get("SKU-B"), productNamed("Ethiopia Guji"), "250 g", "WHOLE_BEAN"),
                row(listing.get("SKU-E"), productNamed("Colombia"), "1 kg", "WHOLE_BEAN")).status()).isEqualTo(200);
        assertThat(host.post("/api/v1/integrations/" + old + "/listings/" + listing.get("SKU-C") + "/ignore", Map.of())
                .status()).isEqualTo(200);
        Map<String, Long> variant = new HashMap<>();
        api.listings(old, "state=MAPPED").forEach(l -> variant.put(l.get("sku").asText(), l.at("/mapping/variantId").asLong()));
        // the shop renames SKU-B to SKU-A after the mapping: SKU-A is now mapped to two catalog variants
        before.listings(a, new Listing("102", "SKU-A", "Ethiopia Guji", "", "", b.price(), true, b.createdAt(),
                b.modifiedAt().plus(Duration.ofHours(1))), c, e);
        api.syncAndWait(old, "products");
        Map<String, JsonNode> oldOrders = new HashMap<>();
        api.orders("integrationId=" + old).get("items").forEach(o -> oldOrders.put(o.get("externalRef").asText().strip(), o));
        assertThat(oldOrders).hasSize(5); // the two orders 1003 share a key here
        long firstOrder = oldOrders.get("#1001").get("id").asLong();
        assertThat(host.patch("/api/v1/orders/" + firstOrder, Map.of("status", "IN_PROGRESS")).status()).isEqualTo(200);
        assertThat(api.orders("integrationId=" + old).get("total").asInt()).isEqualTo(6);

        MemoryShop.Account after = shop.account()
                .listings(product(201, "SKU-A", "Kenya AA"), product(203, "SKU-C", "Gift card"),
                        product(205, "SKU-E", "Colombia"), product(209, "SKU-Z", "Brazil"))
                .orders(order(11, "1001", 201, "SKU-A"), order(12, "#1002", 201, "SKU-A"),
                        order(13, "1003", 205, "SKU-E"), order(14, "1004", 205, "SKU-E"), order(15, " #1004", 205, "SKU-E"),
                        order(16, "2001", 209, "SKU-Z"));
        Map<String, Object> form = api.integrationBody(after, "Roastery", "https://new.example.com", START);

        // refusals change nothing: the same shop again, an unknown integration
        Map<String, Object> same = api.integrationBody(after, "Roastery", "https://OLD.example.com/", START);
        TestHost.Response sameShop = host.post("/api/v1/integrations/" + old + "/switch", same);
        assertThat(sameShop.status()).as("%s", sameShop).isEqualTo(422);
        assertThat(sameShop.json().at("/errors/0/field").asText()).isEqualTo("shopUrl");
        assertThat(host.post("/api/v1/integrations/9999/switch", form).status()).isEqualTo(404);

        JsonNode dry = host.post("/api/v1/integrations/" + old + "/switch?dryRun=true", form).json();
        assertThat(dry.at("/listings/mapped").asInt()).isEqualTo(1);
        assertThat(dry.at("/listings/ignored").asInt()).isEqualTo(1);
        assertThat(dry.at("/listings/newSkus").asInt()).isEqualTo(2);
        Map<String, String> outcome = new HashMap<>();
        dry.at("/listings/items").forEach(i -> outcome.put(i.get("sku").asText(), i.get("outcome").asText()));
        assertThat(outcome).isEqualTo(Map.of("SKU-A", "NEW", "SKU-C", "IGNORED", "SKU-E", "MAPPED", "SKU-Z", "NEW"));
        assertThat(dry.at("/orders/read").asInt()).isEqualTo(6);
        assertThat(dry.at("/orders/linked").asInt()).isEqualTo(2);
        assertThat(dry.at("/orders/newOrders").asInt()).isEqualTo(4);
        assertThat(dry.at("/orders/predecessorKept").asInt()).isEqualTo(4);
        assertThat(dry.at("/orders/links").findValuesAsText("orderNumber")).containsExactlyInAnyOrder("1001", "1002");
        List<String> conflicts = new ArrayList<>();
        dry.get("conflicts").forEach(x -> conflicts.add(x.get("kind").asText() + " " + x.path("sku").asText("")
                + x.path("orderNumber").asText("") + " " + x.path("side").asText("") + " " + x.path("count").asInt()
                + " " + x.path("variantIds").size()));
        assertThat(conflicts).containsExactlyInAnyOrder("SKU_MAPPED_TO_TWO_VARIANTS SKU-A  0 2",
                "ORDER_NUMBER_TWICE 1003 PREDECESSOR 2 0", "ORDER_NUMBER_TWICE 1004 NEW_SHOP 2 0");
        assertThat(api.integration(old).get("status").asText()).isEqualTo("CONNECTED");
        assertThat(host.get("/api/v1/integrations").json().get("total").asInt()).isEqualTo(1);

        TestHost.Response switched = host.post("/api/v1/integrations/" + old + "/switch", form);
        assertThat(switched.status()).as("%s", switched).isEqualTo(201);
        long now = switched.json().at("/integration/id").asLong();
        assertThat(api.awaitFinished(switched.json().get("syncId").asLong()).get("state").asText()).isEqualTo("SUCCEEDED");

        Map<String, JsonNode> newListings = new HashMap<>();
        api.listings(now, "includeHidden=true").forEach(l -> newListings.put(l.get("sku").asText(), l));
        assertThat(newListings.get("SKU-E").get("state").asText()).isEqualTo("MAPPED");
        assertThat(newListings.get("SKU-E").at("/mapping/variantId").asLong()).isEqualTo(variant.get("SKU-E"));
        assertThat(newListings.get("SKU-C").get("state").asText()).isEqualTo("IGNORED");
        assertThat(newListings.get("SKU-A").get("state").asText()).as("a conflict goes to the wizard").isEqualTo("NEW");
        assertThat(newListings.get("SKU-Z").get("state").asText()).isEqualTo("NEW");

        // 6 of the predecessor + 1003, 1004, #1004 and 2001 of the new shop; 1001 and 1002 linked
        assertThat(api.orders("").get("total").asInt()).isEqualTo(10);
        JsonNode first = byRef("1001");
        assertThat(first.get("id").asLong()).isEqualTo(firstOrder);
        assertThat(first.get("tag").asText()).isEqualTo("OR-" + firstOrder);
        assertThat(first.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(first.get("integrationId").asLong()).isEqualTo(now);
        assertThat(byRef("#1002").get("id").asLong()).isEqualTo(oldOrders.get("1002").get("id").asLong());
        assertThat(api.orders("integrationId=" + old).get("items").findValuesAsText("externalRef"))
                .containsExactlyInAnyOrder("1003", "1003", "1004", "1005");
        assertThat(api.orders("integrationId=" + now).get("items").findValuesAsText("externalRef"))
                .containsExactlyInAnyOrder("1001", "#1002", "1003", "1004", " #1004", "2001");

        // the new shop reports 1005 after the switch (changed just now, so the incremental sync reads it): the import
        // path links it too
        after.orders(order(11, "1001", 201, "SKU-A"),
                MemoryShop.changed(order(17, "1005", 205, "SKU-E"), "awaiting_shipment", OrderState.PROCESSING, Instant.now()));
        api.syncAndWait(now, "orders");
        assertThat(api.orders("").get("total").asInt()).isEqualTo(10);
        assertThat(api.orders("integrationId=" + old).get("items").findValuesAsText("externalRef"))
                .containsExactlyInAnyOrder("1003", "1003", "1004");
        JsonNode late = byRef("1005");
        assertThat(late.get("id").asLong()).isEqualTo(oldOrders.get("1005").get("id").asLong());
        assertThat(late.get("integrationId").asLong()).isEqualTo(now);
    }

    /** The one order with exactly that shop reference. */
    private static JsonNode byRef(String ref) {
        List<JsonNode> found = new ArrayList<>();
        api.orders("").get("items").forEach(o -> {
            if (o.get("externalRef").asText().equals(ref)) {
                found.add(o);
            }
        });
        assertThat(found).as(ref).hasSize(1);
        return found.get(0);
    }
}
