package dev.shoplink.host.orders;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.core.Option.IGNORING_EXTRA_FIELDS;
import static net.javacrumbs.jsonunit.core.Option.TREATING_NULL_AS_ABSENT;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    static List<String> refs(JsonNode page) {
        return page.get("items").findValuesAsText("externalRef");
    }

    /**
     * Thirty orders of one shop walked four at a time through {@code next}; once twelve are read, a second shop's sync
     * inserts 24 orders newer, older and amid those read.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AWalkWhileOrdersArrive {
        List<String> before;
        final List<JsonNode> pages = new ArrayList<>();
        final List<String> walked = new ArrayList<>();
        boolean inserted;

        @BeforeAll
        void walk() {
            // given
            long a = api.createIntegration(shipStation.account().orders(orders(81_000, "PA", 30, "PA-SKU")), START);
            api.syncAndWait(a, "all");
            before = refs(get("/api/v1/orders?size=500"));
            assertThat(before).hasSize(30);

            // when
            JsonNode page = get("/api/v1/orders?size=4&open=false");
            pages.add(page);
            walked.addAll(refs(page));
            while (page.hasNonNull("next")) {
                if (!inserted && walked.size() >= 12) {
                    long b = api.createIntegration(shipStation.account().orders(orders(82_000, "PB", 24, "PB-SKU")), START);
                    api.syncAndWait(b, "all");
                    inserted = true;
                }
                page = get(page.get("next").asText());
                pages.add(page);
                walked.addAll(refs(page));
            }
        }

        @Test
        void startsWithAnExactTotal() {
            assertThatJson(pages.get(0)).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                    {"total": 30, "totalExact": true}""");
        }

        @Test
        void numbersEveryPageAndKeepsItsSizeAndFiltersButNoPageNumberInTheLinks() {
            assertThat(inserted).isTrue();
            for (int i = 0; i < pages.size() - 1; i++) {
                assertThatJson(pages.get(i)).node("page").isEqualTo(i + 1);
                assertThatJson(pages.get(i)).node("next").isString().startsWith("/api/v1/orders?").contains("size=4")
                        .contains("open=false").doesNotContain("page=");
            }
        }

        @Test
        void returnsNoOrderTwice() {
            assertThat(new HashSet<>(walked)).as("no order twice").hasSize(walked.size());
        }

        @Test
        void returnsEveryOrderThatWasThereOnceAndInOrder() {
            assertThat(walked.stream().filter(r -> r.startsWith("PA-")).toList())
                    .as("every order that was there, once and in order").isEqualTo(before);
        }

        @Test
        void countsTheArrivedOrdersOnItsLastPage() {
            assertThat(refs(get("/api/v1/orders?size=500"))).hasSize(54).containsAll(walked);
            assertThatJson(pages.get(pages.size() - 1)).node("total").isEqualTo(54);
        }

        @Test
        void theLastPageByNumberCountsItselfTheSame() {
            // when
            JsonNode last = get("/api/v1/orders?size=50&page=2");

            // then its total comes from the page itself
            assertThatJson(last).when(IGNORING_EXTRA_FIELDS, TREATING_NULL_AS_ABSENT).isEqualTo("""
                    {"items": [{}, {}, {}, {}], "total": 54, "totalExact": true, "next": null}""");
        }

        @Test
        void aPagePastTheEndCountsTheSame() {
            assertThatJson(get("/api/v1/orders?size=50&page=3")).node("total").as("past the end").isEqualTo(54);
        }

        @Test
        void theFiltersStayInTheLinks() {
            // when walking status, text and dates filtered
            JsonNode filtered = get("/api/v1/orders?size=3&status=received&q=okafor&from=" + START);
            List<String> okafor = new ArrayList<>(refs(filtered));
            while (filtered.hasNonNull("next")) {
                assertThatJson(filtered).node("next").isString().contains("q=okafor").contains("status=received")
                        .contains("from=" + START);
                filtered = get(filtered.get("next").asText());
                okafor.addAll(refs(filtered));
            }

            // then
            assertThat(okafor).hasSize(27).isEqualTo(refs(get("/api/v1/orders?size=500&q=okafor")));
            assertThatJson(filtered).node("total").isEqualTo(27);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"xyz", "bzEuMTIzLjQ1", "a_b-c", "bzEuMTIzLjQ1LjE"})
    void aCursorTheApiDidNotIssueIsRefusedNamingIt(String bad) {
        // when
        TestHost.Response r = host.get("/api/v1/orders?after=" + bad);

        // then
        assertThat(r.status()).as("%s: %s", bad, r).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThatJson(r.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"errors": [{"field": "after"}]}""");
    }

    @Test
    void aCursorTheApiCouldIssueIsTaken() {
        // given
        String valid = new OrderCursor(java.time.Instant.parse("2026-11-20T10:00:00Z"), 5, 2).encode();

        // when
        TestHost.Response r = host.get("/api/v1/orders?after=" + valid);

        // then
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void aCursorWithAPageNumberIsRefusedNamingTheCursor() {
        // given
        String valid = new OrderCursor(java.time.Instant.parse("2026-11-20T10:00:00Z"), 5, 2).encode();

        // when
        TestHost.Response both = host.get("/api/v1/orders?page=3&after=" + valid);

        // then
        assertThat(both.status()).isEqualTo(422);
        assertThatJson(both.body()).when(IGNORING_EXTRA_FIELDS).isEqualTo("""
                {"errors": [{"field": "after"}]}""");
    }
}
