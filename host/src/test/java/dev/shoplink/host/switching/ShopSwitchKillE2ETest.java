package dev.shoplink.host.switching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.ChildHost;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.TestHost;
import dev.shoplink.simulator.ShopSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A switch is atomic: the host (its own JVM) is killed with SIGKILL while the switch's transaction holds all its
 * writes (a test-only pause before the commit, {@code -Dshoplink.test.switchPauseMillis}); started again, it shows
 * exactly the old state. Killed right after the switch answered 201, it shows the whole new state, and the queued
 * first sync of the new shop resumes.
 */
class ShopSwitchKillE2ETest {
    private static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(14);

    @TempDir
    static Path dir;
    @AutoClose
    static ShopSimulator shop;

    @BeforeAll
    static void startShop() {
        shop = HostWithShop.settledShop().seed(61).products(20).orders(40).start();
    }

    @Test
    void killedInsideTheSwitchTheHostKeepsTheOldStateAndKilledAfterItTheNewOne() throws Exception {
        Path home = dir.resolve("host");
        Path log = home.resolve("host.log");
        Map<String, String> env = TestHost.env(home, shop.baseUrl());
        env.put("SHOPLINK_SHOPIFY_BASE_URL", shop.baseUrl());
        TestHost.installBundledPlugins(Path.of(env.get("SHOPLINK_PLUGINS_DIR")));
        Map<String, String> pausing = new HashMap<>(env);
        pausing.put("JAVA_TOOL_OPTIONS", "-D" + SwitchService.PAUSE_PROPERTY + "=120000");

        long shopify;
        String before;
        Map<String, Long> orderIds;
        try (ChildHost host = ChildHost.start(pausing, log).awaitReady()) {
            TestHost.Response created = host.post("/api/v1/integrations", Map.of("connector", "shopify", "name", "Roastery",
                    "customerType", "RETAIL", "shopUrl", "https://" + shop.shopifyDomain(),
                    "credentials", Map.of("accessToken", shop.shopifyAccessToken()), "syncStartDate", START.toString()));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            shopify = created.json().get("id").asLong();
            awaitSync(host, host.post("/api/v1/integrations/" + shopify + "/sync", Map.of("scope", "all")).json()
                    .get("syncId").asLong());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (JsonNode l : host.get("/api/v1/integrations/" + shopify + "/listings?state=NEW&size=500").json().get("items")) {
                rows.add(Map.of("listingId", l.get("id").asLong(), "product", Map.of("name", "P " + l.get("sku").asText()),
                        "unit", "250 g", "grindStyle", "WHOLE_BEAN"));
            }
            assertThat(rows).isNotEmpty();
            assertThat(host.post("/api/v1/integrations/" + shopify + "/mappings", Map.of("mappings", rows,
                    "acknowledgeWarnings", true)).status())
                    .isEqualTo(200);
            before = state(host, shopify);
            orderIds = orderIds(host);
            assertThat(orderIds).isNotEmpty().allSatisfy((ref, id) -> assertThat(ref).startsWith("#"));

            CompletableFuture<TestHost.Response> switching = CompletableFuture.supplyAsync(
                    () -> host.post("/api/v1/integrations/" + shopify + "/switch", shipStationForm()));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Files.readString(log).contains("pausing 120000 ms inside its transaction"));
            host.kill();
            assertThat(switching.handle((r, e) -> r == null ? "no answer" : r.toString()).get())
                    .as("the switch was killed before it answered").isEqualTo("no answer");
        }

        try (ChildHost host = ChildHost.start(env, log).awaitReady()) {
            assertThat(state(host, shopify)).as("killed inside the switch: the old state, all of it").isEqualTo(before);
            assertThat(host.get("/api/v1/integrations?includeDisconnected=true").json().get("total").asInt()).isEqualTo(1);

            TestHost.Response done = host.post("/api/v1/integrations/" + shopify + "/switch", shipStationForm());
            assertThat(done.status()).as("%s", done).isEqualTo(201);
            assertThat(done.json().at("/orders/linked").asInt()).isEqualTo(orderIds.size());
            host.kill();
        }

        try (ChildHost host = ChildHost.start(env, log).awaitReady()) {
            JsonNode integrations = host.get("/api/v1/integrations?includeDisconnected=true").json().get("items");
            assertThat(integrations).hasSize(2);
            assertThat(integrations.get(0).get("status").asText()).isEqualTo("DISCONNECTED");
            JsonNode shipStation = integrations.get(1);
            long id = shipStation.get("id").asLong();
            assertThat(shipStation.get("connector").asText()).isEqualTo("shipstation");
            JsonNode runs = host.get("/api/v1/integrations/" + id + "/syncs").json().get("items");
            assertThat(runs).hasSize(1);
            awaitSync(host, runs.get(0).get("syncId").asLong());
            Map<String, Long> after = orderIds(host);
            Map<String, Long> expected = new TreeMap<>();
            orderIds.forEach((ref, orderId) -> expected.put(ref.substring(1), orderId));
            assertThat(after).as("every order linked once, its id (and OR- tag) kept").isEqualTo(expected);
            JsonNode listings = host.get("/api/v1/integrations/" + id + "/listings?includeHidden=true&size=500").json();
            assertThat(listings.get("items").findValuesAsText("state")).contains("MAPPED");
            assertThat(host.get("/api/v1/integrations/" + id + "/listings?state=NEW&size=500").json().get("total").asInt())
                    .as("no wizard row for a mapped SKU").isZero();
        }
    }

    private static Map<String, Object> shipStationForm() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", "shipstation");
        body.put("name", "Roastery");
        body.put("customerType", "RETAIL");
        body.put("shopUrl", "https://ship.roastery.example.com");
        body.put("credentials", Map.of("apiKey", shop.apiKey(), "apiSecret", shop.apiSecret()));
        body.put("syncStartDate", START.toString());
        return body;
    }

    private static void awaitSync(ChildHost host, long syncId) {
        JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> host.get("/api/v1/syncs/" + syncId).json(),
                        s -> !List.of("QUEUED", "RUNNING", "WAITING_RATE_LIMIT").contains(s.get("state").asText()));
        assertThat(done.get("state").asText()).as("%s", done).isEqualTo("SUCCEEDED");
    }

    /** Order reference → id, over all orders. */
    private static Map<String, Long> orderIds(ChildHost host) {
        Map<String, Long> ids = new TreeMap<>();
        host.get("/api/v1/orders?size=500").json().get("items")
                .forEach(o -> ids.put(o.get("externalRef").asText(), o.get("id").asLong()));
        return ids;
    }

    /** Integrations, the predecessor's listings and syncs, every order: what the admin API shows. */
    private static String state(ChildHost host, long integrationId) throws IOException {
        return host.get("/api/v1/integrations?includeDisconnected=true").body()
                + host.get("/api/v1/integrations/" + integrationId + "/listings?includeHidden=true&size=500").body()
                + host.get("/api/v1/integrations/" + integrationId + "/syncs").body()
                + host.get("/api/v1/orders?size=500").body();
    }
}
