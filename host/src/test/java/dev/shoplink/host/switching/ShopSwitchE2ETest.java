package dev.shoplink.host.switching;

import static dev.shoplink.host.testing.AdminCalls.productNamed;
import static dev.shoplink.host.testing.AdminCalls.row;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's "Done when": the real host with the real Shopify and ShipStation archives against the shop simulator,
 * which serves one shop on both sides (same SKUs, order numbers from 1001; "#1001" on Shopify, "1001" on
 * ShipStation). A Shopify integration is synchronized, its listings mapped (one ignored), its orders imported and
 * handled by the roaster; a dry run of the switch to ShipStation reports and changes nothing; a rejected form
 * changes nothing; the switch then leaves no wizard row for a known SKU, no order twice, every OR- tag unchanged.
 */
class ShopSwitchE2ETest {
    private static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(14);

    @TempDir
    static Path dir;
    @AutoClose
    static HostWithShop<ShopSimulator> running;
    static ShopSimulator shop;
    static TestHost host;
    static AdminCalls api;

    @BeforeAll
    static void start() {
        running = HostWithShop.simulator(dir, HostWithShop.settledShop().seed(47).products(30).orders(60).start());
        shop = running.shop();
        host = running.host();
        api = running.api();
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

    @Test
    void switchingFromShopifyToShipStationKeepsEveryMappingAndImportsNoOrderTwice() {
        long shopify = api.createIntegration(shopifyForm()).get("id").asLong();
        api.syncAndWait(shopify, "all");

        // the roaster ignores one listing and maps every other one the wizard offers
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
        Map<String, Long> variantBySku = new HashMap<>();
        api.listings(shopify, "state=MAPPED&includeHidden=true")
                .forEach(l -> variantBySku.put(l.get("sku").asText(), l.at("/mapping/variantId").asLong()));
        assertThat(variantBySku).hasSize(offered.size() - 1);
        String ignoredSku = ignoredListing.get("sku").asText();

        // the roaster works on orders: one in progress, one archived
        List<JsonNode> before = items(api.orders("integrationId=" + shopify));
        assertThat(before).hasSizeGreaterThan(20);
        // two orders the roaster still works on (a shop-cancelled one is imported archived, a shipped one completed)
        List<JsonNode> workable = before.stream().filter(o -> o.get("status").asText().equals("RECEIVED")).toList();
        assertThat(workable).hasSizeGreaterThanOrEqualTo(2);
        long inProgress = workable.get(0).get("id").asLong();
        long archived = workable.get(1).get("id").asLong();
        assertThat(host.patch("/api/v1/orders/" + inProgress, Map.of("status", "IN_PROGRESS",
                "acknowledgeWarnings", true)).status()).isEqualTo(200);
        assertThat(host.post("/api/v1/orders/archive", Map.of("ids", List.of(archived))).status()).isEqualTo(200);
        Map<String, JsonNode> byNumber = new TreeMap<>();
        items(api.orders("integrationId=" + shopify)).forEach(o -> byNumber.put(o.get("externalRef").asText().substring(1), o));
        assertThat(byNumber.keySet()).allSatisfy(n -> assertThat(n).matches("1\\d{3}"));
        String state = snapshot();

        // a rejected form changes nothing, whether the fields or the shop reject it
        TestHost.Response rejected = host.post("/api/v1/integrations/" + shopify + "/switch", shipStationForm("wrong-secret"));
        assertThat(rejected.status()).as("%s", rejected).isEqualTo(422);
        assertThat(rejected.json().get("type").asText()).endsWith("invalid-credentials");
        Map<String, Object> noName = shipStationForm(shop.apiSecret());
        noName.remove("name");
        TestHost.Response invalid = host.post("/api/v1/integrations/" + shopify + "/switch?dryRun=true", noName);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().at("/errors/0/field").asText()).isEqualTo("name");
        assertThat(snapshot()).isEqualTo(state);

        // the dry run: every known SKU maps, the ignored one stays ignored, every order links; nothing changes
        TestHost.Response dry = host.post("/api/v1/integrations/" + shopify + "/switch?dryRun=true",
                shipStationForm(shop.apiSecret()));
        assertThat(dry.status()).as("%s", dry).isEqualTo(200);
        JsonNode report = dry.json();
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.has("integration")).isFalse();
        assertThat(report.get("conflicts")).isEmpty();
        assertThat(report.at("/listings/total").asInt()).isEqualTo(30);
        assertThat(report.at("/listings/mapped").asInt()).isEqualTo(variantBySku.size());
        assertThat(report.at("/listings/ignored").asInt()).isEqualTo(1);
        assertThat(report.at("/listings/newSkus").asInt()).isEqualTo(30 - variantBySku.size() - 1);
        assertThat(report.at("/listings/items")).as("every listing has its outcome below").hasSize(30);
        for (JsonNode item : report.at("/listings/items")) {
            String sku = item.get("sku").asText();
            String expected = variantBySku.containsKey(sku) ? "MAPPED" : sku.equals(ignoredSku) ? "IGNORED" : "NEW";
            assertThat(item.get("outcome").asText()).as(sku).isEqualTo(expected);
            if (expected.equals("MAPPED")) {
                assertThat(item.get("variantId").asLong()).isEqualTo(variantBySku.get(sku));
            }
        }
        assertThat(report.at("/orders/linked").asInt()).isEqualTo(byNumber.size());
        assertThat(report.at("/orders/newOrders").asInt()).isZero();
        assertThat(report.at("/orders/predecessorKept").asInt()).isZero();
        assertThat(report.at("/orders/links")).as("every link is checked below").hasSize(byNumber.size());
        for (JsonNode link : report.at("/orders/links")) {
            JsonNode theirs = byNumber.get(link.get("orderNumber").asText());
            assertThat(link.get("tag").asText()).isEqualTo(theirs.get("tag").asText());
            assertThat(link.get("predecessorRef").asText()).isEqualTo("#" + link.get("orderNumber").asText());
            assertThat(link.get("newRef").asText()).isEqualTo(link.get("orderNumber").asText());
        }
        assertThat(snapshot()).as("a dry run changes nothing").isEqualTo(state);

