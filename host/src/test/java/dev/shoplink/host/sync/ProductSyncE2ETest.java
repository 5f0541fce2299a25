package dev.shoplink.host.sync;

import static dev.shoplink.host.testing.AdminCalls.productNamed;
import static dev.shoplink.host.testing.AdminCalls.row;
import static dev.shoplink.host.testing.ShipStationStub.pacificNow;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.ShipStationStub;
import dev.shoplink.host.testing.ShipStationStub.Product;
import dev.shoplink.host.testing.TestHost;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Product synchronization end to end: the real host (UTC zone) syncs from WireMock playing
 * ShipStation, and everything is checked through the admin API.
 */
class ProductSyncE2ETest {
    @TempDir
    static Path dir;
    @AutoClose
    static HostWithShop<ShipStationStub> running;
    static ShipStationStub shipStation;
    static TestHost host;
    static AdminCalls api;

    /** The host runs in UTC: its "today" decides what the start date means. */
    static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    /** Created well after the start date began, in ShipStation's wall-clock time. */
    static final LocalDateTime RECENT = pacificNow().minusHours(3);
    /** Created days before the start date. */
    static final LocalDateTime OLD = START.minusDays(3).atTime(10, 15, 42);

    @BeforeAll
    static void start() {
        running = HostWithShop.shipStation(dir);
        shipStation = running.shop();
        host = running.host();
        api = running.api();
    }

    /** Six products on three pages: page 1 holds one created before the start date, page 2 one without a name. */
    private static List<List<Product>> threePages(String prefix) {
        return List.of(
                List.of(Product.of(101, prefix + "-ETH-250-WB", "Ethiopia Guji 250 g", RECENT),
                        Product.of(102, prefix + "-KEN-1KG-WB", "Kenya AA 1 kg", OLD)),
                List.of(Product.of(103, prefix + "-NONAME", null, RECENT.plusMinutes(1)),
                        Product.of(104, prefix + "-COL-340-FI", "Colombia Huila 340 g", RECENT.plusMinutes(2))),
                List.of(Product.of(105, prefix + "-BRA-1KG-ES", "Brazil Cerrado 1 kg", RECENT.plusMinutes(3)),
                        Product.of(106, prefix + "-GUA-250-FP", "Guatemala Antigua 250 g", RECENT.plusMinutes(4))));
    }

    @SuppressWarnings("unchecked")
    private static ShipStationStub.Account shopWith(List<List<Product>> pages) {
        return shipStation.account().products(pages.toArray(new List[0]));
    }

