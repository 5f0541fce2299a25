package dev.shoplink.host.orders;

import static dev.shoplink.host.testing.AdminCalls.productNamed;
import static dev.shoplink.host.testing.AdminCalls.row;
import static dev.shoplink.host.testing.ShipStationStub.PACIFIC;
import static dev.shoplink.host.testing.ShipStationStub.pacificNow;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.ShipStationStub;
import dev.shoplink.host.testing.ShipStationStub.Item;
import dev.shoplink.host.testing.ShipStationStub.Order;
import dev.shoplink.host.testing.ShipStationStub.Product;
import dev.shoplink.host.testing.TestHost;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Order import end to end: the sync window (in the host's zone, across a DST change), on-hold
 * orders, incremental and idempotent syncs, products that surface through orders, and how order
 * lines resolve to catalog variants.
 */
class OrderSyncE2ETest {
    private static final DateTimeFormatter QUERY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    static Path dir;
    @AutoClose
    static HostWithShop<ShipStationStub> running;
    static ShipStationStub shipStation;
    static TestHost host;
    static AdminCalls api;

    /** This host runs in UTC. */
    static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    static final LocalDateTime RECENT = pacificNow().minusHours(3);
    static final LocalDateTime OLD = START.minusDays(4).atTime(9, 30);

    @BeforeAll
    static void start() {
        running = HostWithShop.shipStation(dir);
        shipStation = running.shop();
        host = running.host();
        api = running.api();
    }

    static Instant pacific(LocalDateTime wallClock) {
        return wallClock.atZone(PACIFIC).toInstant();
    }

    static String query(LoggedRequest request, String parameter) {
        var p = request.queryParameter(parameter);
        return p.isPresent() ? p.firstValue() : null;
    }

    /**
     * One first sync of six orders on two pages: one with a customer, a discount line and a price with more decimals
     * than the host keeps; one on hold; the others in each of the shop's states.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AFirstOrderSync {
        ShipStationStub.Account shop;
        JsonNode integration;
        long id;
        JsonNode done;

        @BeforeAll
        void sync() {
            // given
            shop = shipStation.account().orders(
                    List.of(Order.of(1001, "100038", RECENT.minusHours(5),
                                            Item.of(10011, 11L, "OS-ETH-250-WB", "Ethiopia Guji 250 g", 2, "14.50"),
                                            Item.of(10012, null, "OS-GIFT", "Gift wrapping", 1, "1234567.891234567891"),
                                            Item.discount(10013, "SPRING10 discount", "-2.90"))
                                    .status("awaiting_payment", RECENT.minusHours(4))
                                    .customer("Ada Lovelace", "ada@example.com"),
                            Order.of(1002, "100039", RECENT.minusHours(4), Item.of(10021, 11L, "OS-ETH-250-WB", "Guji", 1, "14.50")),
                            Order.of(1003, "100040", RECENT.minusHours(3), Item.of(10031, 11L, "OS-ETH-250-WB", "Guji", 1, "14.50"))
                                    .status("shipped", RECENT)),
                    List.of(Order.of(1004, "100041", RECENT.minusHours(2), Item.of(10041, 11L, "OS-ETH-250-WB", "Guji", 1, "14.50"))
                                    .status("cancelled", RECENT),
                            Order.of(1005, "100042", RECENT.minusHours(2), Item.of(10051, 11L, "OS-ETH-250-WB", "Guji", 1, "14.50"))
                                    .status("on_hold", RECENT),
                            Order.of(1006, "100043", RECENT.minusHours(1), Item.of(10061, 11L, "OS-ETH-250-WB", "Guji", 3, "13"))
                                    .status("pending_fulfillment", RECENT)));
            integration = api.createIntegration(api.integrationBody(shop, START));
            id = integration.get("id").asLong();

            // when
            done = api.syncAndWait(id, "orders");
        }

        @Test
        void readsBothPagesByOrderDateFromASecondBeforeTheWindow() {
            assertThatJson(done).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"scope": "ORDERS", "progress": {"pagesDone": 2, "pagesTotal": 2, "items": 5}}""");
            List<LoggedRequest> requests = shop.requests("/orders");
            assertThat(requests).hasSize(2);
            assertThat(query(requests.get(0), "modifyDateStart")).as("a first sync reads by order date").isNull();
            assertThat(query(requests.get(0), "sortBy")).isEqualTo("OrderDate");
            assertThat(query(requests.get(0), "orderDateStart"))
                    .as("one second before the window: ShipStation's orderDateStart means 'greater than'")
                    .isEqualTo(START.atStartOfDay(ZoneOffset.UTC).minusSeconds(1).withZoneSameInstant(PACIFIC).toLocalDateTime()
                            .format(QUERY_TIME));
        }

        @Test
        void leavesOutTheOrderOnHoldAndListsTheOthersNewestFirst() {
            JsonNode list = api.orders("integrationId=" + id);

            assertThat(list.get("total").asLong()).isEqualTo(5);
            assertThat(list.get("items").findValuesAsText("externalRef"))
                    .as("newest first, the order on hold left out").containsExactly("100043", "100041", "100040", "100039", "100038");
            assertThat(api.integration(id).at("/counts/orders").asLong()).isEqualTo(5);
        }

        @Test
        void storesAnOrderWithTagReceivedStatusShopReferenceCustomerAndProductLines() {
            JsonNode ada = api.orderByRef("100038");

            // two lines: the discount line is not a product; prices are kept to four decimals
            assertThatJson(ada).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {
                      "tag": "OR-%d",
                      "integrationId": %d,
                      "shop": %s,
                      "customerType": "RETAIL",
                      "status": "RECEIVED",
                      "externalStatus": "awaiting_payment",
                      "externalState": "PENDING",
                      "customer": {
                        "name": "Ada Lovelace",
                        "country": "US",
                        "address": "1 Oxford St",
                        "city": "Cambridge",
                        "state": "MA",
                        "postalCode": "02138",
                        "phone": "555-555-0100"
                      },
                      "items": [
                        {
                          "sku": "OS-ETH-250-WB",
                          "name": "Ethiopia Guji 250 g",
                          "quantity": 2,
                          "unitPrice": "14.50",
                          "mapped": false,
                          "variantId": null
                        },
                        {"unitPrice": "1234567.8912"}
                      ]
                    }""".formatted(ada.get("id").asLong(), id, integration.get("name")));
            assertThat(Instant.parse(ada.get("orderDate").asText())).isEqualTo(pacific(RECENT.minusHours(5)));
        }

        @Test
        void normalizesTheShopsStatusesAndPrices() {
            assertThat(api.orderByRef("100039").get("externalState").asText()).isEqualTo("PROCESSING");
            assertThat(api.orderByRef("100040").get("externalState").asText()).isEqualTo("CLOSED");
            assertThat(api.orderByRef("100041").get("externalState").asText()).isEqualTo("CANCELLED");
            assertThatJson(api.orderByRef("100043")).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"externalStatus": "pending_fulfillment", "externalState": "PROCESSING", "items": [{"unitPrice": "13.00"}]}""");
        }

        @Test
        void answersTheSameOrderByIdAsInTheList() {
            JsonNode ada = api.orderByRef("100038");

            JsonNode byId = host.get("/api/v1/orders/" + ada.get("id").asLong()).json();

            assertThatJson(byId).whenIgnoringPaths("history").isEqualTo(ada);
        }
    }

    @Test
    void theWindowStartsAtMidnightOfTheStartDateInTheHostsZone(@TempDir Path laDir) {
        Map<String, String> env = TestHost.env(laDir, shipStation.baseUrl());
        env.put("SHOPLINK_ZONE", "America/Los_Angeles");
        try (TestHost la = TestHost.start(laDir, env, Clock.systemUTC(), true)) {
            AdminCalls laApi = new AdminCalls(la);
            LocalDate start = LocalDate.now(PACIFIC).minusDays(5);
            assertWindow(laApi, start);
        }
    }

    @Test
    void theWindowHoldsOnTheDayTheClocksChange(@TempDir Path dstDir) {
        // the latest change of US-Pacific time at least four days ago; "today" becomes three days after it
        ZoneRules rules = PACIFIC.getRules();
        ZoneOffsetTransition change = rules.previousTransition(Instant.now());
        while (change.getDateTimeBefore().toLocalDate().isAfter(LocalDate.now(PACIFIC).minusDays(4))) {
            change = rules.previousTransition(change.getInstant());
        }
        LocalDate changeDay = change.getDateTimeBefore().toLocalDate();
        Instant then = changeDay.plusDays(3).atTime(12, 0).atZone(PACIFIC).toInstant();
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), then));

        Map<String, String> env = TestHost.env(dstDir, shipStation.baseUrl());
        env.put("SHOPLINK_ZONE", "America/Los_Angeles");
        try (TestHost dst = TestHost.start(dstDir, env, clock, true)) {
            assertWindow(new AdminCalls(dst), changeDay);
        }
    }

    /** An order at 23:59 Pacific the day before the start date stays out; one 30 s after midnight is in. */
    private void assertWindow(AdminCalls calls, LocalDate start) {
        // given
        LocalDateTime lastMinuteBefore = start.minusDays(1).atTime(23, 59);
        LocalDateTime justAfterMidnight = start.atTime(0, 0, 30);
        ShipStationStub.Account shop = shipStation.account().orders(List.of(
                Order.of(2001, "W-BEFORE", lastMinuteBefore, Item.of(20011, null, "W-1", "Window coffee", 1, "10.00")),
                Order.of(2002, "W-AT-START", justAfterMidnight, Item.of(20021, null, "W-1", "Window coffee", 1, "10.00")),
                Order.of(2003, "W-LATER", start.plusDays(1).atTime(12, 0), Item.of(20031, null, "W-1", "Window coffee", 1, "10.00"))));
        long id = calls.createIntegration(shop, start);

        // when
        calls.syncAndWait(id, "orders");

        // then
        assertThat(query(shop.requests("/orders").get(0), "orderDateStart"))
                .as("a second before midnight of the start date (orderDateStart means 'greater than'), in Pacific time")
                .isEqualTo(start.minusDays(1) + " 23:59:59");
        JsonNode orders = calls.orders("integrationId=" + id);
        assertThat(orders.get("items").findValuesAsText("externalRef")).containsExactly("W-LATER", "W-AT-START");
        assertThat(Instant.parse(calls.orderByRef("W-AT-START").get("orderDate").asText())).isEqualTo(pacific(justAfterMidnight));

        // when modified later, an order placed before the start date is still never imported
        shop.ordersModifiedSince(List.of(Order.of(2001, "W-BEFORE", lastMinuteBefore,
                Item.of(20011, null, "W-1", "Window coffee", 1, "10.00")).status("shipped", pacificNow())));
        calls.syncAndWait(id, "orders");
        assertThat(calls.orders("integrationId=" + id).get("total").asLong()).isEqualTo(2);
    }

    @Test
    void incrementalSyncsReadWhatChangedSinceTheLastOneAndUpdateOrdersInPlace() {
        // given a first sync
        Order first = Order.of(3001, "INC-1", RECENT.minusHours(6), Item.of(30011, null, "INC-SKU-1", "Incremental", 1, "9.50"))
                .status("awaiting_payment", RECENT.minusHours(6));
        Order second = Order.of(3002, "INC-2", RECENT.minusHours(5), Item.of(30021, null, "INC-SKU-1", "Incremental", 2, "9.50"));
        Order held = Order.of(3004, "INC-H", RECENT.minusHours(4), Item.of(30041, null, "INC-SKU-1", "Incremental", 1, "9.50"))
                .status("on_hold", RECENT.minusHours(4));
        ShipStationStub.Account shop = shipStation.account().ordersPlacedSince(List.of(first, second, held));
        long id = api.createIntegration(shop, START);

        Instant beforeFirst = Instant.now();
        api.syncAndWait(id, "orders");
        Instant afterFirst = Instant.now();
        long firstId = api.orderByRef("INC-1").get("id").asLong();
        assertThat(api.orders("q=INC-").get("total").asLong()).as("the order on hold waits").isEqualTo(2);
        assertThat(query(shop.requests("/orders").get(0), "modifyDateStart")).isNull();

        // when INC-1 was paid; INC-3 is new; INC-H was released from hold; OLD-1 was placed before the start date and modified now
        LocalDateTime now = pacificNow();
        shop.ordersModifiedSince(List.of(
                first.status("awaiting_shipment", now.minusMinutes(3)),
                held.status("awaiting_shipment", now.minusMinutes(3)),
                Order.of(3003, "INC-3", now.minusMinutes(2), Item.of(30031, null, "INC-SKU-1", "Incremental", 1, "9.50")),
                Order.of(3009, "OLD-1", OLD, Item.of(30091, null, "INC-SKU-1", "Incremental", 1, "9.50")).status("shipped", now)));
        JsonNode secondSync = api.syncAndWait(id, "orders");

        // then
        List<LoggedRequest> requests = shop.requests("/orders");
        LoggedRequest incremental = requests.get(requests.size() - 1);
        String since = query(incremental, "modifyDateStart");
        assertThat(since).as("the second sync asks what changed").isNotNull();
        Instant sinceInstant = pacific(LocalDateTime.parse(since, QUERY_TIME));
        // the first sync's watermark, less the overlap for clock skew
        assertThat(sinceInstant).isBetween(beforeFirst.minus(Duration.ofMinutes(10)).minusSeconds(1),
                afterFirst.minus(Duration.ofMinutes(10)));
        assertThat(query(incremental, "sortBy")).isEqualTo("ModifyDate");
        assertThat(query(incremental, "orderDateStart")).as("the window's start still applies").isNotNull();
        assertThat(secondSync.at("/progress/items").asLong()).isEqualTo(3);

        assertThat(api.orders("q=INC-").get("total").asLong()).as("updated, not duplicated").isEqualTo(4);
        assertThatJson(api.orderByRef("INC-1")).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"id": %d, "externalStatus": "awaiting_shipment", "externalState": "PROCESSING"}""".formatted(firstId));
        assertThat(api.orderByRef("INC-3").get("status").asText()).isEqualTo("RECEIVED");
        assertThat(api.orderByRef("INC-H").get("externalState").asText()).isEqualTo("PROCESSING");
        assertThat(api.orders("q=OLD-1").get("total").asLong()).isZero();

        // when the roaster works on INC-1; the shop changes it twice during the next sync (it shows up on both pages)
        // and adds a line; INC-2 is cancelled
        assertThat(host.patch("/api/v1/orders/" + firstId, Map.of("status", "IN_PROGRESS")).status()).isEqualTo(200);
        LocalDateTime later = pacificNow();
        shop.ordersModifiedSince(
                List.of(first.status("awaiting_shipment", later.minusMinutes(2)),
                        second.status("cancelled", later.minusMinutes(1))),
                List.of(first.items(Item.of(30011, null, "INC-SKU-1", "Incremental", 1, "9.50"),
                        Item.of(30012, null, "INC-SKU-2", "Incremental decaf", 1, "10.50")).status("shipped", later)));
        api.syncAndWait(id, "orders");

        // then
        assertThat(api.orders("q=INC-").get("total").asLong()).isEqualTo(4);
        JsonNode shipped = api.orderByRef("INC-1");
        // the roaster's own status (IN_PROGRESS) is not reset by a sync
        assertThatJson(shipped).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"id": %d, "externalStatus": "shipped", "externalState": "CLOSED", "status": "IN_PROGRESS"}""".formatted(firstId));
        assertThat(shipped.get("items").findValuesAsText("sku")).containsExactly("INC-SKU-1", "INC-SKU-2");
        assertThat(api.orderByRef("INC-2").get("externalState").asText()).isEqualTo("CANCELLED");
        assertThat(api.integration(id).at("/counts/orders").asLong()).isEqualTo(4);
    }

    @Test
    void aCorrectedShopUrlKeepsListingsMappingsAndOrdersInsteadOfImportingThemAgain() {
        // given a synced shop whose URL had a typo
        ShipStationStub.Account shop = shipStation.account()
                .products(List.of(Product.of(701, "SU-701", "Sumatra 250 g", RECENT)))
                .orders(List.of(Order.of(7001, "SU-1", RECENT, Item.of(70011, 701L, "SU-701", "Sumatra", 1, "12"))));
        long id = api.createIntegration(api.integrationBody(shop, "Typo shop", "https://typo-shop.example.cmo", START))
                .get("id").asLong();
        assertThat(api.syncAndWait(id, "all").get("state").asText()).isEqualTo("SUCCEEDED");
        long listingId = api.listings(id, "state=NEW").get(0).get("id").asLong();
        assertThat(api.map(id, row(listingId, productNamed("Sumatra"), "250 g", "WHOLE_BEAN")).status()).isEqualTo(200);
        long orderId = api.orderByRef("SU-1").get("id").asLong();

        // when
        TestHost.Response patched = host.patch("/api/v1/integrations/" + id, Map.of("shopUrl", "https://typo-shop.example.com"));
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(api.syncAndWait(id, "all").get("state").asText()).isEqualTo("SUCCEEDED");

        // then the listing stays mapped and the order is not imported a second time
        assertThatJson(api.listings(id, "includeHidden=true")).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                [{"id": %d, "state": "MAPPED"}]""".formatted(listingId));
        assertThatJson(api.orders("integrationId=" + id)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"total": 1, "items": [{"id": %d, "items": [{"mapped": true}]}]}""".formatted(orderId));
    }

    @Test
    void aCorrectedShopUrlAfterAReconnectTakesTheOldIntegrationsOrdersAlong() {
        // given an order imported under a typo, disconnected and connected again under the same typo
        ShipStationStub.Account shop = shipStation.account()
                .orders(List.of(Order.of(7101, "RK-1", RECENT, Item.of(71011, null, "RK-SKU", "Rekeyed", 1, "12"))));
        long old = api.createIntegration(api.integrationBody(shop, "Before reconnect", "https://rekey-shop.example.cmo", START))
                .get("id").asLong();
        api.syncAndWait(old, "orders");
        long orderId = api.orderByRef("RK-1").get("id").asLong();
        assertThat(host.delete("/api/v1/integrations/" + old + "?archiveOpenOrders=false").status()).isEqualTo(200);
        long again = api.createIntegration(api.integrationBody(shop, "After reconnect", "https://rekey-shop.example.cmo", START))
                .get("id").asLong();

        // when the new integration corrects the URL before its first sync
        assertThat(host.patch("/api/v1/integrations/" + again, Map.of("shopUrl", "https://rekey-shop.example.com")).status())
                .isEqualTo(200);
        api.syncAndWait(again, "orders");

        // then the old integration's order moves along (adopted), not imported a second time
        assertThatJson(api.orders("q=rk-1")).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"total": 1, "items": [{"id": %d, "integrationId": %d}]}""".formatted(orderId, again));
    }

    @Test
    void anOrderListedTwiceOnOnePageIsStoredOnce() {
        // given
        Order order = Order.of(3101, "DUP-1", RECENT, Item.of(31011, null, "DUP-SKU", "Duplicate", 1, "9.50"));
        ShipStationStub.Account shop = shipStation.account().orders(List.of(order, order.status("shipped", RECENT.plusMinutes(5))));
        long id = api.createIntegration(shop, START);

        // when
        JsonNode done = api.awaitFinished(api.startSync(id, "orders"));

        // then the later version wins
        assertThat(done.get("state").asText()).as("%s", done).isEqualTo("SUCCEEDED");
        assertThatJson(api.orders("integrationId=" + id)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"total": 1, "items": [{"externalStatus": "shipped", "items": [{"sku": "DUP-SKU"}]}]}""");
    }

    @Test
    void anOrderNamingAnUnknownProductFetchesItOffersItAndResolvesOnceMapped() {
        // given
        Product old = Product.of(777, "UK-777-250-WB", "Sumatra Mandheling 250 g", OLD);
        ShipStationStub.Account shop = shipStation.account()
                .product(old)
                .orders(List.of(Order.of(4001, "UNK-1", RECENT,
                        Item.of(40011, 777L, "UK-777-250-WB", "Sumatra Mandheling 250 g", 2, "16.00"))));
        long id = api.createIntegration(shop, START);

        // when
        api.syncAndWait(id, "orders");

        // then
        assertThat(shop.requests("/products/777")).as("fetched by id").hasSize(1);
        JsonNode order = api.orderByRef("UNK-1");
        assertThatJson(order).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"unmappedItems": 1, "items": [{"mapped": false, "variantId": null}]}""");

        // offered in the wizard although created before the start date
        List<JsonNode> offered = api.listings(id, "state=NEW");
        assertThatJson(offered).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                [{"externalId": "777", "offered": true, "name": "Sumatra Mandheling 250 g", "sku": "UK-777-250-WB"}]""");
        JsonNode listing = offered.get(0);

        // when mapped
        TestHost.Response mapped = api.map(id, row(listing.get("id").asLong(), productNamed("UK Sumatra"), "250 g", "WHOLE_BEAN"));
        assertThat(mapped.status()).as("%s", mapped).isEqualTo(200);
        long variant = mapped.json().at("/items/0/mapping/variantId").asLong();

        // then the waiting line resolves without another sync
        JsonNode resolved = host.get("/api/v1/orders/" + order.get("id").asLong()).json();
        assertThatJson(resolved).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"unmappedItems": 0, "items": [{"mapped": true, "variantId": %d}]}""".formatted(variant));
        assertThat(host.get("/api/v1/integrations/" + id + "/syncs").json().get("total").asLong()).isEqualTo(1);

        // a known listing is not fetched again
        api.syncAndWait(id, "orders");
        assertThat(shop.requests("/products/777")).hasSize(1);
        assertThat(api.listing(id, 777).get("state").asText()).isEqualTo("MAPPED");
    }

    @Test
    void aProductOlderThanTheStartDateIsOfferedOnceAnOrderContainsIt() {
        // given
        ShipStationStub.Account shop = shipStation.account()
                .products(List.of(Product.of(881, "OLD-881", "Old Yirgacheffe", OLD), Product.of(882, "OLD-882", "Old Huila", OLD)))
                .orders(List.of(Order.of(4101, "OLDP-1", RECENT, Item.of(41011, 881L, "OLD-881", "Old Yirgacheffe", 1, "12.00"))));
        long id = api.createIntegration(shop, START);

        // when
        JsonNode done = api.syncAndWait(id, "all");

        // then: two listings, one order
        assertThatJson(done).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"scope": "ALL", "progress": {"pagesDone": 2, "pagesTotal": 2, "items": 3}}""");
        assertThat(api.listings(id, "")).extracting(l -> l.get("externalId").asText()).containsExactly("881");
        assertThat(api.listing(id, 882).get("offered").asBoolean()).isFalse();
        assertThat(shop.requests("/products/881")).as("already known from the product pass").isEmpty();
        assertThat(api.orderByRef("OLDP-1").at("/items/0/mapped").asBoolean()).isFalse();
    }

    @Test
    void linesResolveByMappingOrBySkuAndUnresolvedOnesAreFlagged() {
        // given
        TestHost.Response catalog = host.post("/api/v1/products", Map.of("name", "RS Known Blend",
                "variants", List.of(Map.of("sku", "RS-KNOWN-1KG", "unit", "1 kg", "grindStyle", "ESPRESSO"))));
        assertThat(catalog.status()).as("%s", catalog).isEqualTo(201);
        long knownVariant = catalog.json().at("/variants/0/id").asLong();
        ShipStationStub.Account shop = shipStation.account()
                .products(List.of(Product.of(51, "RS-KNOWN-1KG", "Known blend 1 kg", RECENT),
                        Product.of(52, "RS-MAP-250", "Mapped one", RECENT)))
                .orders(List.of(
                        Order.of(5001, "RES-1", RECENT,
                                Item.of(50011, 51L, "RS-KNOWN-1KG", "Known blend 1 kg", 1, "40.00"),
                                Item.of(50012, null, "RS-KNOWN-1KG", "Known blend, typed by hand", 1, "40.00"),
                                Item.of(50013, 52L, "RS-MAP-250", "Mapped one", 1, "12.00")),
                        Order.of(5002, "RES-2", RECENT.plusMinutes(1),
                                Item.of(50021, null, "RS-NOWHERE", "Unknown SKU", 1, "5.00"),
                                Item.of(50022, 5999L, "RS-GONE", "Deleted in the shop", 1, "6.00"),
                                Item.of(50023, null, null, "Gift wrapping", 1, "2.00"))));
        long id = api.createIntegration(shop, START);

        // when
        api.syncAndWait(id, "all");
        TestHost.Response mapped = api.map(id, row(api.listing(id, 52).get("id").asLong(), productNamed("RS Mapped"), "250 g",
                "FILTER"));
        assertThat(mapped.status()).as("%s", mapped).isEqualTo(200);
        long mappedVariant = mapped.json().at("/items/0/mapping/variantId").asLong();

        // then
        assertThatJson(api.orderByRef("RES-1")).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {
                  "unmappedItems": 0,
                  "items": [
                    // an unmapped listing, its SKU in the catalog
                    {"mapped": true, "variantId": %d},
                    // no listing, the SKU in the catalog
                    {"mapped": true, "variantId": %d},
                    // by the mapping
                    {"mapped": true, "variantId": %d}
                  ]
                }""".formatted(knownVariant, knownVariant, mappedVariant));
        assertThatJson(api.orderByRef("RES-2")).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"unmappedItems": 3, "items": [{"mapped": false}, {"mapped": false}, {"mapped": false}]}""");
        assertThat(shop.requests("/products/5999")).as("asked for, the shop no longer has it").hasSize(1);
    }
}
