package dev.shoplink.host.orders;

import static dev.shoplink.host.testing.AdminCalls.productNamed;
import static dev.shoplink.host.testing.AdminCalls.row;
import static dev.shoplink.host.testing.ShipStationStub.PACIFIC;
import static dev.shoplink.host.testing.ShipStationStub.pacificNow;
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
import org.junit.jupiter.api.Test;
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

    @Test
    void importsOrdersWithTagReceivedStatusShopReferenceAndNormalizedStateButNotOnesOnHold() {
        ShipStationStub.Account shop = shipStation.account().orders(
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
        JsonNode integration = api.createIntegration(api.integrationBody(shop, START));
        long id = integration.get("id").asLong();

        JsonNode done = api.syncAndWait(id, "orders");

        assertThat(done.get("scope").asText()).isEqualTo("ORDERS");
        assertThat(done.at("/progress/pagesDone").asInt()).isEqualTo(2);
        assertThat(done.at("/progress/pagesTotal").asInt()).isEqualTo(2);
        assertThat(done.at("/progress/items").asLong()).isEqualTo(5);
        List<LoggedRequest> requests = shop.requests("/orders");
        assertThat(requests).hasSize(2);
        assertThat(query(requests.get(0), "modifyDateStart")).as("a first sync reads by order date").isNull();
        assertThat(query(requests.get(0), "sortBy")).isEqualTo("OrderDate");
        assertThat(query(requests.get(0), "orderDateStart"))
                .as("one second before the window: ShipStation's orderDateStart means 'greater than'")
                .isEqualTo(START.atStartOfDay(ZoneOffset.UTC).minusSeconds(1).withZoneSameInstant(PACIFIC).toLocalDateTime()
                        .format(QUERY_TIME));

        JsonNode list = api.orders("integrationId=" + id);
        assertThat(list.get("total").asLong()).isEqualTo(5);
        assertThat(list.get("items").findValuesAsText("externalRef"))
                .as("newest first, the order on hold left out").containsExactly("100043", "100041", "100040", "100039", "100038");

        JsonNode ada = api.orderByRef("100038");
        long orderId = ada.get("id").asLong();
        assertThat(ada.get("tag").asText()).isEqualTo("OR-" + orderId);
        assertThat(ada.get("integrationId").asLong()).isEqualTo(id);
        assertThat(ada.get("shop").asText()).isEqualTo(integration.get("name").asText());
        assertThat(ada.get("customerType").asText()).isEqualTo("RETAIL");
        assertThat(ada.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(ada.get("externalStatus").asText()).isEqualTo("awaiting_payment");
        assertThat(ada.get("externalState").asText()).isEqualTo("PENDING");
        assertThat(Instant.parse(ada.get("orderDate").asText())).isEqualTo(pacific(RECENT.minusHours(5)));
        JsonNode customer = ada.get("customer");
        assertThat(customer.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(customer.get("country").asText()).isEqualTo("US");
        assertThat(customer.get("address").asText()).isEqualTo("1 Oxford St");
        assertThat(customer.get("city").asText()).isEqualTo("Cambridge");
        assertThat(customer.get("state").asText()).isEqualTo("MA");
        assertThat(customer.get("postalCode").asText()).isEqualTo("02138");
        assertThat(customer.get("phone").asText()).isEqualTo("555-555-0100");
        JsonNode items = ada.get("items");
        assertThat(items).as("the discount line is not a product").hasSize(2);
        assertThat(items.get(0).get("sku").asText()).isEqualTo("OS-ETH-250-WB");
        assertThat(items.get(0).get("name").asText()).isEqualTo("Ethiopia Guji 250 g");
        assertThat(items.get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(items.get(0).get("unitPrice").asText()).isEqualTo("14.50");
        assertThat(items.get(0).get("mapped").asBoolean()).isFalse();
        assertThat(items.get(0).get("variantId").isNull()).isTrue();
        assertThat(items.get(1).get("unitPrice").asText()).isEqualTo("1234567.8912");

        assertThat(api.orderByRef("100039").get("externalState").asText()).isEqualTo("PROCESSING");
        assertThat(api.orderByRef("100040").get("externalState").asText()).isEqualTo("CLOSED");
        assertThat(api.orderByRef("100041").get("externalState").asText()).isEqualTo("CANCELLED");
        JsonNode pending = api.orderByRef("100043");
        assertThat(pending.get("externalStatus").asText()).isEqualTo("pending_fulfillment");
        assertThat(pending.get("externalState").asText()).isEqualTo("PROCESSING");
        assertThat(pending.at("/items/0/unitPrice").asText()).isEqualTo("13.00");

        assertThat((JsonNode) ((com.fasterxml.jackson.databind.node.ObjectNode) host.get("/api/v1/orders/" + orderId).json()).without("history"))
                .isEqualTo((JsonNode) ((com.fasterxml.jackson.databind.node.ObjectNode) ada).without("history"));
        assertThat(api.integration(id).at("/counts/orders").asLong()).isEqualTo(5);
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
        LocalDateTime lastMinuteBefore = start.minusDays(1).atTime(23, 59);
        LocalDateTime justAfterMidnight = start.atTime(0, 0, 30);
        ShipStationStub.Account shop = shipStation.account().orders(List.of(
                Order.of(2001, "W-BEFORE", lastMinuteBefore, Item.of(20011, null, "W-1", "Window coffee", 1, "10.00")),
                Order.of(2002, "W-AT-START", justAfterMidnight, Item.of(20021, null, "W-1", "Window coffee", 1, "10.00")),
                Order.of(2003, "W-LATER", start.plusDays(1).atTime(12, 0), Item.of(20031, null, "W-1", "Window coffee", 1, "10.00"))));
        long id = calls.createIntegration(shop, start);

        calls.syncAndWait(id, "orders");

        assertThat(query(shop.requests("/orders").get(0), "orderDateStart"))
                .as("a second before midnight of the start date (orderDateStart means 'greater than'), in Pacific time")
                .isEqualTo(start.minusDays(1) + " 23:59:59");
        JsonNode orders = calls.orders("integrationId=" + id);
        assertThat(orders.get("items").findValuesAsText("externalRef")).containsExactly("W-LATER", "W-AT-START");
        assertThat(Instant.parse(calls.orderByRef("W-AT-START").get("orderDate").asText())).isEqualTo(pacific(justAfterMidnight));

        // modified later, an order placed before the start date is still never imported
        shop.ordersModifiedSince(List.of(Order.of(2001, "W-BEFORE", lastMinuteBefore,
                Item.of(20011, null, "W-1", "Window coffee", 1, "10.00")).status("shipped", pacificNow())));
        calls.syncAndWait(id, "orders");
        assertThat(calls.orders("integrationId=" + id).get("total").asLong()).isEqualTo(2);
    }

    @Test
    void incrementalSyncsReadWhatChangedSinceTheLastOneAndUpdateOrdersInPlace() {
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

        // INC-1 was paid; INC-3 is new; INC-H was released from hold; OLD-1 was placed before the start date and modified now
        LocalDateTime now = pacificNow();
        shop.ordersModifiedSince(List.of(
                first.status("awaiting_shipment", now.minusMinutes(3)),
                held.status("awaiting_shipment", now.minusMinutes(3)),
                Order.of(3003, "INC-3", now.minusMinutes(2), Item.of(30031, null, "INC-SKU-1", "Incremental", 1, "9.50")),
                Order.of(3009, "OLD-1", OLD, Item.of(30091, null, "INC-SKU-1", "Incremental", 1, "9.50")).status("shipped", now)));
        JsonNode secondSync = api.syncAndWait(id, "orders");

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
        JsonNode paid = api.orderByRef("INC-1");
        assertThat(paid.get("id").asLong()).isEqualTo(firstId);
        assertThat(paid.get("externalStatus").asText()).isEqualTo("awaiting_shipment");
        assertThat(paid.get("externalState").asText()).isEqualTo("PROCESSING");
        assertThat(api.orderByRef("INC-3").get("status").asText()).isEqualTo("RECEIVED");
        assertThat(api.orderByRef("INC-H").get("externalState").asText()).isEqualTo("PROCESSING");
        assertThat(api.orders("q=OLD-1").get("total").asLong()).isZero();

        // the roaster works on INC-1; the shop changes it twice during the next sync (it shows up on both pages)
        // and adds a line; INC-2 is cancelled
        assertThat(host.patch("/api/v1/orders/" + firstId, Map.of("status", "IN_PROGRESS")).status()).isEqualTo(200);
        LocalDateTime later = pacificNow();
        shop.ordersModifiedSince(
                List.of(first.status("awaiting_shipment", later.minusMinutes(2)),
                        second.status("cancelled", later.minusMinutes(1))),
                List.of(first.items(Item.of(30011, null, "INC-SKU-1", "Incremental", 1, "9.50"),
                        Item.of(30012, null, "INC-SKU-2", "Incremental decaf", 1, "10.50")).status("shipped", later)));
        api.syncAndWait(id, "orders");

        assertThat(api.orders("q=INC-").get("total").asLong()).isEqualTo(4);
        JsonNode shipped = api.orderByRef("INC-1");
        assertThat(shipped.get("id").asLong()).isEqualTo(firstId);
        assertThat(shipped.get("externalStatus").asText()).isEqualTo("shipped");
        assertThat(shipped.get("externalState").asText()).isEqualTo("CLOSED");
        assertThat(shipped.get("status").asText()).as("the roaster's own status is not reset by a sync").isEqualTo("IN_PROGRESS");
        assertThat(shipped.get("items").findValuesAsText("sku")).containsExactly("INC-SKU-1", "INC-SKU-2");
        assertThat(api.orderByRef("INC-2").get("externalState").asText()).isEqualTo("CANCELLED");
        assertThat(api.integration(id).at("/counts/orders").asLong()).isEqualTo(4);
    }

    @Test
    void aCorrectedShopUrlKeepsListingsMappingsAndOrdersInsteadOfImportingThemAgain() {
        ShipStationStub.Account shop = shipStation.account()
                .products(List.of(Product.of(701, "SU-701", "Sumatra 250 g", RECENT)))
                .orders(List.of(Order.of(7001, "SU-1", RECENT, Item.of(70011, 701L, "SU-701", "Sumatra", 1, "12"))));
        long id = api.createIntegration(api.integrationBody(shop, "Typo shop", "https://typo-shop.example.cmo", START))
                .get("id").asLong();
        assertThat(api.syncAndWait(id, "all").get("state").asText()).isEqualTo("SUCCEEDED");
        long listingId = api.listings(id, "state=NEW").get(0).get("id").asLong();
        assertThat(api.map(id, row(listingId, productNamed("Sumatra"), "250 g", "WHOLE_BEAN")).status()).isEqualTo(200);
        long orderId = api.orderByRef("SU-1").get("id").asLong();

        TestHost.Response patched = host.patch("/api/v1/integrations/" + id, Map.of("shopUrl", "https://typo-shop.example.com"));
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(api.syncAndWait(id, "all").get("state").asText()).isEqualTo("SUCCEEDED");

        assertThat(api.listings(id, "includeHidden=true")).singleElement().satisfies(l -> {
            assertThat(l.get("id").asLong()).isEqualTo(listingId);
            assertThat(l.get("state").asText()).isEqualTo("MAPPED");
        });
        JsonNode orders = api.orders("integrationId=" + id);
        assertThat(orders.get("total").asInt()).as("the order is not imported a second time").isEqualTo(1);
        assertThat(orders.get("items").get(0).get("id").asLong()).isEqualTo(orderId);
        assertThat(orders.get("items").get(0).get("items").get(0).get("mapped").asBoolean()).isTrue();
    }

    @Test
    void aCorrectedShopUrlAfterAReconnectTakesTheOldIntegrationsOrdersAlong() {
        ShipStationStub.Account shop = shipStation.account()
                .orders(List.of(Order.of(7101, "RK-1", RECENT, Item.of(71011, null, "RK-SKU", "Rekeyed", 1, "12"))));
        long old = api.createIntegration(api.integrationBody(shop, "Before reconnect", "https://rekey-shop.example.cmo", START))
                .get("id").asLong();
        api.syncAndWait(old, "orders");
        long orderId = api.orderByRef("RK-1").get("id").asLong();
        assertThat(host.delete("/api/v1/integrations/" + old + "?archiveOpenOrders=false").status()).isEqualTo(200);
        long again = api.createIntegration(api.integrationBody(shop, "After reconnect", "https://rekey-shop.example.cmo", START))
                .get("id").asLong();

        // the new integration corrects the URL before its first sync: the old integration's order moves along
        assertThat(host.patch("/api/v1/integrations/" + again, Map.of("shopUrl", "https://rekey-shop.example.com")).status())
                .isEqualTo(200);
        api.syncAndWait(again, "orders");

        JsonNode orders = api.orders("q=rk-1");
        assertThat(orders.get("total").asInt()).as("not imported a second time").isEqualTo(1);
        assertThat(orders.at("/items/0/id").asLong()).isEqualTo(orderId);
        assertThat(orders.at("/items/0/integrationId").asLong()).as("adopted").isEqualTo(again);
    }

    @Test
    void anOrderListedTwiceOnOnePageIsStoredOnce() {
        Order order = Order.of(3101, "DUP-1", RECENT, Item.of(31011, null, "DUP-SKU", "Duplicate", 1, "9.50"));
        ShipStationStub.Account shop = shipStation.account().orders(List.of(order, order.status("shipped", RECENT.plusMinutes(5))));
        long id = api.createIntegration(shop, START);

        JsonNode done = api.awaitFinished(api.startSync(id, "orders"));

        assertThat(done.get("state").asText()).as("%s", done).isEqualTo("SUCCEEDED");
        JsonNode orders = api.orders("integrationId=" + id);
        assertThat(orders.get("total").asLong()).isEqualTo(1);
        assertThat(orders.at("/items/0/externalStatus").asText()).as("the later version wins").isEqualTo("shipped");
        assertThat(orders.at("/items/0/items")).hasSize(1);
    }

    @Test
    void anOrderNamingAnUnknownProductFetchesItOffersItAndResolvesOnceMapped() {
        Product old = Product.of(777, "UK-777-250-WB", "Sumatra Mandheling 250 g", OLD);
        ShipStationStub.Account shop = shipStation.account()
                .product(old)
                .orders(List.of(Order.of(4001, "UNK-1", RECENT,
                        Item.of(40011, 777L, "UK-777-250-WB", "Sumatra Mandheling 250 g", 2, "16.00"))));
        long id = api.createIntegration(shop, START);

        api.syncAndWait(id, "orders");

        assertThat(shop.requests("/products/777")).as("fetched by id").hasSize(1);
        JsonNode order = api.orderByRef("UNK-1");
        assertThat(order.at("/items/0/mapped").asBoolean()).isFalse();
        assertThat(order.at("/items/0/variantId").isNull()).isTrue();
        assertThat(order.get("unmappedItems").asInt()).isEqualTo(1);

        // offered in the wizard although created before the start date
        List<JsonNode> offered = api.listings(id, "state=NEW");
        assertThat(offered).extracting(l -> l.get("externalId").asText()).containsExactly("777");
        JsonNode listing = offered.get(0);
        assertThat(listing.get("offered").asBoolean()).isTrue();
        assertThat(listing.get("name").asText()).isEqualTo("Sumatra Mandheling 250 g");
        assertThat(listing.get("sku").asText()).isEqualTo("UK-777-250-WB");

        TestHost.Response mapped = api.map(id, row(listing.get("id").asLong(), productNamed("UK Sumatra"), "250 g", "WHOLE_BEAN"));
        assertThat(mapped.status()).as("%s", mapped).isEqualTo(200);
        long variant = mapped.json().at("/items/0/mapping/variantId").asLong();

        // the waiting line resolves without another sync
        JsonNode resolved = host.get("/api/v1/orders/" + order.get("id").asLong()).json();
        assertThat(resolved.at("/items/0/mapped").asBoolean()).isTrue();
        assertThat(resolved.at("/items/0/variantId").asLong()).isEqualTo(variant);
        assertThat(resolved.get("unmappedItems").asInt()).isZero();
        assertThat(host.get("/api/v1/integrations/" + id + "/syncs").json().get("total").asLong()).isEqualTo(1);

        // a known listing is not fetched again
        api.syncAndWait(id, "orders");
        assertThat(shop.requests("/products/777")).hasSize(1);
        assertThat(api.listing(id, 777).get("state").asText()).isEqualTo("MAPPED");
    }

    @Test
    void aProductOlderThanTheStartDateIsOfferedOnceAnOrderContainsIt() {
        ShipStationStub.Account shop = shipStation.account()
                .products(List.of(Product.of(881, "OLD-881", "Old Yirgacheffe", OLD), Product.of(882, "OLD-882", "Old Huila", OLD)))
                .orders(List.of(Order.of(4101, "OLDP-1", RECENT, Item.of(41011, 881L, "OLD-881", "Old Yirgacheffe", 1, "12.00"))));
        long id = api.createIntegration(shop, START);

        JsonNode done = api.syncAndWait(id, "all");

        assertThat(done.get("scope").asText()).isEqualTo("ALL");
        assertThat(done.at("/progress/pagesDone").asInt()).isEqualTo(2);
        assertThat(done.at("/progress/pagesTotal").asInt()).isEqualTo(2);
        assertThat(done.at("/progress/items").asLong()).as("two listings, one order").isEqualTo(3);
        assertThat(api.listings(id, "")).extracting(l -> l.get("externalId").asText()).containsExactly("881");
        assertThat(api.listing(id, 882).get("offered").asBoolean()).isFalse();
        assertThat(shop.requests("/products/881")).as("already known from the product pass").isEmpty();
        assertThat(api.orderByRef("OLDP-1").at("/items/0/mapped").asBoolean()).isFalse();
    }

    @Test
    void linesResolveByMappingOrBySkuAndUnresolvedOnesAreFlagged() {
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
        api.syncAndWait(id, "all");
        TestHost.Response mapped = api.map(id, row(api.listing(id, 52).get("id").asLong(), productNamed("RS Mapped"), "250 g",
                "FILTER"));
        assertThat(mapped.status()).as("%s", mapped).isEqualTo(200);
        long mappedVariant = mapped.json().at("/items/0/mapping/variantId").asLong();

        JsonNode resolved = api.orderByRef("RES-1");
        assertThat(resolved.get("items").findValuesAsText("mapped")).containsOnly("true");
        assertThat(resolved.at("/items/0/variantId").asLong()).as("unmapped listing, SKU in the catalog").isEqualTo(knownVariant);
        assertThat(resolved.at("/items/1/variantId").asLong()).as("no listing, SKU in the catalog").isEqualTo(knownVariant);
        assertThat(resolved.at("/items/2/variantId").asLong()).as("by the mapping").isEqualTo(mappedVariant);
        assertThat(resolved.get("unmappedItems").asInt()).isZero();

        JsonNode unresolved = api.orderByRef("RES-2");
        assertThat(unresolved.get("items")).hasSize(3);
        assertThat(unresolved.get("items").findValuesAsText("mapped")).containsOnly("false");
        assertThat(unresolved.get("unmappedItems").asInt()).isEqualTo(3);
        assertThat(shop.requests("/products/5999")).as("asked for, the shop no longer has it").hasSize(1);
    }
}
