package dev.shoplink.host.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.testing.AdminCalls;
import dev.shoplink.host.testing.HostWithShop;
import dev.shoplink.host.testing.ShipStationStub;
import dev.shoplink.host.testing.ShipStationStub.Item;
import dev.shoplink.host.testing.ShipStationStub.Order;
import dev.shoplink.host.testing.TestHost;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orders overview's {@code next} links over HTTP: a walk from page 1 through {@code next} returns every order
 * once, in order, while a sync inserts orders between the requests; the filters stay in the links; a cursor the
 * API did not issue is a 422 naming {@code after}; {@code total} is exact for a small list.
 */
class OrderPagingE2ETest {
    @TempDir
    static Path dir;
    @AutoClose
    static HostWithShop<ShipStationStub> running;
    static ShipStationStub shipStation;
    static TestHost host;
    static AdminCalls api;

    static final LocalDate START = LocalDate.now(ZoneOffset.UTC).minusDays(20);

    @BeforeAll
    static void start() {
        running = HostWithShop.shipStation(dir);
        shipStation = running.shop();
        host = running.host();
        api = running.api();
    }

    /** {@code count} orders, two a day at 10:00 and 10:00 (the same instant: the id breaks the tie) from {@code day0}. */
    static List<Order> orders(long firstId, String prefix, int count, String sku) {
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(Order.of(firstId + i, prefix + "-" + i, START.plusDays(i / 2).atTime(10, 0),
                    Item.of((firstId + i) * 10, null, sku, "Coffee " + sku, 1, "12.00"))
                    .customer(i % 2 == 0 ? "Ada Okafor" : "Ben Quartermain", "buyer" + i + "@example.com"));
        }
        return orders;
    }

    static JsonNode get(String path) {
        TestHost.Response r = host.get(path);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    @Test
    void nextLinksWalkEveryOrderOnceWhileOrdersArrive() {
        ShipStationStub.Account first = shipStation.account().orders(orders(81_000, "PA", 30, "PA-SKU"));
        long a = api.createIntegration(first, START);
        api.syncAndWait(a, "all");
        List<String> before = get("/api/v1/orders?size=500").get("items").findValuesAsText("externalRef");
        assertThat(before).hasSize(30);

        JsonNode page = get("/api/v1/orders?size=4&open=false");
        assertThat(page.get("total").asLong()).isEqualTo(30);
        assertThat(page.get("totalExact").asBoolean()).isTrue();
        List<String> walked = new ArrayList<>(page.get("items").findValuesAsText("externalRef"));
        int expectedPage = 1;
        boolean inserted = false;
        while (page.hasNonNull("next")) {
            assertThat(page.get("page").asInt()).isEqualTo(expectedPage++);
            String next = page.get("next").asText();
            assertThat(next).startsWith("/api/v1/orders?").contains("size=4").contains("open=false")
                    .doesNotContain("page=");
            if (!inserted && walked.size() >= 12) {
                // between two requests, a second shop's sync inserts orders newer, older and amid those read
                long b = api.createIntegration(shipStation.account().orders(orders(82_000, "PB", 24, "PB-SKU")), START);
                api.syncAndWait(b, "all");
                inserted = true;
            }
            page = get(next);
            walked.addAll(page.get("items").findValuesAsText("externalRef"));
        }
        assertThat(inserted).isTrue();
        Set<String> distinct = new HashSet<>(walked);
        assertThat(distinct).as("no order twice").hasSize(walked.size());
        List<String> original = walked.stream().filter(r -> r.startsWith("PA-")).toList();
        assertThat(original).as("every order that was there, once and in order").isEqualTo(before);
        List<String> now = get("/api/v1/orders?size=500").get("items").findValuesAsText("externalRef");
        assertThat(now).hasSize(54).containsAll(walked);
        assertThat(page.get("total").asLong()).isEqualTo(54);
        // the last page by number: its total comes from the page itself, and is the same
        JsonNode last = get("/api/v1/orders?size=50&page=2");
        assertThat(last.get("items")).hasSize(4);
        assertThat(last.get("total").asLong()).isEqualTo(54);
        assertThat(last.get("totalExact").asBoolean()).isTrue();
        assertThat(last.hasNonNull("next")).isFalse();
        assertThat(get("/api/v1/orders?size=50&page=3").get("total").asLong()).as("past the end").isEqualTo(54);

        // the filters stay in the links: status, text and dates
        JsonNode filtered = get("/api/v1/orders?size=3&status=received&q=okafor&from=" + START);
        List<String> okafor = new ArrayList<>(filtered.get("items").findValuesAsText("externalRef"));
        while (filtered.hasNonNull("next")) {
            assertThat(filtered.get("next").asText()).contains("q=okafor").contains("status=received")
                    .contains("from=" + START);
            filtered = get(filtered.get("next").asText());
            okafor.addAll(filtered.get("items").findValuesAsText("externalRef"));
        }
        List<String> expected = get("/api/v1/orders?size=500&q=okafor").get("items")
                .findValuesAsText("externalRef");
        assertThat(okafor).hasSize(27).isEqualTo(expected);
        assertThat(filtered.get("total").asLong()).isEqualTo(27);
    }

    @Test
    void aCursorTheApiDidNotIssueIsRefusedNamingIt() {
        for (String bad : List.of("xyz", "bzEuMTIzLjQ1", "a_b-c", "bzEuMTIzLjQ1LjE")) {
            TestHost.Response r = host.get("/api/v1/orders?after=" + bad);
            assertThat(r.status()).as("%s: %s", bad, r).isEqualTo(422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly("after");
        }
        String valid = new OrderCursor(java.time.Instant.parse("2026-11-20T10:00:00Z"), 5, 2).encode();
        assertThat(host.get("/api/v1/orders?after=" + valid).status()).isEqualTo(200);
        TestHost.Response both = host.get("/api/v1/orders?page=3&after=" + valid);
        assertThat(both.status()).isEqualTo(422);
        assertThat(both.json().get("errors").findValuesAsText("field")).containsExactly("after");
    }
}
