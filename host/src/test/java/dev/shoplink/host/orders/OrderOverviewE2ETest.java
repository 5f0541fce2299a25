package dev.shoplink.host.orders;

import static dev.shoplink.host.testing.AdminCalls.productNamed;
import static dev.shoplink.host.testing.AdminCalls.row;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_ARRAY_ORDER;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_ARRAY_ITEMS;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** Where the overview's order numbers stand in an answer, in the order listed. */
    static final String REFS = "$.items[*].externalRef";

    static long orderId(String ref) {
        return api.orderByRef(ref).get("id").asLong();
    }

    /**
     * Two shops: A with four orders on four days (FA-1001 with a customer, FA-1003 with a line of its own SKU,
     * FA-1002 in progress), B with one order of the same customer on FA-1002's day, two hours later.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Filters {
        long a;
        long b;

        @BeforeAll
        void twoShops() {
            a = syncedShop(shop.account().orders(
                    withCustomer(placed(6001, "FA-1001", 1, "FA-SKU"), "Ada Quartermain", "ada@quartermain.example"),
                    placed(6002, "FA-1002", 2, "FA-SKU"),
                    placed(6003, "FA-1003", 3, "FQ-SKU-XYZ"),
                    placed(6004, "FA-1004", 4, "FA-SKU")));
            b = syncedShop(shop.account().orders(
                    withCustomer(MemoryShop.order("7001", "FB-2001", day(2).plus(Duration.ofHours(2)),
                            MemoryShop.line("70011", "", "FB-SKU", 1, "9.00")), "Ada Quartermain", "ada@quartermain.example")));
            assertThat(host.patch("/api/v1/orders/" + orderId("FA-1002"), Map.of("status", "IN_PROGRESS")).status())
                    .isEqualTo(200);
        }

        @Test
        void listsAnIntegrationsOrdersNewestFirst() {
            assertThatJson(api.orders("integrationId=" + a)).inPath(REFS).isEqualTo(List.of("FA-1004", "FA-1003", "FA-1002", "FA-1001"));
            assertThatJson(api.orders("integrationId=" + b)).inPath(REFS).isEqualTo(List.of("FB-2001"));
        }

        @Test
        void findsByCustomerAcrossShopsInAnyCaseNewestFirst() {
            assertThatJson(api.orders("q=quartermain")).inPath(REFS).isEqualTo(List.of("FB-2001", "FA-1001"));
            assertThatJson(api.orders("q=ADA@QUARTERMAIN")).inPath(REFS).isEqualTo(List.of("FB-2001", "FA-1001"));
        }

        @Test
        void findsByExternalReferenceAndBySku() {
            assertThatJson(api.orders("q=fa-1003")).inPath(REFS).isEqualTo(List.of("FA-1003"));
            assertThatJson(api.orders("q=fq-sku-xyz")).inPath(REFS).isEqualTo(List.of("FA-1003"));
        }

        @Test
        void combinesTextWithIntegration() {
            assertThatJson(api.orders("q=quartermain&integrationId=" + a)).inPath(REFS).isEqualTo(List.of("FA-1001"));
        }

        @Test
        void takesAPercentSignLiterally() {
            assertThatJson(api.orders("q=100%25")).inPath(REFS).isEqualTo(List.of());
        }

        @Test
        void filtersByStatusInAnyCase() {
            assertThatJson(api.orders("integrationId=" + a + "&status=IN_PROGRESS")).inPath(REFS).isEqualTo(List.of("FA-1002"));
            assertThatJson(api.orders("integrationId=" + a + "&status=received")).inPath(REFS)
                    .isEqualTo(List.of("FA-1004", "FA-1003", "FA-1001"));
        }

        @Test
        void filtersByDaysBothIncluded() {
            assertThatJson(api.orders("integrationId=" + a + "&from=" + START.plusDays(2) + "&to=" + START.plusDays(3)))
                    .inPath(REFS).isEqualTo(List.of("FA-1003", "FA-1002"));
            assertThatJson(api.orders("integrationId=" + a + "&from=" + START.plusDays(4))).inPath(REFS).isEqualTo(List.of("FA-1004"));
            assertThatJson(api.orders("integrationId=" + a + "&to=" + START.plusDays(1))).inPath(REFS).isEqualTo(List.of("FA-1001"));
        }

        @Test
        void filtersByExactInstantsBothIncluded() {
            Instant placedTwo = day(2);
            Instant placedThree = day(3);

            assertThatJson(api.orders("integrationId=" + a + "&from=" + placedTwo + "&to=" + placedThree)).inPath(REFS)
                    .isEqualTo(List.of("FA-1003", "FA-1002"));
            assertThatJson(api.orders("integrationId=" + a + "&from=" + placedTwo.plusSeconds(1) + "&to=" + placedThree.minusSeconds(1)))
                    .inPath(REFS).isEqualTo(List.of());
        }

        @Test
        void readsAnOffsetsPlusSentUnescapedWhichArrivesAsASpace() {
            // given
            String twoWithOffset = day(2).atOffset(ZoneOffset.ofHours(1)).toLocalDateTime() + "+01:00";

            // when
            JsonNode found = api.orders("integrationId=" + a + "&from=" + twoWithOffset);

            // then
            assertThatJson(found).inPath(REFS).isEqualTo(List.of("FA-1004", "FA-1003", "FA-1002"));
        }

        @Test
        void pagesWithTheSizeAsked() {
            // when
            JsonNode page = host.get("/api/v1/orders?integrationId=" + a + "&size=3&page=2").json();

            // then
            assertThatJson(page).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"page": 2, "size": 3, "total": 4, "items": [{"externalRef": "FA-1001"}]}""");
        }

        @Test
        void pagesByFiftyUnlessToldOtherwise() {
            // when
            JsonNode page = host.get("/api/v1/orders?integrationId=" + a).json();

            // then
            assertThatJson(page).node("size").isEqualTo(50);
        }

        @ParameterizedTest
        @CsvSource({"status=SHIPPED, status", "from=2026-02-30, from", "to=yesterday, to", "integrationId=abc, integrationId",
                "page=0, page", "size=501, size"})
        void rejectsAFilterItCannotReadNamingIt(String query, String field) {
            // when
            TestHost.Response r = host.get("/api/v1/orders?" + query);

            // then
            assertInvalid(r, field);
        }
    }

    /** A 422 problem whose errors name {@code field} (among others). */
    private static void assertInvalid(TestHost.Response r, String field) {
        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThatJson(r.body()).when(IGNORING_EXTRA_FIELDS, IGNORING_EXTRA_ARRAY_ITEMS, IGNORING_ARRAY_ORDER).isEqualTo("""
                {"status": 422, "errors": [{"field": "%s"}]}""".formatted(field));
    }

    /** A new shop with one order, synced; the imported order's id. */
    static long syncedOrder(long shopOrderId, String ref) {
        syncedShop(shop.account().orders(placed(shopOrderId, ref, 1, ref + "-SKU")));
        return orderId(ref);
    }

    static String orderPath(long id) {
        return "/api/v1/orders/" + id;
    }

    /** One order, read and moved through its statuses. */
    @Nested
    class OneOrder {
        @Test
        void showsTheSameOrderAsTheListWithTheImportInItsHistory() {
            // given
            syncedShop(shop.account().orders(placed(6101, "ST-1", 1, "ST-SKU")));
            JsonNode listed = api.orderByRef("ST-1");

            // when
            JsonNode detail = host.get(orderPath(listed.get("id").asLong())).json();

            // then
            assertThatJson(detail).whenIgnoringPaths("history").isEqualTo(listed);
            assertThatJson(detail).inPath("history[0].to").as("the import is recorded").isEqualTo("RECEIVED");
        }

        @Test
        void movesToInProgressThenCompletedInAnyCaseKeepingItsTag() {
            // given
            long id = syncedOrder(6102, "ST-2");
            String tag = api.orderByRef("ST-2").get("tag").asText();

            // when
            TestHost.Response inProgress = host.patch(orderPath(id), Map.of("status", "IN_PROGRESS"));
            TestHost.Response completed = host.patch(orderPath(id), Map.of("status", "completed"));

            // then
            assertThat(inProgress.status()).as("%s", inProgress).isEqualTo(200);
            assertThatJson(inProgress.body()).node("status").isEqualTo("IN_PROGRESS");
            assertThatJson(completed.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"status": "COMPLETED", "tag": "%s"}""".formatted(tag));
            assertThatJson(host.get(orderPath(id)).body()).node("status").isEqualTo("COMPLETED");
        }

        @Test
        void aCompletedOrderCannotBeReopened() {
            // given
            long id = syncedOrder(6103, "ST-3");
            assertThat(host.patch(orderPath(id), Map.of("status", "COMPLETED")).status()).isEqualTo(200);

            // when
            TestHost.Response reopened = host.patch(orderPath(id), Map.of("status", "RECEIVED"));

            // then
            assertThat(reopened.status()).as("%s", reopened).isEqualTo(409);
            assertThatJson(reopened.body()).node("type").isEqualTo("https://shoplink.dev/problems/order-status-transition");
        }

        @Test
        void archivingHasItsOwnCallNotAStatusChange() {
            // given
            long id = syncedOrder(6104, "ST-4");
            assertThat(host.patch(orderPath(id), Map.of("status", "COMPLETED")).status()).isEqualTo(200);

            // when
            TestHost.Response archived = host.patch(orderPath(id), Map.of("status", "ARCHIVED"));

            // then
            assertInvalid(archived, "status");
            assertThatJson(host.get(orderPath(id)).body()).node("status").isEqualTo("COMPLETED");
        }

        @Test
        void aStatusItDoesNotKnowOrNoneIsInvalid() {
            // given
            long id = syncedOrder(6105, "ST-5");

            // when and then
            assertInvalid(host.patch(orderPath(id), Map.of("status", "SHIPPED")), "status");
            assertInvalid(host.patch(orderPath(id), Map.of()), "status");
            assertThat(host.patch(orderPath(id), "{\"status\":").status()).isEqualTo(400);
        }

        @Test
        void anUnknownOrderIsA404() {
            assertThat(host.patch(orderPath(999999), Map.of("status", "COMPLETED")).status()).isEqualTo(404);
            assertThat(host.get(orderPath(999999)).status()).isEqualTo(404);
            assertThat(host.get("/api/v1/orders/abc").status()).isEqualTo(404);
        }
    }

    /**
     * A shop with four orders on four days and another shop with one; AR-1 archived by id, then once more, then
     * shop C's orders placed before the third day.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Archive {
        long c;
        long other;
        TestHost.Response byIds;
        TestHost.Response again;
        TestHost.Response before;

        @BeforeAll
        void archive() {
            // given
            c = syncedShop(shop.account().orders(
                    placed(6201, "AR-1", 1, "AR-SKU"), placed(6202, "AR-2", 2, "AR-SKU"),
                    placed(6203, "AR-3", 3, "AR-SKU"), placed(6204, "AR-4", 4, "AR-SKU")));
            other = syncedShop(shop.account().orders(placed(6301, "AR-OTHER", 1, "AR-SKU")));

            // when
            byIds = host.post("/api/v1/orders/archive", Map.of("ids", List.of(orderId("AR-1"))));
            again = host.post("/api/v1/orders/archive", Map.of("ids", List.of(orderId("AR-1"))));
            before = host.post("/api/v1/orders/archive", Map.of("integrationId", c, "orderedBefore", START.plusDays(3).toString()));
        }

        @Test
        void archivesTheOrdersGivenById() {
            assertThat(byIds.status()).as("%s", byIds).isEqualTo(200);
            assertThatJson(byIds.body()).node("archived").isEqualTo(1);
            assertThatJson(api.orderByRef("AR-1")).node("status").isEqualTo("ARCHIVED");
        }

        @Test
        void countsNothingForAnOrderArchivedAlready() {
            assertThatJson(again.body()).node("archived").as("already archived").isEqualTo(0);
        }

        @Test
        void archivesAnIntegrationsOrdersPlacedBeforeTheDate() {
            assertThat(before.status()).as("%s", before).isEqualTo(200);
            assertThatJson(before.body()).node("archived").isEqualTo(1);
            assertThatJson(api.orders("integrationId=" + c + "&status=ARCHIVED")).inPath(REFS).isEqualTo(List.of("AR-2", "AR-1"));
            assertThatJson(api.orders("integrationId=" + c + "&status=RECEIVED")).inPath(REFS).isEqualTo(List.of("AR-4", "AR-3"));
        }

        @Test
        void leavesAnotherShopsOrdersAlone() {
            assertThatJson(api.orderByRef("AR-OTHER")).node("status").as("another shop's order").isEqualTo("RECEIVED");
            assertThatJson(api.integration(other)).node("counts.orders").isEqualTo(1);
        }

        @Test
        void rejectsRequestsItCannotReadAndArchivesNothingMore() {
            // when
            assertInvalid(host.post("/api/v1/orders/archive", Map.of("ids", List.of())), "ids");
            assertInvalid(host.post("/api/v1/orders/archive", Map.of("ids", "all")), "ids");
            assertInvalid(host.post("/api/v1/orders/archive", Map.of("ids", List.of(0))), "ids[0]");
            assertInvalid(host.post("/api/v1/orders/archive", Map.of("integrationId", 999_999, "orderedBefore", START.toString())),
                    "integrationId");
            assertInvalid(host.post("/api/v1/orders/archive", Map.of("integrationId", c)), "orderedBefore");
            assertInvalid(host.post("/api/v1/orders/archive", Map.of("integrationId", c, "orderedBefore", "soon")), "orderedBefore");

            // then
            assertThatJson(api.orders("integrationId=" + c + "&status=RECEIVED")).inPath(REFS).isEqualTo(List.of("AR-4", "AR-3"));
        }
    }

    /** A shop with a listing and three orders, one received, one in progress and one completed, disconnected. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Disconnected {
        JsonNode integration;
        long id;
        TestHost.Response disconnected;

        @BeforeAll
        void disconnect() {
            // given
            integration = api.createIntegration(api.integrationBody(shop.account()
                    .listings(MemoryShop.listing("811", "DC-811", "Disconnect coffee", RECENT))
                    .orders(placed(6401, "DC-1", 1, "DC-811"), placed(6402, "DC-2", 2, "DC-811"),
                            placed(6403, "DC-3", 3, "DC-811")), START));
            id = integration.get("id").asLong();
            api.syncAndWait(id, "all");
            assertThat(host.patch(orderPath(orderId("DC-2")), Map.of("status", "IN_PROGRESS")).status()).isEqualTo(200);
            assertThat(host.patch(orderPath(orderId("DC-3")), Map.of("status", "COMPLETED")).status()).isEqualTo(200);

            // when
            disconnected = host.delete("/api/v1/integrations/" + id);
        }

        @Test
        void archivesTheReceivedOrderOnly() {
            assertThat(disconnected.status()).as("%s", disconnected).isEqualTo(200);
            assertThatJson(disconnected.body()).node("ordersArchived").isEqualTo(1);
            assertThatJson(api.orderByRef("DC-1")).node("status").isEqualTo("ARCHIVED");
            assertThatJson(api.orderByRef("DC-2")).node("status").isEqualTo("IN_PROGRESS");
            assertThatJson(api.orderByRef("DC-3")).node("status").isEqualTo("COMPLETED");
        }

        @Test
        void keepsTheImportedOrdersListedUnderTheShopsName() {
            // when
            JsonNode orders = api.orders("integrationId=" + id);

            // then imported orders survive a disconnect
            String name = integration.get("name").asText();
            assertThatJson(orders).node("total").isEqualTo(3);
            assertThatJson(orders).inPath("$.items[*].shop").isEqualTo(List.of(name, name, name));
        }

        @Test
        void keepsAnOrdersShopCustomerTypeAndLines() {
            // when
            JsonNode one = host.get(orderPath(orderId("DC-1"))).json();

            // then
            assertThatJson(one).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"shop": %s, "customerType": "RETAIL", "items": [{"sku": "DC-811"}]}""".formatted(integration.get("name")));
        }

        @Test
        void syncsNoMore() {
            assertThat(host.post("/api/v1/integrations/" + id + "/sync", Map.of("scope", "orders")).status()).isEqualTo(404);
        }
    }

    @Test
    void disconnectingCanKeepOpenOrders() {
        // given
        long keep = syncedShop(shop.account().orders(placed(6501, "KP-1", 1, "KP-SKU")));

        // when
        TestHost.Response kept = host.delete("/api/v1/integrations/" + keep + "?archiveOpenOrders=false");

        // then
        assertThat(kept.status()).as("%s", kept).isEqualTo(200);
        assertThatJson(kept.body()).node("ordersArchived").isEqualTo(0);
        assertThatJson(api.orderByRef("KP-1")).node("status").isEqualTo("RECEIVED");
    }

    @Test
    void disconnectingCanPurgeEverything() {
        // given
        long purge = syncedShop(shop.account()
                .listings(MemoryShop.listing("821", "PG-821", "Purged coffee", RECENT))
                .orders(placed(6601, "PG-1", 1, "PG-821"), placed(6602, "PG-2", 2, "PG-821")));
        long purgedId = orderId("PG-1");

        // when
        TestHost.Response purged = host.delete("/api/v1/integrations/" + purge + "?purge=true");

        // then
        assertThat(purged.status()).as("%s", purged).isEqualTo(200);
        assertThatJson(purged.body()).node("ordersPurged").isEqualTo(2);
        assertThatJson(api.orders("integrationId=" + purge)).node("total").isEqualTo(0);
        assertThatJson(api.orders("q=PG-")).node("total").isEqualTo(0);
        assertThat(host.get(orderPath(purgedId)).status()).isEqualTo(404);
    }

    /**
     * A shop with a mapped listing and two orders (RC-1 on it, RC-2 in progress), disconnected, then connected again
     * with regenerated keys and synced.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Reconnected {
        long first;
        long second;
        long variant;
        JsonNode before;

        @BeforeAll
        void reconnect() {
            // given
            Listing coffee = MemoryShop.listing("831", "RC-831-250-WB", "Reconnect coffee", RECENT);
            ShopOrder[] orders = {
                    MemoryShop.order("6701", "RC-1", RECENT.minus(Duration.ofHours(2)),
                            MemoryShop.line("67011", "831", "RC-831-250-WB", 1, "12.00")),
                    placed(6702, "RC-2", 2, "RC-OTHER")};
            Map<String, Object> body = api.integrationBody(shop.account().listings(coffee).orders(orders), START);
            first = api.createIntegration(body).get("id").asLong();
            api.syncAndWait(first, "all");
            TestHost.Response mapped = api.map(first, row(api.listing(first, 831).get("id").asLong(),
                    productNamed("RC Reconnect"), "250 g", "WHOLE_BEAN"));
            assertThat(mapped.status()).as("%s", mapped).isEqualTo(200);
            variant = mapped.json().at("/items/0/mapping/variantId").asLong();
            before = api.orderByRef("RC-1");
            assertThat(host.patch(orderPath(orderId("RC-2")), Map.of("status", "IN_PROGRESS")).status()).isEqualTo(200);
            assertThat(host.delete("/api/v1/integrations/" + first).status()).isEqualTo(200);

            // when the same shop is connected again with regenerated keys
            Map<String, Object> again = new LinkedHashMap<>(body);
            again.put("credentials", shop.account().listings(coffee).orders(orders).credentials());
            second = api.createIntegration(again).get("id").asLong();
            api.syncAndWait(second, "all");
        }

        @Test
        void isANewIntegration() {
            assertThat(second).isNotEqualTo(first);
        }

        @Test
        void importsNoOrderTwice() {
            assertThatJson(api.orders("q=RC-")).node("total").as("no order imported twice").isEqualTo(2);
        }

        @Test
        void keepsTheOrdersIdTagStatusAndMappedLine() {
            // the order was archived on disconnect, and stays archived
            assertThatJson(api.orderByRef("RC-1")).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"id": %d, "tag": %s, "status": "ARCHIVED", "items": [{"mapped": true, "variantId": %d}]}"""
                    .formatted(before.get("id").asLong(), before.get("tag"), variant));
            assertThatJson(api.orderByRef("RC-2")).node("status").isEqualTo("IN_PROGRESS");
        }

        @Test
        void adoptsTheShopsOrders() {
            assertThatJson(api.orders("integrationId=" + second)).inPath(REFS).isEqualTo(List.of("RC-1", "RC-2"));
        }

        @Test
        void keepsTheListingMapped() {
            assertThatJson(api.listings(second, "includeHidden=true")).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    [{"state": "MAPPED", "mapping": {"variantId": %d}, "active": true}]""".formatted(variant));
            assertThatJson(api.integration(second)).node("counts.listingsMapped").isEqualTo(1);
        }
    }
}