    /**
     * One first product sync of three pages: one product created before the start date, one without a name.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AFirstProductSync {
        ShipStationStub.Account shop;
        long integration;
        long syncId;
        JsonNode done;

        @BeforeAll
        void sync() {
            // given
            shop = shopWith(threePages("P3"));
            integration = api.createIntegration(shop, START);

            // when
            TestHost.Response started = host.post("/api/v1/integrations/" + integration + "/sync", Map.of("scope", "products"));
            assertThat(started.status()).as("%s", started).isEqualTo(202);
            syncId = started.json().get("syncId").asLong();
            assertThat(syncId).isPositive();
            done = api.awaitFinished(syncId);
        }

        @Test
        void finishesWithEveryPageAndProductCountedAndIsInTheHistory() {
            assertThatJson(done).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {
                      "state": "SUCCEEDED",
                      "scope": "PRODUCTS",
                      "progress": {"pagesDone": 3, "pagesTotal": 3, "items": 6},
                      "startedAt": "${json-unit.any-string}",
                      "finishedAt": "${json-unit.any-string}",
                      "error": null
                    }""");
            JsonNode history = host.get("/api/v1/integrations/" + integration + "/syncs").json();
            assertThatJson(history).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"total": 1, "items": [{"syncId": %d}]}""".formatted(syncId));
        }

        @Test
        void asksForEachPageOnceTheDocumentedWay() {
            for (int page = 1; page <= 3; page++) {
                List<LoggedRequest> requests = shop.requests("/products", page);
                assertThat(requests).as("requests for page %d", page).hasSize(1);
                assertThat(requests.get(0).queryParameter("pageSize").firstValue()).isEqualTo("500");
                assertThat(requests.get(0).queryParameter("showInactive").firstValue()).isEqualTo("true");
            }
            assertThat(shop.requests("/products", 4)).isEmpty();
        }

        @Test
        void offersTheProductsCreatedSinceTheStartDateAsNewListings() {
            List<JsonNode> offered = api.listings(integration, "");

            assertThat(offered).extracting(l -> l.get("externalId").asText())
                    .containsExactlyInAnyOrder("101", "103", "104", "105", "106");
            assertThat(offered).allSatisfy(l -> assertThatJson(l).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"state": "NEW", "active": true, "offered": true}"""));
            assertThatJson(api.listing(integration, 101)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"sku": "P3-ETH-250-WB", "name": "Ethiopia Guji 250 g", "price": "14.50", "problem": null, "mapping": null}""");
        }

        @Test
        void keepsTheUnnamedProductWithAProblem() {
            JsonNode unnamed = api.listing(integration, 103);

            assertThat(unnamed.get("name").asText()).isEmpty();
            assertThat(unnamed.get("problem").asText()).contains("ShipStation product 103 has no name")
                    .contains("synchronize again");
        }

        @Test
        void keepsTheProductOlderThanTheStartDateOutOfTheWizard() {
            assertThat(api.listings(integration, "includeHidden=true")).hasSize(6);
            assertThatJson(api.listing(integration, 102)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"offered": false, "state": "NEW"}""");
            assertThat(host.get("/api/v1/integrations/" + integration + "/listings").json().get("total").asLong()).isEqualTo(5);
        }

        @Test
        void leavesTheIntegrationConnectedWithItsStartDateLocked() {
            assertThatJson(api.integration(integration)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {
                      "status": "CONNECTED",
                      "syncStartDateLocked": true,
                      "lastSyncAt": "${json-unit.any-string}",
                      "counts": {"listingsNew": 5}
                    }""");
        }
    }

    @Test
    void waitsOutARateLimitInTheMiddleWithoutHammeringTheShop() {
        // given
        ShipStationStub.Account shop = shopWith(threePages("RL")).tooManyRequestsOnce("/products", 2, 1);
        long integration = api.createIntegration(shop, START);

        // when
        List<JsonNode> seen = new ArrayList<>();
        JsonNode done = api.awaitFinished(api.startSync(integration, "products"), seen);

        // then
        assertThatJson(done).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"state": "SUCCEEDED", "waitUntil": null, "progress": {"pagesDone": 3, "items": 6}}""");
        JsonNode waiting = seen.stream().filter(s -> s.get("state").asText().equals("WAITING_RATE_LIMIT")).findFirst()
                .orElseThrow(() -> new AssertionError("never seen waiting: " + seen));
        assertThat(Instant.parse(waiting.get("waitUntil").asText())).isAfter(Instant.parse(waiting.get("startedAt").asText()));
        assertThat(waiting.at("/progress/pagesDone").asInt()).as("page 1 committed before the wait").isEqualTo(1);
        assertThat(api.listings(integration, "includeHidden=true")).hasSize(6);
        // one 429, then one retry after the wait: no hammering
        assertThat(shop.requests("/products", 2)).hasSize(2);
        assertThat(shop.requests("/products", 1)).hasSize(1);
        assertThat(shop.requests("/products", 3)).hasSize(1);
    }

    @Test
    void retriesServerErrorsAndFinishesWithEveryRow() {
        // given
        ShipStationStub.Account shop = shopWith(threePages("SE")).serverErrors("/products", 2, 500, 2);
        long integration = api.createIntegration(shop, START);

        // when
        JsonNode done = api.awaitFinished(api.startSync(integration, "products"));

        // then: a later success clears the error
        assertThatJson(done).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"state": "SUCCEEDED", "error": null, "progress": {"items": 6}}""");
        assertThat(shop.requests("/products", 2)).hasSize(3);
        // page 1 was committed before the failures and not fetched again
        assertThat(shop.requests("/products", 1)).hasSize(1);
        assertThat(api.listings(integration, "includeHidden=true")).hasSize(6);
        assertThat(api.integration(integration).get("status").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void givesUpWhenTheShopStaysDownAndSaysWhy() {
        // given
        ShipStationStub.Account shop = shopWith(threePages("DN")).serverErrors("/products", 1, 503, 50);
        long integration = api.createIntegration(shop, START);

        // when
        JsonNode done = api.awaitFinished(api.startSync(integration, "products"));

        // then
        assertThat(done.get("state").asText()).isEqualTo("FAILED");
        assertThat(done.get("error").asText()).contains("unavailable").contains("503").contains("gave up after 6 attempts");
        assertThat(shop.requests("/products", 1)).hasSize(6);
        JsonNode after = api.integration(integration);
        assertThat(after.get("status").asText()).isEqualTo("ERROR");
        assertThat(after.get("statusDetail").asText()).contains("gave up");
    }

    @Test
    void resyncUpdatesInPlaceKeepsMappingsAndIgnoresAndMarksVanishedProductsInactive() {
        // given a synced shop: Guji mapped, Kenya ignored, one product without a name
        Product guji = Product.of(201, "RS-ETH-250-WB", "Ethiopia Guji", RECENT);
        Product kenya = Product.of(202, "RS-KEN-250-WB", "Kenya AA", RECENT);
        Product colombia = Product.of(203, "RS-COL-250-WB", "Colombia Huila", RECENT);
        Product unnamed = Product.of(204, "RS-BRA-250-WB", null, RECENT);
        ShipStationStub.Account shop = shipStation.account().products(List.of(guji, kenya), List.of(colombia, unnamed));
        long integration = api.createIntegration(shop, START);
        api.syncAndWait(integration, "products");

        long gujiId = api.listing(integration, 201).get("id").asLong();
        long kenyaId = api.listing(integration, 202).get("id").asLong();
        long unnamedId = api.listing(integration, 204).get("id").asLong();
        TestHost.Response mapped = api.map(integration, row(gujiId, productNamed("RS Ethiopia Guji"), "250 g", "WHOLE_BEAN"));
        assertThat(mapped.status()).as("%s", mapped).isEqualTo(200);
        long variantId = mapped.json().at("/items/0/mapping/variantId").asLong();
        assertThat(host.post("/api/v1/integrations/" + integration + "/listings/" + kenyaId + "/ignore", "").status())
                .isEqualTo(200);
        // without a name it cannot be mapped yet
        TestHost.Response refused = api.map(integration, row(unnamedId, productNamed("RS Brazil"), "250 g", "WHOLE_BEAN"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("mappings[0].listingId");

        // when the shop renames Guji, reprices it, names the unnamed one; Colombia is gone
        shop.products(List.of(guji.named("Ethiopia Guji Natural").priced("15.00"), kenya.inactive()),
                List.of(unnamed.named("Brazil Cerrado")));
        JsonNode second = api.syncAndWait(integration, "products");
        assertThat(second.at("/progress/items").asLong()).isEqualTo(3);

        // then
        List<JsonNode> all = api.listings(integration, "includeHidden=true");
        assertThat(all).as("updated in place, nothing duplicated or deleted").hasSize(4);
        assertThatJson(api.listing(integration, 201)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {
                  "id": %d,
                  "name": "Ethiopia Guji Natural",
                  "price": "15.00",
                  "state": "MAPPED",
                  "mapping": {"variantId": %d, "productName": "RS Ethiopia Guji"}
                }""".formatted(gujiId, variantId));
        // deactivated in the shop
        assertThatJson(api.listing(integration, 202)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"state": "IGNORED", "active": false}""");
        assertThat(api.listing(integration, 203).get("active").asBoolean()).as("vanished").isFalse();
        assertThatJson(api.listing(integration, 204)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"id": %d, "problem": null}""".formatted(unnamedId));
        TestHost.Response nowMappable = api.map(integration, row(unnamedId, productNamed("RS Brazil"), "250 g", "WHOLE_BEAN"));
        assertThat(nowMappable.status()).as("%s", nowMappable).isEqualTo(200);

        // when a vanished product comes back, then it is active again, under the same listing
        shop.products(List.of(guji, kenya), List.of(colombia, unnamed.named("Brazil Cerrado")));
        api.syncAndWait(integration, "products");
        JsonNode back = api.listing(integration, 203);
        assertThat(back.get("active").asBoolean()).isTrue();
        assertThat(api.listings(integration, "includeHidden=true")).hasSize(4);
    }

    @Test
    void aSecondRequestWhileOneRunsReturnsTheRunningSync() {
        List<Product> products = List.of(Product.of(301, "SR-1", "Slow one", RECENT));
        ShipStationStub.Account shop = shipStation.account().delayed(1500).products(products);
        long integration = api.createIntegration(shop, START);

        long first = api.startSync(integration, "products");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.sync(first).get("state").asText().equals("RUNNING"));
        assertThat(api.integration(integration).get("status").asText()).isEqualTo("SYNCING");
        assertThat(api.startSync(integration, "products")).isEqualTo(first);
        assertThat(api.startSync(integration, "all")).isEqualTo(first);

        assertThat(api.awaitFinished(first).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(shop.requests("/products", 1)).hasSize(1);
        shop.delayed(0).products(products);
        long next = api.startSync(integration, "products");
        assertThat(next).isNotEqualTo(first);
        assertThat(api.awaitFinished(next).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(host.get("/api/v1/integrations/" + integration + "/syncs").json().get("total").asLong()).isEqualTo(2);
    }

    @Test
    void theFirstSyncLocksTheSyncStartDate() {
        ShipStationStub.Account shop = shipStation.account();
        long integration = api.createIntegration(shop, START);

        TestHost.Response before = host.patch("/api/v1/integrations/" + integration,
                Map.of("syncStartDate", START.minusDays(1).toString()));
        assertThat(before.status()).as("%s", before).isEqualTo(200);
        assertThat(before.json().get("syncStartDateLocked").asBoolean()).isFalse();

        api.syncAndWait(integration, "products");
        assertThat(api.integration(integration).get("syncStartDateLocked").asBoolean()).isTrue();

        TestHost.Response locked = host.patch("/api/v1/integrations/" + integration,
                Map.of("syncStartDate", START.toString()));
        assertThat(locked.status()).as("%s", locked).isEqualTo(409);
        assertThat(locked.contentType()).startsWith("application/problem+json");
        assertThat(locked.json().get("type").asText()).endsWith("/sync-start-date-locked");
        assertThat(api.integration(integration).get("syncStartDate").asText()).isEqualTo(START.minusDays(1).toString());
    }

    @Test
    void rejectedCredentialsFailTheSyncAndMarkTheIntegration() {
        ShipStationStub.Account shop = shopWith(threePages("CR"));
        long integration = api.createIntegration(shop, START);
        shop.rejectCredentials();

        JsonNode done = api.awaitFinished(api.startSync(integration, "products"));

        assertThat(done.get("state").asText()).isEqualTo("FAILED");
        assertThat(done.get("error").asText()).contains("rejected the stored credentials");
        assertThat(shop.requests("/products")).as("a 401 is not retried").hasSize(1);
        JsonNode after = api.integration(integration);
        assertThat(after.get("status").asText()).isEqualTo("CREDENTIALS_INVALID");
        TestHost.Response again = host.post("/api/v1/integrations/" + integration + "/sync", Map.of("scope", "products"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asText()).endsWith("/credentials-invalid");
    }

    @Test
    void anEmptyShopFinishesWithCompleteProgress() {
        long integration = api.createIntegration(shipStation.account(), START);

        JsonNode done = api.syncAndWait(integration, "all");

        assertThat(done.at("/progress/items").asLong()).isZero();
        assertThat(done.at("/progress/pagesTotal").asInt()).as("%s", done)
                .isEqualTo(done.at("/progress/pagesDone").asInt());
    }

    @Test
    void aProductWithOversizedTextIsKeptAndDoesNotBreakTheSync() {
        String longSku = "LONG-" + "X".repeat(300);
        String longName = "Very long coffee name ".repeat(60);
        ShipStationStub.Account shop = shipStation.account().products(List.of(
                Product.of(401, longSku, longName, RECENT), Product.of(402, "OV-OK", "Ordinary", RECENT)));
        long integration = api.createIntegration(shop, START);

        JsonNode done = api.syncAndWait(integration, "products");

        assertThat(done.at("/progress/items").asLong()).isEqualTo(2);
        JsonNode stored = api.listing(integration, 401);
        assertThat(stored.get("sku").asText()).isEqualTo(longSku.substring(0, 255));
        assertThat(stored.get("name").asText()).isEqualTo(longName.strip().substring(0, 1000));
        assertThat(api.listing(integration, 402).get("name").asText()).isEqualTo("Ordinary");
    }

    @Test
    void anUnexpectedFailureIsReportedByIncidentWithoutSqlOrShopData() {
        // a price no database column holds is merely a way to make the database refuse the page
        Product absurd = new Product(501, "ABSURD-1", "Secret Customer Blend", new java.math.BigDecimal("1E+20"), true,
                RECENT, RECENT);
        ShipStationStub.Account shop = shipStation.account().products(List.of(absurd));
        long integration = api.createIntegration(shop, START);

        JsonNode done = api.awaitFinished(api.startSync(integration, "products"));

        assertThat(done.get("state").asText()).isEqualTo("FAILED");
        assertThat(done.get("error").asText()).contains("incident")
                .doesNotContainIgnoringCase("merge").doesNotContainIgnoringCase("sql").doesNotContain("Secret Customer Blend");
        assertThat(api.integration(integration).get("status").asText()).isEqualTo("ERROR");
    }

    @Test
    void refusesAnUnknownScopeAndAnUnknownIntegration() {
        long integration = api.createIntegration(shipStation.account(), START);

        TestHost.Response bad = host.post("/api/v1/integrations/" + integration + "/sync", Map.of("scope", "everything"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("scope");
        assertThat(host.post("/api/v1/integrations/999999/sync", Map.of("scope", "products")).status()).isEqualTo(404);
        assertThat(host.get("/api/v1/syncs/999999").status()).isEqualTo(404);
        assertThat(host.get("/api/v1/integrations/" + integration + "/syncs").json().get("total").asLong()).isZero();
    }
}
