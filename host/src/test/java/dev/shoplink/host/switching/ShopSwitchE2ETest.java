package dev.shoplink.host.switching;

import static dev.shoplink.host.testing.AdminCalls.keyedBy;
import static dev.shoplink.host.testing.AdminCalls.productNamed;
import static dev.shoplink.host.testing.AdminCalls.row;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.TestHost;
import dev.shoplink.simulator.ShopSimulator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
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
 * The issue's "Done when": the real host with the real Shopify and ShipStation archives against the shop simulator,
 * which serves one shop on both sides (same SKUs, order numbers from 1001; "#1001" on Shopify, "1001" on
 * ShipStation). A Shopify integration is synchronized, its listings mapped (one ignored), its orders imported and
 * handled by the roaster; a dry run of the switch to ShipStation reports and changes nothing; a rejected form
 * changes nothing; the switch then leaves no wizard row for a known SKU, no order twice, every OR- tag unchanged.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ShopSwitchE2ETest {
    private static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(14);

    @TempDir
    static Path dir;
    @AutoClose
    static HostWithShop<ShopSimulator> running;
    static ShopSimulator shop;
    static TestHost host;
    static AdminCalls api;

    /** The Shopify integration the roaster worked with, and what it did there. */
    static long shopify;
    static Map<String, Long> variantBySku;
    static String ignoredSku;
    /** Every SKU the shop sells (the same on both sides). */
    static List<String> skus;
    /** The imported orders by their number without Shopify's '#'. */
    static Map<String, JsonNode> byNumber;
    static long inProgress;
    static long archived;
    /** What the admin API showed before anything was switched. */
    static String state;

    /**
     * The Shopify integration synchronized; the roaster ignores one listing, maps every other one the wizard offers, and
     * works on orders: one in progress, one archived.
     */
    @BeforeAll
    static void start() {
        running = HostWithShop.simulator(dir, HostWithShop.settledShop().seed(47).products(30).orders(60).start());
        shop = running.shop();
        host = running.host();
        api = running.api();

        shopify = api.createIntegration(shopifyForm()).get("id").asLong();
        api.syncAndWait(shopify, "all");
        mapAllButOneListing();
        workOnTwoOrders();
        state = snapshot();
    }

    private static void mapAllButOneListing() {
        List<JsonNode> offered = api.listings(shopify, "state=NEW");
        assertThat(offered).hasSizeGreaterThan(5);
        JsonNode ignoredListing = offered.get(0);
        assertThat(host.post("/api/v1/integrations/" + shopify + "/listings/" + ignoredListing.get("id").asLong() + "/ignore",
                Map.of()).status()).isEqualTo(200);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode l : offered.subList(1, offered.size())) {
            rows.add(row(l.get("id").asLong(), productNamed("P " + l.get("sku").asText()), "250 g", "WHOLE_BEAN"));
        }
        // every variant under one unit: what is tested here is the switch, so the unit warnings are acknowledged
        TestHost.Response mapped = host.post("/api/v1/integrations/" + shopify + "/mappings",
                Map.of("mappings", rows, "acknowledgeWarnings", true));
        assertThat(mapped.status()).as("%s", mapped).isEqualTo(200);
        variantBySku = new HashMap<>();
        api.listings(shopify, "state=MAPPED&includeHidden=true")
                .forEach(l -> variantBySku.put(l.get("sku").asText(), l.at("/mapping/variantId").asLong()));
        assertThat(variantBySku).hasSize(offered.size() - 1);
        ignoredSku = ignoredListing.get("sku").asText();
        skus = api.listings(shopify, "includeHidden=true").stream().map(l -> l.get("sku").asText()).toList();
    }

    private static void workOnTwoOrders() {
        List<JsonNode> before = items(api.orders("integrationId=" + shopify));
        assertThat(before).hasSizeGreaterThan(20);
        // two orders the roaster still works on (a shop-cancelled one is imported archived, a shipped one completed)
        List<JsonNode> workable = before.stream().filter(o -> o.get("status").asText().equals("RECEIVED")).toList();
        assertThat(workable).hasSizeGreaterThanOrEqualTo(2);
        inProgress = workable.get(0).get("id").asLong();
        archived = workable.get(1).get("id").asLong();
        assertThat(host.patch("/api/v1/orders/" + inProgress, Map.of("status", "IN_PROGRESS",
                "acknowledgeWarnings", true)).status()).isEqualTo(200);
        assertThat(host.post("/api/v1/orders/archive", Map.of("ids", List.of(archived))).status()).isEqualTo(200);
        byNumber = new TreeMap<>();
        items(api.orders("integrationId=" + shopify)).forEach(o -> byNumber.put(o.get("externalRef").asText().substring(1), o));
        assertThat(byNumber.keySet()).allSatisfy(n -> assertThat(n).matches("1\\d{3}"));
    }

    static Map<String, Object> shopifyForm() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", "shopify");
        body.put("name", "Roastery");
        body.put("customerType", "RETAIL");
        body.put("shopUrl", "https://" + shop.shopifyDomain());
        body.put("credentials", Map.of("accessToken", shop.shopifyAccessToken()));
        body.put("syncStartDate", START.toString());
        return body;
    }

    static Map<String, Object> shipStationForm(String secret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", "shipstation");
        body.put("name", "Roastery"); // the roaster keeps the name: the predecessor's does not count as taken
        body.put("customerType", "RETAIL");
        body.put("shopUrl", "https://ship.roastery.example.com");
        body.put("credentials", Map.of("apiKey", shop.apiKey(), "apiSecret", secret));
        body.put("syncStartDate", START.toString());
        return body;
    }

    static String switchPath() {
        return "/api/v1/integrations/" + shopify + "/switch";
    }

    /**
     * Each SKU's listing as it should stand on ShipStation: {@code stateField} MAPPED (with {@code variant}'s fields
     * naming the same variant as on Shopify), IGNORED for the ignored SKU, NEW for the rest.
     */
    static Map<String, Map<String, Object>> expectedListings(String stateField, Function<Long, Map<String, Object>> variant) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (String sku : skus) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("sku", sku);
            if (variantBySku.containsKey(sku)) {
                l.put(stateField, "MAPPED");
                l.putAll(variant.apply(variantBySku.get(sku)));
            } else {
                l.put(stateField, sku.equals(ignoredSku) ? "IGNORED" : "NEW");
            }
            out.put(sku, l);
        }
        return out;
    }

    /** Forms the switch refuses. */
    @Nested
    @Order(1)
    class ARejectedForm {
        @Test
        void theShopRefusingTheKeysChangesNothing() {
            // when
            TestHost.Response rejected = host.post(switchPath(), shipStationForm("wrong-secret"));

            // then
            assertThat(rejected.status()).as("%s", rejected).isEqualTo(422);
            assertThatJson(rejected.body()).node("type").isEqualTo("https://shoplink.dev/problems/invalid-credentials");
            assertThat(snapshot()).isEqualTo(state);
        }

        @Test
        void aFieldMissingChangesNothing() {
            // given
            Map<String, Object> noName = shipStationForm(shop.apiSecret());
            noName.remove("name");

            // when
            TestHost.Response invalid = host.post(switchPath() + "?dryRun=true", noName);

            // then
            assertThat(invalid.status()).isEqualTo(422);
            assertThatJson(invalid.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"errors": [{"field": "name"}]}""");
            assertThat(snapshot()).isEqualTo(state);
        }
    }

    /** The dry run of the switch to ShipStation. */
    @Nested
    @Order(2)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ADryRun {
        TestHost.Response dry;

        @BeforeAll
        void dryRun() {
            dry = host.post(switchPath() + "?dryRun=true", shipStationForm(shop.apiSecret()));
        }

        @Test
        void reportsWithoutAnIntegrationAndWithoutConflicts() {
            assertThat(dry.status()).as("%s", dry).isEqualTo(200);
            assertThatJson(dry.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"dryRun": true, "conflicts": []}""");
            assertThatJson(dry.body()).isObject().doesNotContainKey("integration");
        }

        @Test
        void mapsEveryKnownSkuAndKeepsTheIgnoredOneIgnored() {
            JsonNode listings = dry.json().get("listings");

            assertThatJson(listings).when(IGNORING_EXTRA_FIELDS).isEqualTo(Map.of(
                    "total", 30, "mapped", variantBySku.size(), "ignored", 1, "newSkus", 30 - variantBySku.size() - 1));
            assertThatJson(listings).node("items").as("every listing has its outcome").isArray().hasSize(30);
            assertThatJson(keyedBy("sku", listings.get("items"))).when(IGNORING_EXTRA_FIELDS)
                    .isEqualTo(expectedListings("outcome", v -> Map.of("variantId", v)));
        }

        @Test
        void linksEveryOrderUnderItsTagAndBothReferences() {
            JsonNode orders = dry.json().get("orders");
            Map<String, Object> links = new TreeMap<>();
            byNumber.forEach((number, order) -> links.put(number, Map.of("orderNumber", number, "tag", order.get("tag").asText(),
                    "predecessorRef", "#" + number, "newRef", number)));

            assertThatJson(orders).when(IGNORING_EXTRA_FIELDS).isEqualTo(Map.of(
                    "linked", byNumber.size(), "newOrders", 0, "predecessorKept", 0));
            assertThatJson(orders).node("links").as("every order has its link").isArray().hasSize(byNumber.size());
            assertThatJson(keyedBy("orderNumber", orders.get("links"))).when(IGNORING_EXTRA_FIELDS).isEqualTo(links);
        }

        @Test
        void changesNothing() {
            assertThat(snapshot()).as("a dry run changes nothing").isEqualTo(state);
        }
    }

    /** The switch to ShipStation, after a dry run, and the first sync it starts. */
    @Nested
    @Order(3)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TheSwitch {
        JsonNode report;
        TestHost.Response done;
        long shipStation;
        JsonNode sync;

        @BeforeAll
        void switchShops() {
            // given
            report = host.post(switchPath() + "?dryRun=true", shipStationForm(shop.apiSecret())).json();

            // when
            done = host.post(switchPath(), shipStationForm(shop.apiSecret()));
            assertThat(done.status()).as("%s", done).isEqualTo(201);
            shipStation = done.json().at("/integration/id").asLong();
            sync = api.awaitFinished(done.json().get("syncId").asLong());
        }

        @Test
        void answersTheNewIntegrationWithWhatTheDryRunReported() {
            assertThatJson(done.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {
                      "integration": {"connector": "shipstation", "name": "Roastery"},
                      "from": {"status": "DISCONNECTED"},
                      "disconnected": {"ordersArchived": 0},
                      "orders": {"linked": %s}
                    }""".formatted(report.at("/orders/linked")));
            assertThatJson(done.body()).node("listings").isEqualTo(report.get("listings"));
        }

        @Test
        void startsASyncThatSucceeds() {
            assertThatJson(sync).as("%s", sync).node("state").isEqualTo("SUCCEEDED");
        }

        @Test
        void leavesNoWizardRowForAKnownSku() {
            Map<String, Map<String, Object>> expected = expectedListings("state", v -> Map.of("mapping", Map.of("variantId", v)));
            List<JsonNode> listings = api.listings(shipStation, "includeHidden=true");

            assertThat(listings).hasSize(30);
            assertThatJson(keyedBy("sku", listings)).when(IGNORING_EXTRA_FIELDS).isEqualTo(expected);
            expected.values().removeIf(l -> !l.get("state").equals("NEW"));
            List<JsonNode> offered = api.listings(shipStation, "state=NEW");
            assertThat(offered).hasSize(expected.size());
            assertThatJson(keyedBy("sku", offered)).when(IGNORING_EXTRA_FIELDS).isEqualTo(expected);
        }

        @Test
        void importsNoOrderTwiceAndKeepsTheirTagsAndTheRoastersStatuses() {
            JsonNode orders = api.orders("").get("items");

            // the reference follows ShipStation
            assertThat(orders).hasSize(byNumber.size());
            assertThatJson(keyedBy("externalRef", orders)).when(IGNORING_EXTRA_FIELDS).isEqualTo(expectedOrders());
            assertThatJson(api.orders("status=IN_PROGRESS")).node("items[0].id").isEqualTo(inProgress);
            assertThatJson(api.orders("status=ARCHIVED")).node("items[0].id").isEqualTo(archived);
        }

        private Map<String, Object> expectedOrders() {
            Map<String, Object> out = new TreeMap<>();
            byNumber.forEach((number, was) -> out.put(number, Map.of("id", was.get("id").asLong(), "tag", was.get("tag").asText(),
                    "status", was.get("status").asText(), "integrationId", shipStation,
                    "items", Collections.nCopies(was.get("items").size(), Map.of()))));
            return out;
        }

        @Test
        void disconnectsThePredecessorLikeADisconnectKeepingItsHistory() {
            // when
            JsonNode old = api.integration(shopify);

            // then
            assertThatJson(old).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"status": "DISCONNECTED", "counts": {"listingsMapped": %d, "listingsIgnored": 1}}"""
                    .formatted(variantBySku.size()));
            assertThatJson(old).node("credentials").isObject().isEmpty();
        }

        @Test
        void aSecondSyncOfTheNewShopImportsNoOrderTwice() {
            // when
            api.syncAndWait(shipStation, "all");

            // then
            assertThatJson(api.orders("")).node("items").isArray().hasSize(byNumber.size());
        }
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> out = new ArrayList<>();
        page.get("items").forEach(out::add);
        return out;
    }

    /** What the admin API shows of integrations, listings and orders. */
    private static String snapshot() {
        StringBuilder s = new StringBuilder();
        JsonNode integrations = host.get("/api/v1/integrations?includeDisconnected=true").json().get("items");
        s.append(integrations.toString());
        for (JsonNode i : integrations) {
            s.append(api.listings(i.get("id").asLong(), "includeHidden=true"));
        }
        s.append(api.orders("").toString());
        return s.toString();
    }

}