        // the switch
        TestHost.Response done = host.post("/api/v1/integrations/" + shopify + "/switch", shipStationForm(shop.apiSecret()));
        assertThat(done.status()).as("%s", done).isEqualTo(201);
        JsonNode result = done.json();
        long shipStation = result.at("/integration/id").asLong();
        assertThat(result.at("/integration/connector").asText()).isEqualTo("shipstation");
        assertThat(result.at("/integration/name").asText()).isEqualTo("Roastery");
        assertThat(result.at("/from/status").asText()).isEqualTo("DISCONNECTED");
        assertThat(result.at("/disconnected/ordersArchived").asInt()).isZero();
        assertThat(result.get("listings")).isEqualTo(report.get("listings"));
        assertThat(result.at("/orders/linked")).isEqualTo(report.at("/orders/linked"));
        JsonNode sync = api.awaitFinished(result.get("syncId").asLong());
        assertThat(sync.get("state").asText()).as("%s", sync).isEqualTo("SUCCEEDED");

        // zero wizard rows for known SKUs: every mapped SKU arrives MAPPED to the same variant, the ignored one IGNORED
        List<JsonNode> listings = api.listings(shipStation, "includeHidden=true");
        assertThat(listings).hasSize(30);
        for (JsonNode l : listings) {
            String sku = l.get("sku").asText();
            if (variantBySku.containsKey(sku)) {
                assertThat(l.get("state").asText()).as(sku).isEqualTo("MAPPED");
                assertThat(l.at("/mapping/variantId").asLong()).as(sku).isEqualTo(variantBySku.get(sku));
            } else if (sku.equals(ignoredSku)) {
                assertThat(l.get("state").asText()).isEqualTo("IGNORED");
            } else {
                assertThat(l.get("state").asText()).isEqualTo("NEW");
            }
        }
        assertThat(api.listings(shipStation, "state=NEW")).noneMatch(l -> variantBySku.containsKey(l.get("sku").asText()));

        // zero duplicated orders, the OR- tags, the roaster's status and archive unchanged; the reference follows ShipStation
        List<JsonNode> all = items(api.orders(""));
        assertThat(all).hasSize(byNumber.size());
        assertThat(all.stream().map(o -> o.get("externalRef").asText()).collect(Collectors.toSet())).isEqualTo(byNumber.keySet());
        for (JsonNode o : all) {
            JsonNode was = byNumber.get(o.get("externalRef").asText());
            assertThat(o.get("id").asLong()).isEqualTo(was.get("id").asLong());
            assertThat(o.get("tag").asText()).isEqualTo(was.get("tag").asText());
            assertThat(o.get("status").asText()).isEqualTo(was.get("status").asText());
            assertThat(o.get("integrationId").asLong()).isEqualTo(shipStation);
            assertThat(o.get("items").size()).isEqualTo(was.get("items").size());
        }
        assertThat(api.orders("status=IN_PROGRESS").at("/items/0/id").asLong()).isEqualTo(inProgress);
        assertThat(api.orders("status=ARCHIVED").at("/items/0/id").asLong()).isEqualTo(archived);

        // the predecessor: disconnected like a disconnect, its history kept
        JsonNode old = api.integration(shopify);
        assertThat(old.get("status").asText()).isEqualTo("DISCONNECTED");
        assertThat(old.get("credentials")).isEmpty();
        assertThat(old.at("/counts/listingsMapped").asInt()).isEqualTo(variantBySku.size());
        assertThat(old.at("/counts/listingsIgnored").asInt()).isEqualTo(1);

        // a second sync of the new shop changes nothing of that
        api.syncAndWait(shipStation, "all");
        assertThat(items(api.orders(""))).hasSize(byNumber.size());
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
