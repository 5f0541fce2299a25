package dev.shoplink.host.switching;

import static dev.shoplink.host.testing.AdminCalls.productNamed;
import static dev.shoplink.host.testing.AdminCalls.row;
import static dev.shoplink.host.testing.AdminCalls.keyedBy;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_ARRAY_ORDER;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
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
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switching between two accounts of the in-memory test shop whose data is made to hold every case: order numbers written
 * differently ("#1001", " 1002 "), an order number the predecessor holds twice, one the new shop holds twice, a SKU
 * the predecessor maps to two catalog variants (its shop renamed a SKU after mapping), an ignored SKU, unseen SKUs,
 * and an order the new shop reports only after the switch (linked by the import path).
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
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

    /** Where the overview's order numbers stand in an answer. */
    static final String REFS = "$.items[*].externalRef";
    /** The predecessor, the catalog variants its listings were mapped to, its orders by number, the one in progress. */
    static long old;
    static final Map<String, Long> variant = new HashMap<>();
    static final Map<String, JsonNode> oldOrders = new HashMap<>();
    static long firstOrder;
    /** The new shop's account and the switch form for it. */
    static MemoryShop.Account after;
    static Map<String, Object> form;

    static ShopOrder order(long id, String number, long productId, String sku) {
        return MemoryShop.order(Long.toString(id), number, RECENT.minus(Duration.ofMinutes(id)),
                MemoryShop.line(Long.toString(id * 10), Long.toString(productId), sku, 1, "14.50"));
    }

    static Listing product(long id, String sku, String name) {
        return MemoryShop.listing(Long.toString(id), sku, name, RECENT);
    }

    /**
     * The predecessor synced with four listings (SKU-A, SKU-B, SKU-E mapped, SKU-C ignored; then SKU-B renamed SKU-A
     * in the shop) and six orders (1003 twice, #1001 in progress); the new shop with SKU-A, SKU-C, SKU-E, SKU-Z and
     * six orders (1004 twice, one as " #1004").
     */
    @BeforeAll
    static void start() {
        running = HostWithShop.memory(dir);
        shop = running.shop();
        host = running.host();
        api = running.api();

        Listing a = product(101, "SKU-A", "Kenya AA");
        Listing b = product(102, "SKU-B", "Ethiopia Guji");
        Listing c = product(103, "SKU-C", "Gift card");
        Listing e = product(105, "SKU-E", "Colombia");
        MemoryShop.Account before = shop.account().listings(a, b, c, e).orders(
                order(1, "#1001", 101, "SKU-A"), order(2, " 1002 ", 102, "SKU-B"), order(3, "1003", 101, "SKU-A"),
                order(4, "1003", 105, "SKU-E"), order(5, "1004", 105, "SKU-E"), order(6, "1005", 105, "SKU-E"));
        old = api.createIntegration(api.integrationBody(before, "Roastery", "https://old.example.com", START))
                .get("id").asLong();
        api.syncAndWait(old, "all");
        Map<String, Long> listing = new HashMap<>();
        api.listings(old, "includeHidden=true").forEach(l -> listing.put(l.get("sku").asText(), l.get("id").asLong()));
        assertThat(api.map(old, row(listing.get("SKU-A"), productNamed("Kenya AA"), "250 g", "WHOLE_BEAN"),
                row(listing.get("SKU-B"), productNamed("Ethiopia Guji"), "250 g", "WHOLE_BEAN"),
                row(listing.get("SKU-E"), productNamed("Colombia"), "1 kg", "WHOLE_BEAN")).status()).isEqualTo(200);
        assertThat(host.post("/api/v1/integrations/" + old + "/listings/" + listing.get("SKU-C") + "/ignore", Map.of())
                .status()).isEqualTo(200);
        api.listings(old, "state=MAPPED").forEach(l -> variant.put(l.get("sku").asText(), l.at("/mapping/variantId").asLong()));
        // the shop renames SKU-B to SKU-A after the mapping: SKU-A is now mapped to two catalog variants
        before.listings(a, new Listing("102", "SKU-A", "Ethiopia Guji", "", "", b.price(), true, b.createdAt(),
                b.modifiedAt().plus(Duration.ofHours(1))), c, e);
        api.syncAndWait(old, "products");
        api.orders("integrationId=" + old).get("items").forEach(o -> oldOrders.put(o.get("externalRef").asText().strip(), o));
        assertThat(oldOrders).hasSize(5); // the two orders 1003 share a key here
        firstOrder = oldOrders.get("#1001").get("id").asLong();
        assertThat(host.patch("/api/v1/orders/" + firstOrder, Map.of("status", "IN_PROGRESS")).status()).isEqualTo(200);
        assertThat(api.orders("integrationId=" + old).get("total").asInt()).isEqualTo(6);

        after = shop.account()
                .listings(product(201, "SKU-A", "Kenya AA"), product(203, "SKU-C", "Gift card"),
                        product(205, "SKU-E", "Colombia"), product(209, "SKU-Z", "Brazil"))
                .orders(order(11, "1001", 201, "SKU-A"), order(12, "#1002", 201, "SKU-A"),
                        order(13, "1003", 205, "SKU-E"), order(14, "1004", 205, "SKU-E"), order(15, " #1004", 205, "SKU-E"),
                        order(16, "2001", 209, "SKU-Z"));
        form = api.integrationBody(after, "Roastery", "https://new.example.com", START);
    }

    static String switchPath(long integration) {
        return "/api/v1/integrations/" + integration + "/switch";
    }

    /** Switches refused before anything changes. */
    @Nested
    @Order(1)
    class Refused {
        @Test
        void theSameShopAgainSpelledDifferentlyIsA422NamingTheShopUrl() {
            // given
            Map<String, Object> same = api.integrationBody(after, "Roastery", "https://OLD.example.com/", START);

            // when
            TestHost.Response sameShop = host.post(switchPath(old), same);

            // then
            assertThat(sameShop.status()).as("%s", sameShop).isEqualTo(422);
            assertThatJson(sameShop.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"errors": [{"field": "shopUrl"}]}""");
        }

        @Test
        void anUnknownIntegrationIsA404() {
            assertThat(host.post(switchPath(9999), form).status()).isEqualTo(404);
        }
    }

    /** The dry run of the switch. */
    @Nested
    @Order(2)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ADryRun {
        JsonNode dry;

        @BeforeAll
        void dryRun() {
            dry = host.post(switchPath(old) + "?dryRun=true", form).json();
        }

        @Test
        void inheritsTheOneSkuMappedOnceKeepsTheIgnoredOneAndOffersTheRest() {
            assertThatJson(dry).when(IGNORING_EXTRA_FIELDS).node("listings").isEqualTo("""
                    {"mapped": 1, "ignored": 1, "newSkus": 2}""");
            assertThatJson(dry).node("listings.items").isArray().hasSize(4);
            assertThatJson(keyedBy("sku", dry.at("/listings/items"))).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {
                      "SKU-A": {"outcome": "NEW"},
                      "SKU-C": {"outcome": "IGNORED"},
                      "SKU-E": {"outcome": "MAPPED"},
                      "SKU-Z": {"outcome": "NEW"}
                    }""");
        }

        @Test
        void linksTheOrdersWhoseNormalizedNumberBothHoldOnce() {
            assertThatJson(dry).when(IGNORING_EXTRA_FIELDS).node("orders").isEqualTo("""
                    {"read": 6, "linked": 2, "newOrders": 4, "predecessorKept": 4}""");
            assertThatJson(dry).when(IGNORING_ARRAY_ORDER).inPath("$.orders.links[*].orderNumber").isEqualTo(List.of("1001", "1002"));
        }

        @Test
        void leavesTheSkuOnTwoVariantsAndTheNumbersHeldTwiceToTheRoaster() {
            assertThatJson(dry).when(IGNORING_ARRAY_ORDER).node("conflicts").isEqualTo("""
                    [
                      {
                        "kind": "SKU_MAPPED_TO_TWO_VARIANTS",
                        "sku": "SKU-A",
                        "variantIds": [%d, %d],
                        "detail": "${json-unit.any-string}"
                      },
                      {
                        "kind": "ORDER_NUMBER_TWICE",
                        "orderNumber": "1003",
                        "side": "PREDECESSOR",
                        "count": 2,
                        "detail": "${json-unit.any-string}"
                      },
                      {
                        "kind": "ORDER_NUMBER_TWICE",
                        "orderNumber": "1004",
                        "side": "NEW_SHOP",
                        "count": 2,
                        "detail": "${json-unit.any-string}"
                      }
                    ]""".formatted(variant.get("SKU-A"), variant.get("SKU-B")));
        }

        @Test
        void changesNothing() {
            assertThatJson(api.integration(old)).node("status").isEqualTo("CONNECTED");
            assertThatJson(host.get("/api/v1/integrations").body()).node("total").isEqualTo(1);
        }
    }

    /** The switch, and the first sync it starts. */
    @Nested
    @Order(3)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TheSwitch {
        TestHost.Response switched;
        long now;
        JsonNode sync;

        @BeforeAll
        void switchShops() {
            switched = host.post(switchPath(old), form);
            assertThat(switched.status()).as("%s", switched).isEqualTo(201);
            now = switched.json().at("/integration/id").asLong();
            sync = api.awaitFinished(switched.json().get("syncId").asLong());
        }

        @Test
        void startsASyncThatSucceeds() {
            assertThatJson(sync).node("state").isEqualTo("SUCCEEDED");
        }

        @Test
        void inheritsMappingsBySkuAndLeavesTheConflictToTheWizard() {
            // SKU-A, a conflict, goes to the wizard
            assertThatJson(keyedBy("sku", api.listings(now, "includeHidden=true"))).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {
                      "SKU-E": {"state": "MAPPED", "mapping": {"variantId": %d}},
                      "SKU-C": {"state": "IGNORED"},
                      "SKU-A": {"state": "NEW"},
                      "SKU-Z": {"state": "NEW"}
                    }""".formatted(variant.get("SKU-E")));
        }

        @Test
        void linksTheOrdersByNormalizedNumberKeepingTheirIdTagAndStatus() {
            // 6 of the predecessor + 1003, 1004, #1004 and 2001 of the new shop; 1001 and 1002 linked
            assertThatJson(api.orders("")).node("total").isEqualTo(10);
            assertThatJson(byRef("1001")).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"id": %d, "tag": "OR-%d", "status": "IN_PROGRESS", "integrationId": %d}""".formatted(firstOrder, firstOrder, now));
            assertThatJson(byRef("#1002")).node("id").isEqualTo(oldOrders.get("1002").get("id").asLong());
        }

        @Test
        void leavesTheUnlinkedOrdersWithTheirIntegration() {
            assertThatJson(api.orders("integrationId=" + old)).when(IGNORING_ARRAY_ORDER).inPath(REFS)
                    .isEqualTo(List.of("1003", "1003", "1004", "1005"));
            assertThatJson(api.orders("integrationId=" + now)).when(IGNORING_ARRAY_ORDER).inPath(REFS)
                    .isEqualTo(List.of("1001", "#1002", "1003", "1004", " #1004", "2001"));
        }

        /**
         * The new shop then reports 1005 (changed just now, so the incremental sync reads it), and the new integration
         * syncs its orders.
         */
        @Nested
        @TestInstance(TestInstance.Lifecycle.PER_CLASS)
        class ThenTheNewShopReportsALateOrder {
            @BeforeAll
            void reportAndSync() {
                after.orders(order(11, "1001", 201, "SKU-A"),
                        MemoryShop.changed(order(17, "1005", 205, "SKU-E"), "awaiting_shipment", OrderState.PROCESSING, Instant.now()));
                api.syncAndWait(now, "orders");
            }

            @Test
            void theImportPathLinksItToo() {
                assertThatJson(api.orders("")).node("total").isEqualTo(10);
                assertThatJson(api.orders("integrationId=" + old)).when(IGNORING_ARRAY_ORDER).inPath(REFS)
                        .isEqualTo(List.of("1003", "1003", "1004"));
                assertThatJson(byRef("1005")).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                        {"id": %d, "integrationId": %d}""".formatted(oldOrders.get("1005").get("id").asLong(), now));
            }
        }
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
